// The recordings page: list, play, download and delete recordings; end live sessions.
// Needs tributary.js.
//
// A <video> element cannot send an Authorization header, so media is played and downloaded
// through short-lived signed links: POST /api/recordings/{id}/media-link (with the API token)
// answers {"url": "...?exp=...&sig=...", "expiresAt": "..."}, a URL that serves only that
// recording's media until it expires; with an open API, the plain media URL and no expiry.
//
// Self-driving mode for automated tests and kiosks: ?play=ID&token=T plays recording ID (muted)
// once the page is loaded. The player's position shows in the data-current-time attribute of
// <html> and in document.title ("Tributary — playing 3.2"); a failure shows as data-state and
// title "error", with the message in #message.
'use strict';

(() => {
  const $ = id => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const PAGE_SIZE = 20;
  const REFRESH_MS = 5000;
  const savedToken = remembered('apiToken');

  // cursors[i] is the cursor of page i; page 0 has none.
  let cursors = [null];
  let page = 0;
  let refreshTimer = null;
  let playing = null;

  const token = () => $('api-token').value;

  function setState(state, message = '') {
    document.documentElement.dataset.state = state;
    $('message').textContent = message;
    if (state === 'error' && params.has('play')) document.title = 'Tributary — error';
  }

  function explain(error) {
    if (error instanceof HttpError && error.status === 401) {
      return `${error.message}\nThe API wants a token: enter the API token above.`;
    }
    if (error instanceof HttpError && error.status === 403) {
      return `${error.message}\nThe API token is not accepted.`;
    }
    return error instanceof Error ? error.message : String(error);
  }

  async function api(path, init = {}) {
    const response = await fetch(path, { ...init, headers: { ...bearer(token()), ...(init.headers || {}) } });
    if (!response.ok) throw await httpError(response);
    return response;
  }

  function query() {
    const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
    const key = $('stream-key').value.trim();
    if (key) q.set('streamKey', key);
    if ($('state').value) q.set('state', $('state').value);
    // datetime-local is the user's local time; the API takes instants.
    if ($('from').value) q.set('from', new Date($('from').value).toISOString());
    if ($('to').value) q.set('to', new Date($('to').value).toISOString());
    if (cursors[page]) q.set('cursor', cursors[page]);
    return q;
  }

  async function load() {
    clearTimeout(refreshTimer);
    setState('loading', $('message').textContent);
    try {
      const [recordings] = await Promise.all([
        api(`api/recordings?${query()}`).then(r => r.json()),
        loadSessions(),
      ]);
      render(recordings.items || []);
      cursors[page + 1] = recordings.nextCursor || null;
      $('previous').disabled = page === 0;
      $('next').disabled = !recordings.nextCursor;
      const inProgress = (recordings.items || []).some(r => r.state === 'recording');
      $('refreshing').hidden = !inProgress;
      if (inProgress) refreshTimer = setTimeout(load, REFRESH_MS);
      setState('ready');
    } catch (e) {
      setState('error', explain(e));
    }
  }

  async function loadSessions() {
    let sessions;
    try {
      sessions = await api('api/sessions').then(r => r.json());
    } catch (e) {
      // The recordings list is what this page is for; a sessions failure only hides that table.
      $('live-section').hidden = true;
      return;
    }
    const list = Array.isArray(sessions) ? sessions : (sessions.items || []);
    $('live-section').hidden = list.length === 0;
    $('live').replaceChildren(...list.map(session => row([
      text(session.streamKey),
      text(formatTime(session.startedAt)),
      text(session.state),
      text(formatBitrate(session.bitrateBps)),
      button('End', () => endSession(session)),
    ])));
  }

  function render(items) {
    $('empty').hidden = items.length > 0;
    $('recordings').replaceChildren(...items.map(recording => {
      const actions = document.createElement('span');
      actions.append(
        button('Play', () => play(recording)),
        ' ',
        button('Download', () => download(recording)),
        ' ',
        button('Delete', () => remove(recording)));
      const tr = row([
        text(formatTime(recording.startedAt)),
        text(recording.streamKey),
        text(recording.state),
        text(formatDuration(recording.durationMs)),
        text(formatBytes(recording.sizeBytes)),
        text(describeTracks(recording)),
        actions,
      ]);
      tr.dataset.id = recording.id;
      return tr;
    }));
  }

  function describeTracks(recording) {
    const tracks = (recording.tracks || []).map(t => `${t.kind} ${t.codec}`).join(', ');
    return recording.container ? `${tracks} (${recording.container})` : tracks;
  }

  function formatTime(iso) {
    return iso ? new Date(iso).toLocaleString() : '–';
  }

  function row(cells) {
    const tr = document.createElement('tr');
    for (const cell of cells) {
      const td = document.createElement('td');
      td.append(cell);
      tr.append(td);
    }
    return tr;
  }

  function text(value) {
    return document.createTextNode(value ?? '–');
  }

  function button(label, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', () => action().catch(e => setState('error', explain(e))));
    return b;
  }

  /**
   * A URL the browser can fetch the recording's media from without an Authorization header, and
   * when it stops working (epoch ms; Infinity for a plain URL).
   */
  async function mediaLink(recording) {
    const response = await api(`api/recordings/${encodeURIComponent(recording.id)}/media-link`, { method: 'POST' });
    const link = await response.json();
    return {
      url: new URL(link.url, response.url).href,
      expiresAt: link.expiresAt ? Date.parse(link.expiresAt) : Infinity,
    };
  }

  async function play(recording) {
    const player = $('player');
    $('player-section').hidden = false;
    $('player-title').textContent = `${recording.streamKey} — ${formatTime(recording.startedAt)}`;
    playing = { recording, ...await mediaLink(recording) };
    player.src = playing.url;
    player.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    await player.play().catch(() => {});
  }

  /**
   * A media error: when the link has expired (a long recording, or a player left paused), fetch
   * a fresh one and carry on where playback was; any other error is shown.
   */
  async function onPlayerError() {
    const player = $('player');
    if (!playing || !player.error) return;
    if (Date.now() < playing.expiresAt - 30000) {
      throw new Error(`Cannot play this recording (${player.error.message || `media error ${player.error.code}`})`);
    }
    const position = player.currentTime;
    const wasPlaying = !player.paused;
    Object.assign(playing, await mediaLink(playing.recording));
    player.src = playing.url;
    player.currentTime = position;
    if (wasPlaying) await player.play().catch(() => {});
  }

  async function download(recording) {
    const a = document.createElement('a');
    a.href = (await mediaLink(recording)).url;
    const extension = recording.container ? `.${recording.container}` : '';
    a.download = `${recording.streamKey}-${(recording.startedAt || recording.id).replace(/[:.]/g, '-')}${extension}`;
    document.body.append(a);
    a.click();
    a.remove();
  }

  async function remove(recording) {
    const what = `${recording.streamKey} from ${formatTime(recording.startedAt)}`;
    const warning = recording.state === 'recording' ? '\nIt is still being recorded.' : '';
    if (!confirm(`Delete the recording of ${what}?${warning}\nThis cannot be undone.`)) return;
    await api(`api/recordings/${encodeURIComponent(recording.id)}`, { method: 'DELETE' });
    if (playing && playing.recording.id === recording.id) {
      $('player').removeAttribute('src');
      $('player').load();
      $('player-section').hidden = true;
      playing = null;
    }
    await load();
  }

  async function endSession(session) {
    if (!confirm(`End the live session of ${session.streamKey}? Its recording is finalised.`)) return;
    await api(`api/sessions/${encodeURIComponent(session.id)}`, { method: 'DELETE' });
    await load();
  }

  function showPosition() {
    const position = $('player').currentTime;
    document.documentElement.dataset.currentTime = position.toFixed(3);
    // A failure stays in the title: the player emits a last timeupdate when its source is dropped.
    if (params.has('play') && document.documentElement.dataset.state !== 'error') {
      document.title = `Tributary — playing ${position.toFixed(1)}`;
    }
  }

  async function playFromQuery(id) {
    $('player').muted = true;
    const recording = await api(`api/recordings/${encodeURIComponent(id)}`).then(r => r.json());
    await play(recording);
  }

  function init() {
    $('api-token').value = params.has('token') ? params.get('token') : savedToken.get();
    $('filters').addEventListener('submit', event => {
      event.preventDefault();
      savedToken.set(token());
      cursors = [null];
      page = 0;
      load();
    });
    $('previous').addEventListener('click', () => { page = Math.max(0, page - 1); load(); });
    $('next').addEventListener('click', () => { if (cursors[page + 1]) { page++; load(); } });
    $('player').addEventListener('error', () => onPlayerError().catch(e => setState('error', explain(e))));
    $('player').addEventListener('timeupdate', showPosition);
    load();
    if (params.has('play')) playFromQuery(params.get('play')).catch(e => setState('error', explain(e)));
  }

  init();
})();
