// The publish page: camera and microphone to a WHIP endpoint. Needs tributary.js and whip.js.
//
// Self-driving mode for automated tests and kiosks: ?key=K&token=T&secs=10&video=h264&autostart=1
// publishes by itself for `secs` seconds once connected, then stops. Progress shows in the
// data-state attribute of <html> and in document.title ("Tributary — <state>"): idle, devices,
// ready, offering, connecting, publishing, stopping, stopped, done (self-driven run finished) or
// error (the message is in #message).
'use strict';

(() => {
  const $ = id => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const VIDEO_CODECS = ['H264', 'VP8', 'VP9', 'AV1'];
  const CONNECT_TIMEOUT_MS = 20000;
  const savedKey = remembered('streamKey');
  const savedToken = remembered('publishToken');

  let stream = null;
  let pc = null;
  let whip = null;
  let statsTimer = null;
  let lastStats = null;

  function setState(state, message = '') {
    document.documentElement.dataset.state = state;
    document.title = `Tributary — ${state}`;
    $('state').textContent = state;
    $('message').textContent = message;
    const busy = ['offering', 'connecting', 'publishing', 'stopping'].includes(state);
    $('start').disabled = busy || state === 'devices';
    $('stop').disabled = !busy || state === 'stopping';
    $('key').disabled = $('token').disabled = $('codec').disabled = busy;
  }

  function fail(error) {
    console.error(error);
    setState('error', error instanceof Error ? error.message : String(error));
  }

  function endpointFor(key) {
    return (params.get('endpoint') || 'whip/') + encodeURIComponent(key);
  }

  // --- devices -------------------------------------------------------------------------------

  function constraints() {
    const camera = $('camera').value;
    const microphone = $('microphone').value;
    return {
      video: camera === 'off' ? false : camera ? { deviceId: { exact: camera } } : true,
      audio: microphone === 'off' ? false : microphone ? { deviceId: { exact: microphone } } : true,
    };
  }

  /** Asks for the devices (labels are only listed once permission is granted) and previews them. */
  async function acquire() {
    const wanted = constraints();
    if (!wanted.video && !wanted.audio) throw new Error('Choose a camera or a microphone');
    const fresh = await navigator.mediaDevices.getUserMedia(wanted);
    await replaceStream(fresh);
    await listDevices();
  }

  async function replaceStream(fresh) {
    const old = stream;
    stream = fresh;
    $('preview').srcObject = fresh;
    if (pc) {
      // Publishing already: switch the senders to the new tracks without renegotiating.
      for (const transceiver of pc.getTransceivers()) {
        const kind = transceiver.receiver.track.kind;
        const track = fresh.getTracks().find(t => t.kind === kind) || null;
        await transceiver.sender.replaceTrack(track);
      }
    }
    if (old) old.getTracks().forEach(t => t.stop());
  }

  async function listDevices() {
    const devices = await navigator.mediaDevices.enumerateDevices();
    const active = kind => (stream && stream.getTracks().find(t => t.kind === kind)) || null;
    fill($('camera'), devices.filter(d => d.kind === 'videoinput'), active('video'), 'camera');
    fill($('microphone'), devices.filter(d => d.kind === 'audioinput'), active('audio'), 'microphone');
  }

  function fill(select, devices, track, noun) {
    const current = track ? track.getSettings().deviceId : select.value;
    select.replaceChildren(
      ...devices.map((device, i) => new Option(device.label || `${noun} ${i + 1}`, device.deviceId)),
      new Option(`(no ${noun})`, 'off'));
    if ([...select.options].some(o => o.value === current)) select.value = current;
  }

  // --- codecs --------------------------------------------------------------------------------

  function listCodecs() {
    const capabilities = RTCRtpSender.getCapabilities && RTCRtpSender.getCapabilities('video');
    if (!capabilities) return;
    const available = new Set(capabilities.codecs.map(c => c.mimeType.split('/')[1].toUpperCase()));
    for (const name of VIDEO_CODECS) {
      if (available.has(name)) $('codec').add(new Option(name, name));
    }
  }

  /** The chosen codec's entries first (H264: packetization mode 1, constrained baseline first) and RTX. */
  function preferredCodecs(capabilities, name) {
    const score = codec => {
      const fmtp = codec.sdpFmtpLine || '';
      return (fmtp.includes('packetization-mode=1') ? 0 : 2) + (fmtp.includes('profile-level-id=42e01f') ? 0 : 1);
    };
    const chosen = capabilities.codecs
      .filter(c => c.mimeType.toUpperCase() === `VIDEO/${name}`)
      .sort((a, b) => score(a) - score(b));
    const rtx = capabilities.codecs.filter(c => c.mimeType.toLowerCase() === 'video/rtx');
    return chosen.length ? [...chosen, ...rtx] : null;
  }

  function applyCodecPreference(transceiver, name) {
    if (!name || !transceiver.setCodecPreferences) return;
    // Browsers differ in which capability list they check the preferences against.
    const sources = [RTCRtpSender, RTCRtpReceiver];
    let lastError = null;
    for (const source of sources) {
      const codecs = preferredCodecs(source.getCapabilities('video'), name);
      if (!codecs) continue;
      try {
        transceiver.setCodecPreferences(codecs);
        return;
      } catch (e) {
        lastError = e;
      }
    }
    throw new Error(`This browser cannot send ${name}${lastError ? ` (${lastError.message})` : ''}`);
  }

  // --- publishing ----------------------------------------------------------------------------

  async function start() {
    const key = $('key').value.trim();
    if (!key) throw new Error('A stream key is needed');
    const token = $('token').value;
    savedKey.set(key);
    savedToken.set(token);
    if (!stream) {
      setState('devices');
      await acquire();
    }
    setState('offering');
    pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
    pc.addEventListener('connectionstatechange', onConnectionState);
    for (const track of stream.getTracks()) {
      const transceiver = pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
      if (track.kind === 'video') applyCodecPreference(transceiver, $('codec').value);
    }
    whip = new WhipClient(endpointFor(key), token);
    statsTimer = setInterval(() => updateStats().catch(e => console.warn('getStats failed', e)), 1000);
    await whip.publish(pc);
    $('resource').textContent = whip.resource;
    if (pc.connectionState !== 'connected') setState('connecting');
    await connected(pc);
  }

  function connected(connection) {
    if (connection.connectionState === 'connected') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Not connected after ${CONNECT_TIMEOUT_MS / 1000} s `
        + `(ICE: ${connection.iceConnectionState}); is UDP to the server blocked?`)), CONNECT_TIMEOUT_MS);
      const check = () => {
        if (connection.connectionState === 'connected') {
          clearTimeout(timer);
          resolve();
        } else if (connection.connectionState === 'failed' || connection.connectionState === 'closed') {
          clearTimeout(timer);
          reject(new Error(`Connection ${connection.connectionState}`));
        }
      };
      connection.addEventListener('connectionstatechange', check);
    });
  }

  function onConnectionState() {
    if (!pc) return;
    $('connection').textContent = `${pc.connectionState} (ICE ${pc.iceConnectionState})`;
    if (pc.connectionState === 'connected') setState('publishing');
    else if (pc.connectionState === 'failed') fail(new Error('Connection failed'));
  }

  /** Stops publishing; the DELETE ends the server's session and finalises its recording. */
  async function stop(finalState = 'stopped') {
    if (document.documentElement.dataset.state !== 'error') setState('stopping');
    clearInterval(statsTimer);
    const client = whip;
    whip = null;
    if (pc) {
      pc.close();
      pc = null;
    }
    $('connection').textContent = 'closed';
    $('resource').textContent = '–';
    if (client) await client.stop();
    if (document.documentElement.dataset.state !== 'error') setState(finalState);
  }

  async function updateStats() {
    if (!pc) return;
    const report = await pc.getStats();
    const now = performance.now();
    const sent = { video: 0, audio: 0 };
    const info = {};
    report.forEach(stat => {
      if (stat.type !== 'outbound-rtp') return;
      sent[stat.kind] = (sent[stat.kind] || 0) + (stat.bytesSent || 0) + (stat.headerBytesSent || 0);
      const codec = stat.codecId && report.get(stat.codecId);
      const parts = [codec ? codec.mimeType.split('/')[1] : '?'];
      if (stat.kind === 'video' && stat.frameWidth) {
        parts.push(`${stat.frameWidth}×${stat.frameHeight}`, `${Math.round(stat.framesPerSecond || 0)} fps`);
        if (stat.qualityLimitationReason && stat.qualityLimitationReason !== 'none') {
          parts.push(`limited by ${stat.qualityLimitationReason}`);
        }
      }
      info[stat.kind] = parts.join(', ');
    });
    if (lastStats) {
      const seconds = (now - lastStats.at) / 1000;
      const total = sent.video + sent.audio - lastStats.video - lastStats.audio;
      const video = sent.video - lastStats.video;
      const audio = sent.audio - lastStats.audio;
      $('bitrate').textContent = `${formatBitrate(total * 8 / seconds)} `
        + `(video ${formatBitrate(video * 8 / seconds)}, audio ${formatBitrate(audio * 8 / seconds)})`;
    }
    lastStats = { at: now, ...sent };
    $('video-info').textContent = info.video || '–';
    $('audio-info').textContent = info.audio || '–';
  }

  // --- wiring --------------------------------------------------------------------------------

  async function changeDevice() {
    if (!stream) return;
    try {
      await replaceStream(await navigator.mediaDevices.getUserMedia(constraints()));
    } catch (e) {
      fail(e);
    }
  }

  async function selfDrive() {
    const seconds = Number(params.get('secs') || 10);
    await start();
    await new Promise(resolve => setTimeout(resolve, seconds * 1000));
    await stop('done');
  }

  function init() {
    $('key').value = params.get('key') || savedKey.get();
    $('token').value = params.get('token') ?? savedToken.get();
    const base = new URL(params.get('endpoint') || 'whip/', document.baseURI).href;
    $('obs-url').textContent = `${base}<stream key>`;
    listCodecs();
    const wantedCodec = (params.get('video') || '').toUpperCase();
    if (wantedCodec) $('codec').value = wantedCodec;
    if (wantedCodec && $('codec').value !== wantedCodec) {
      fail(new Error(`This browser cannot send ${wantedCodec}`));
      return;
    }

    $('devices').addEventListener('click', () => {
      setState('devices');
      acquire().then(() => setState('ready'), fail);
    });
    $('camera').addEventListener('change', changeDevice);
    $('microphone').addEventListener('change', changeDevice);
    $('publish').addEventListener('submit', event => {
      event.preventDefault();
      start().catch(e => { fail(e); stop().catch(console.error); });
    });
    $('stop').addEventListener('click', () => stop().catch(fail));
    window.addEventListener('pagehide', () => { if (whip) whip.stopOnUnload(); });
    navigator.mediaDevices.addEventListener('devicechange', () => listDevices().catch(console.warn));

    if (params.get('autostart') === '1') {
      selfDrive().catch(e => { fail(e); stop().catch(console.error); });
    } else {
      // Before permission is granted the browser lists devices without names; that still shows
      // what there is.
      listDevices().catch(console.warn);
    }
  }

  init();
})();
