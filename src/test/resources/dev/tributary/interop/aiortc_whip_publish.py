#!/usr/bin/python3
"""A WHIP publisher on aiortc (Debian's aiortc 1.4 with aioice 0.8).

It publishes one video track (H264 or VP8, forced with setCodecPreferences; RTX offered beside
it) and one Opus track, both made here: a square moving over grey at 30 frames a second, and a
440 Hz tone at 48 kHz. aiortc gathers every candidate before setLocalDescription returns, so the
offer is POSTed once with its candidates (no trickling). The answer is applied; once the tracks
have produced media for --secs seconds, the session URL is DELETEd and the process exits.

aioice gathers host candidates on every interface but loopback. --ice-address lists the local
addresses to gather on instead (the tests' service listens on 127.0.0.1 only).

With --turn, aioice also allocates a relayed candidate on that TURN server. aiortc 1.4 has no
iceTransportPolicy, and aioice 0.8's RELAY policy only leaves host candidates out of the offer:
it still sends checks from its host sockets. --relay-only therefore gathers on no local address
at all, so the relayed candidate is the only one, in the offer as on the wire; the offer is
checked to hold only "typ relay" candidates before it is POSTed.

It reports what happened as one JSON object a line on stdout, each with "event" and "t"
(CLOCK_MONOTONIC seconds): posted, connection (each state change), ice (the nominated pair and
the DTLS role once connected), media (the first frame of a track), deleted (with "published":
seconds from the first frame of the first track to the DELETE), error. Exit 0 after a clean
DELETE, 1 on any failure, 2 when aiortc, PyAV or numpy is missing.
"""

import argparse
import asyncio
import fractions
import json
import logging
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

try:
    import aioice.ice
    import numpy
    from aiortc import (RTCConfiguration, RTCIceServer, RTCPeerConnection, RTCRtpSender,
                        RTCSessionDescription)
    from aiortc.mediastreams import AudioStreamTrack, VideoStreamTrack
    from av import AudioFrame, VideoFrame
except ImportError as missing:
    print("aiortc, PyAV or numpy is not available: %s" % missing)
    sys.exit(2)

HTTP_TIMEOUT = 10
WIDTH, HEIGHT = 640, 360
SQUARE = 64
SAMPLE_RATE = 48000
AUDIO_SAMPLES = 960  # 20 ms, one Opus frame


def emit(event, **fields):
    print(json.dumps({"event": event, "t": time.monotonic(), **fields}), flush=True)


