// Helpers shared by the publish page and the recordings page. Plain browser JavaScript, no build step.
'use strict';

/** An HTTP request that failed, with what the server said about it. */
class HttpError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'HttpError';
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

/**
 * Turns a failed response into an HttpError, reading an RFC 9457 problem detail when the body is
 * one (and Spring's plain JSON error body otherwise), so the user sees the server's explanation.
 */
async function httpError(response) {
  let title = `${response.status} ${response.statusText || 'error'}`.trim();
  let detail = '';
  const type = response.headers.get('Content-Type') || '';
  try {
    if (type.includes('json')) {
      const body = await response.json();
      if (body.title) title = `${response.status} ${body.title}`;
      else if (body.error) title = `${response.status} ${body.error}`;
      detail = body.detail || body.message || '';
    } else if (type.startsWith('text/plain')) {
      detail = (await response.text()).slice(0, 500).trim();
    }
  } catch (e) {
    // The status line alone still says what happened; a broken body is no reason to hide it.
  }
  return new HttpError(response.status, title, detail);
}

/** A value remembered in the browser's localStorage under a Tributary key. */
function remembered(name) {
  const key = `tributary.${name}`;
  return {
    get: () => { try { return localStorage.getItem(key) || ''; } catch (e) { return ''; } },
    set: value => {
      try {
        if (value) localStorage.setItem(key, value); else localStorage.removeItem(key);
      } catch (e) {
        // Storage may be disabled (private mode, policy): the page works without remembering.
      }
    },
  };
}

/** Authorization header for a bearer token, or none. */
function bearer(token) {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function formatBitrate(bitsPerSecond) {
  if (!Number.isFinite(bitsPerSecond)) return '–';
  if (bitsPerSecond >= 1e6) return `${(bitsPerSecond / 1e6).toFixed(2)} Mbit/s`;
  return `${Math.round(bitsPerSecond / 1e3)} kbit/s`;
}

function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function formatDuration(ms) {
  if (!Number.isFinite(ms)) return '–';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${m}:${ss}`;
}
