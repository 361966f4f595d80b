// A small WHIP client (RFC 9725) for a browser RTCPeerConnection. Needs tributary.js.
'use strict';

class WhipClient {
  /**
   * @param {string} endpoint the WHIP endpoint URL, e.g. "/whip/studio-1"
   * @param {string} token the bearer token, or "" for none
   * @param {{gatheringTimeoutMs?: number, requestTimeoutMs?: number}} options
   */
  constructor(endpoint, token, options = {}) {
    this.endpoint = new URL(endpoint, document.baseURI).href;
    this.token = token;
    this.gatheringTimeoutMs = options.gatheringTimeoutMs ?? 3000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15000;
    this.resource = null;
    this.etag = null;
    this.pendingCandidates = [];
    this.flushTimer = null;
  }

  /**
   * Offers the peer connection's (already added) transceivers to the endpoint and applies the
   * answer. The offer goes out once ICE gathering completes, or after the gathering timeout with
   * the candidates found so far; later candidates follow in PATCH requests (trickle ICE).
   */
  async publish(pc) {
    this.pc = pc;
    await pc.setLocalDescription(await pc.createOffer());
    const complete = await this.#gathering(pc);
    if (!complete) {
      pc.addEventListener('icecandidate', event => this.#trickle(event.candidate));
    }
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/sdp', ...bearer(this.token) },
      body: pc.localDescription.sdp,
      signal: AbortSignal.timeout(this.requestTimeoutMs),
    });
    if (response.status !== 201) throw await httpError(response);
    const location = response.headers.get('Location');
    if (!location) throw new HttpError(response.status, 'Invalid WHIP response', 'no Location header');
    this.resource = new URL(location, response.url).href;
    this.etag = response.headers.get('ETag');
    await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
    if (this.pendingCandidates.length) this.#scheduleFlush();
  }

  /** Ends the session on the server (DELETE on the resource). Safe to call more than once. */
  async stop() {
    const resource = this.resource;
    this.resource = null;
    clearTimeout(this.flushTimer);
    if (!resource) return;
    const response = await fetch(resource, {
      method: 'DELETE',
      headers: bearer(this.token),
      signal: AbortSignal.timeout(this.requestTimeoutMs),
    });
    // 404: the server ended the session already (it timed out or was deleted through the API).
    if (!response.ok && response.status !== 404) throw await httpError(response);
  }

  /**
   * Ends the session from a page that is going away: a keepalive request outlives the page,
   * where an ordinary fetch would be cancelled with it.
   */
  stopOnUnload() {
    const resource = this.resource;
    this.resource = null;
    if (resource) fetch(resource, { method: 'DELETE', headers: bearer(this.token), keepalive: true }).catch(() => {});
  }

  #gathering(pc) {
    if (pc.iceGatheringState === 'complete') return Promise.resolve(true);
    return new Promise(resolve => {
      const timer = setTimeout(() => { pc.removeEventListener('icegatheringstatechange', check); resolve(false); },
        this.gatheringTimeoutMs);
      const check = () => {
        if (pc.iceGatheringState !== 'complete') return;
        clearTimeout(timer);
        pc.removeEventListener('icegatheringstatechange', check);
        resolve(true);
      };
      pc.addEventListener('icegatheringstatechange', check);
    });
  }

  #trickle(candidate) {
    // A null candidate (or an empty one, as some browsers send) ends gathering.
    this.pendingCandidates.push(candidate && candidate.candidate ? candidate : null);
    if (this.resource) this.#scheduleFlush();
  }

  #scheduleFlush() {
    clearTimeout(this.flushTimer);
    // Candidates come in bursts: one PATCH per burst rather than one per candidate.
    this.flushTimer = setTimeout(() => this.#flush().catch(e => console.warn('WHIP trickle failed', e)), 100);
  }

  async #flush() {
    if (!this.resource || !this.pendingCandidates.length) return;
    const candidates = this.pendingCandidates.splice(0);
    const response = await fetch(this.resource, {
      method: 'PATCH',
      headers: {
        'Content-Type': 'application/trickle-ice-sdpfrag',
        'If-Match': this.etag || '*',
        ...bearer(this.token),
      },
      body: sdpFragment(this.pc.localDescription.sdp, candidates),
      signal: AbortSignal.timeout(this.requestTimeoutMs),
    });
    if (!response.ok) throw await httpError(response);
  }
}

/**
 * The RFC 8840 SDP fragment carrying trickled candidates: the ICE credentials, then per media
 * section its m= line and mid with the candidates for it; a null candidate adds
 * end-of-candidates.
 */
function sdpFragment(localSdp, candidates) {
  const lines = localSdp.split(/\r?\n/);
  const sessionLines = [];
  const sections = [];
  let section = null;
  for (const line of lines) {
    if (line.startsWith('m=')) {
      section = { mLine: line, mid: null };
      sections.push(section);
    } else if (line.startsWith('a=mid:') && section) {
      section.mid = line.substring(6);
    } else if ((line.startsWith('a=ice-ufrag:') || line.startsWith('a=ice-pwd:'))
        && !sessionLines.some(l => l.startsWith(line.substring(0, line.indexOf(':'))))) {
      sessionLines.push(line);
    } else if (line.startsWith('a=group:BUNDLE') && !section) {
      sessionLines.push(line);
    }
  }
  const ended = candidates.includes(null);
  const byMid = new Map();
  for (const candidate of candidates) {
    if (!candidate) continue;
    const mid = candidate.sdpMid ?? (sections[candidate.sdpMLineIndex] || {}).mid;
    if (!byMid.has(mid)) byMid.set(mid, []);
    byMid.get(mid).push(candidate.candidate);
  }
  const out = [...sessionLines];
  // With BUNDLE every candidate belongs to the first section; name it even if only the end is sent.
  const mids = byMid.size ? [...byMid.keys()] : [sections[0] && sections[0].mid];
  for (const mid of mids) {
    const target = sections.find(s => s.mid === mid) || sections[0];
    if (!target) continue;
    out.push(target.mLine, `a=mid:${target.mid}`);
    for (const c of byMid.get(mid) || []) out.push(`a=${c}`);
    if (ended) out.push('a=end-of-candidates');
  }
  return out.join('\r\n') + '\r\n';
}