class MovingSquare(VideoStreamTrack):
    """I420 frames at aiortc's default 30 fps, paced by the base class; the square crosses in 2 s."""

    def __init__(self, started):
        super().__init__()
        self.started = started
        self.count = 0

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        self.started("video")
        planes = numpy.full((HEIGHT * 3 // 2, WIDTH), 128, dtype=numpy.uint8)
        planes[:HEIGHT, :] = 96
        x = (self.count * 10) % (WIDTH - SQUARE)
        y = (self.count * 4) % (HEIGHT - SQUARE)
        planes[y:y + SQUARE, x:x + SQUARE] = 235
        self.count += 1
        frame = VideoFrame.from_ndarray(planes, format="yuv420p")
        frame.pts = pts
        frame.time_base = time_base
        return frame


class Tone(AudioStreamTrack):
    """A 440 Hz sine, 20 ms a frame, paced against the wall clock like aiortc's own silence."""

    def __init__(self, started):
        super().__init__()
        self.started = started
        self.sent = None
        self.begin = None
        self.omega = 2 * numpy.pi * 440 / SAMPLE_RATE

    async def recv(self):
        if self.sent is None:
            self.begin = time.time()
            self.sent = 0
        else:
            self.sent += AUDIO_SAMPLES
            await asyncio.sleep(self.begin + self.sent / SAMPLE_RATE - time.time())
        self.started("audio")
        index = numpy.arange(self.sent, self.sent + AUDIO_SAMPLES)
        samples = (numpy.sin(self.omega * index) * 8000).astype(numpy.int16).reshape(1, -1)
        frame = AudioFrame.from_ndarray(samples, format="s16", layout="mono")
        frame.pts = self.sent
        frame.sample_rate = SAMPLE_RATE
        frame.time_base = fractions.Fraction(1, SAMPLE_RATE)
        return frame


def http(method, url, body, content_type, token):
    request = urllib.request.Request(url, method=method, data=body.encode("utf-8") if body is not None else None)
    if content_type:
        request.add_header("Content-Type", content_type)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8", "replace")
    except OSError as e:
        return 0, {}, str(e)


def candidates(sdp):
    return [line[len("a=candidate:"):] for line in sdp.splitlines() if line.startswith("a=candidate:")]


def candidate_type(candidate):
    fields = candidate.split()
    return fields[fields.index("typ") + 1] if "typ" in fields else None


class Publisher:
    def __init__(self, args):
        self.args = args
        self.first_frame = {}
        self.connected = asyncio.Event()
        self.failed = asyncio.Event()
        servers = []
        if args.turn:
            servers.append(RTCIceServer(urls=args.turn, username=args.turn_user, credential=args.turn_pass))
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=servers))
        self.pc.on("connectionstatechange", self.on_connection_state)

    def started(self, kind):
        if kind not in self.first_frame:
            self.first_frame[kind] = time.monotonic()
            emit("media", kind=kind)

    def on_connection_state(self):
        state = self.pc.connectionState
        emit("connection", state=state)
        if state == "connected":
            self.connected.set()
        elif state == "failed":
            self.failed.set()

    async def run(self):
        video_mime = "video/" + self.args.codec
        video_codecs = [c for c in RTCRtpSender.getCapabilities("video").codecs
                        if c.mimeType in (video_mime, "video/rtx")]
        opus = [c for c in RTCRtpSender.getCapabilities("audio").codecs if c.mimeType == "audio/opus"]
        audio = self.pc.addTransceiver(Tone(self.started), direction="sendonly")
        audio.setCodecPreferences(opus)
        video = self.pc.addTransceiver(MovingSquare(self.started), direction="sendonly")
        video.setCodecPreferences(video_codecs)

        await self.pc.setLocalDescription(await self.pc.createOffer())
        offer = self.pc.localDescription.sdp
        types = sorted({candidate_type(c) for c in candidates(offer)})
        if self.args.relay_only and types != ["relay"]:
            return self.fail("a relay-only offer has candidates of types %s" % types)

        status, headers, body = await asyncio.to_thread(
            http, "POST", self.args.url, offer, "application/sdp", self.args.token)
        emit("posted", status=status, location=headers.get("Location"), contentType=headers.get("Content-Type"),
             offer=offer, answer=body)
        if status != 201:
            return self.fail("POST answered %s: %s" % (status, body))
        resource = urllib.parse.urljoin(self.args.url, headers.get("Location"))
        try:
            await self.pc.setRemoteDescription(RTCSessionDescription(sdp=body, type="answer"))
            await self.wait_connected()
            self.report_transport(audio)
            await self.wait_published()
        finally:
            delete_at = time.monotonic()
            status, _headers, body = await asyncio.to_thread(http, "DELETE", resource, None, None, self.args.token)
            published = delete_at - min(self.first_frame.values()) if self.first_frame else 0.0
            emit("deleted", status=status, body=body, published=published)
            await self.pc.close()
        return 0 if status == 200 else self.fail("DELETE answered %s: %s" % (status, body))

    async def wait_connected(self):
        waits = [asyncio.ensure_future(self.connected.wait()), asyncio.ensure_future(self.failed.wait())]
        _done, pending = await asyncio.wait(waits, timeout=self.args.connect_timeout,
                                           return_when=asyncio.FIRST_COMPLETED)
        for wait in pending:
            wait.cancel()
        if not self.connected.is_set():
            raise ConnectionError("not connected within %s s (state %s)"
                                  % (self.args.connect_timeout, self.pc.connectionState))

    async def wait_published(self):
        deadline = time.monotonic() + self.args.connect_timeout
        while len(self.first_frame) < 2:
            if time.monotonic() > deadline:
                raise ConnectionError("the tracks made no media: %s" % self.first_frame)
            await asyncio.sleep(0.05)
        end = min(self.first_frame.values()) + self.args.secs
        while time.monotonic() < end:
            if self.failed.is_set():
                raise ConnectionError("the connection failed while publishing")
            await asyncio.sleep(min(0.1, max(0.0, end - time.monotonic())))

    def report_transport(self, transceiver):
        """The nominated pair and the DTLS role: aiortc's private state, read only for the report."""
        dtls = transceiver.sender.transport
        connection = dtls.transport._connection
        pairs = [{"local": "%s %s:%s" % (p.local_candidate.type, *p.local_addr),
                  "remote": "%s:%s" % p.remote_addr} for p in connection._nominated.values()]
        emit("ice", nominated=pairs, controlling=connection.ice_controlling, remoteIsLite=connection.remote_is_lite,
             dtlsRole=dtls._role)

    def fail(self, message):
        emit("error", message=message)
        return 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-u", "--url", help="the WHIP endpoint")
    parser.add_argument("-t", "--token", help="bearer token")
    parser.add_argument("--codec", choices=["H264", "VP8"], default="H264", help="the video codec")
    parser.add_argument("--secs", type=float, default=6, help="seconds of media to publish")
    parser.add_argument("--ice-address", action="append", default=None,
                        help="gather host candidates on this local address only (repeatable)")
    parser.add_argument("--turn", help="a TURN server, turn:HOST:PORT?transport=udp")
    parser.add_argument("--turn-user")
    parser.add_argument("--turn-pass")
    parser.add_argument("--relay-only", action="store_true", help="the TURN relay's candidate only")
    parser.add_argument("--connect-timeout", type=float, default=30)
    parser.add_argument("--check", action="store_true", help="exit 0 if both video encoders can be made")
    args = parser.parse_args()
    if args.check:
        return check()
    if not args.url:
        parser.error("--url is required")
    if args.relay_only and not args.turn:
        parser.error("--relay-only needs --turn")
    addresses = [] if args.relay_only else args.ice_address
    if addresses is not None:
        aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: list(addresses)
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        return asyncio.run(Publisher(args).run())
    except Exception as e:
        emit("error", message="%s: %s" % (type(e).__name__, e))
        return 1


def check():
    from aiortc.codecs import get_encoder
    try:
        for mime in ("video/H264", "video/VP8", "audio/opus"):
            codec = next(c for c in RTCRtpSender.getCapabilities(mime.split("/")[0]).codecs if c.mimeType == mime)
            get_encoder(codec)
    except Exception as e:
        print("aiortc cannot encode: %s: %s" % (type(e).__name__, e))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
