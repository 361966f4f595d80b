#!/usr/bin/python3
"""A WHIP publisher on GStreamer's webrtcbin (Debian's GStreamer 1.22 through PyGObject).

It speaks WHIP the way Meetecho's simple-whip-client (Debian package simple-whip-client) does,
with the same command-line options for what it shares with it:

- one webrtcbin with bundle-policy max-bundle, fed by the -A and -V pipelines, each ending in
  an RTP payloader and caps;
- by default the offer is POSTed at once and candidates are trickled: every 100 ms, the candidates
  of component 1 of the first m-line gathered meanwhile go in one PATCH,
  application/trickle-ice-sdpfrag, as session-level a=ice-ufrag and a=ice-pwd, a placeholder
  "m=audio 9 RTP/AVP 0" (video when there is no audio) with the first m-line's a=mid, then
  a=candidate lines; a=end-of-candidates once gathering completes ends the trickling;
- with -n the offer is POSTed once gathering has completed, every candidate in every m-line;
- every request after the POST carries If-Match with the POST's ETag;
- SIGINT or SIGTERM sends DELETE to the session URL and stops.

That client cannot run on Debian 12: it links libsoup 2, and webrtcbin's libnice pulls in
libsoup 3 through gupnp-igd, which aborts the process as the pipeline is made. This one uses no
libsoup. Two options it adds for tests: --ice-address (libnice never gathers loopback addresses
by itself) and --open-valves (media that the pipelines make while connecting is otherwise sent in
one burst once DTLS is up). It reports what happened as one JSON object a line on stdout, each
with "event" and "t" (CLOCK_MONOTONIC seconds): posted, patched, connection, opened, deleted,
error; connection, opened and deleted carry "runningTime", the pipeline's running time in
seconds, which is how much media its live sources have made. Exit 0 after a clean DELETE, 1 on
any failure, 2 when PyGObject or GStreamer's typelibs are missing.
"""

import argparse
import json
import queue
import signal
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

try:
    import gi

    gi.require_version("Gst", "1.0")
    gi.require_version("GstSdp", "1.0")
    gi.require_version("GstWebRTC", "1.0")
    from gi.repository import GLib, Gst, GstSdp, GstWebRTC
except (ImportError, ValueError) as missing:
    print("PyGObject with GStreamer's typelibs is not available: %s" % missing)
    sys.exit(2)

HTTP_TIMEOUT = 10


def emit(event, **fields):
    print(json.dumps({"event": event, "t": time.monotonic(), **fields}), flush=True)


class Publisher:
    def __init__(self, args):
        self.args = args
        self.loop = GLib.MainLoop()
        self.posted = False
        self.resource = None
        self.etag = None
        self.offer_sdp = None
        self.ufrag = self.pwd = self.first_mid = None
        # Filled on webrtcbin's threads, drained on the main loop's.
        self.pending = queue.SimpleQueue()
        self.gathered = False
        self.trickle_done = False
        self.stopping = False
        self.failed = False
        parts = ["webrtcbin name=sendonly bundle-policy=max-bundle"]
        if args.video:
            parts.append(args.video + " ! sendonly.")
        if args.audio:
            parts.append(args.audio + " ! sendonly.")
        self.pipeline = Gst.parse_launch(" ".join(parts))
        self.pc = self.pipeline.get_by_name("sendonly")
        # Kept referenced: PyGObject takes the only reference of the agent this property returns
        # (GStreamer 1.22), and dropping it would free the agent under webrtcbin.
        self.ice = self.pc.get_property("ice-agent")
        # libnice gathers on every interface but loopback; given addresses, on those only.
        for address in args.ice_address or []:
            self.ice.emit("add-local-ip-address", address)
        self.pc.connect("on-negotiation-needed", self.on_negotiation_needed)
        self.pc.connect("on-ice-candidate", self.on_ice_candidate)
        self.pc.connect("notify::ice-gathering-state", self.on_gathering_state)
        self.pc.connect("notify::connection-state", self.on_connection_state)
        bus = self.pipeline.get_bus()
        bus.add_signal_watch()
        bus.connect("message::error", self.on_bus_error)

    def run(self):
        for signum in (signal.SIGINT, signal.SIGTERM):
            GLib.unix_signal_add(GLib.PRIORITY_HIGH, signum, self.on_signal)
        if self.pipeline.set_state(Gst.State.PLAYING) == Gst.StateChangeReturn.FAILURE:
            self.fail("the pipeline does not start")
        else:
            self.loop.run()
        self.pipeline.set_state(Gst.State.NULL)
        return 1 if self.failed else 0

    # ---- offer ---------------------------------------------------------------------------

    def on_negotiation_needed(self, _pc):
        if self.offer_sdp is not None:
            return
        promise = Gst.Promise.new_with_change_func(self.on_offer_created)
        self.pc.emit("create-offer", None, promise)

    def on_offer_created(self, promise):
        promise.wait()
        # Keep the reply referenced: the offer is borrowed from it.
        reply = promise.get_reply()
        offer = reply.get_value("offer")
        self.pc.emit("set-local-description", offer, Gst.Promise.new())
        self.offer_sdp = offer.sdp.as_text()
        self.parse_offer(self.offer_sdp)
        if not self.args.no_trickle:
            GLib.idle_add(self.post, self.offer_sdp)
        elif self.gathered:
            GLib.idle_add(self.post_with_candidates)

    def parse_offer(self, sdp):
        in_first = False
        for line in sdp.splitlines():
            if line.startswith("m="):
                if in_first:
                    break
                in_first = True
            elif line.startswith("a=ice-ufrag:"):
                self.ufrag = self.ufrag or line[len("a=ice-ufrag:"):]
            elif line.startswith("a=ice-pwd:"):
                self.pwd = self.pwd or line[len("a=ice-pwd:"):]
            elif in_first and line.startswith("a=mid:"):
                self.first_mid = line[len("a=mid:"):]

    def post_with_candidates(self):
        attributes = "".join("a=" + c + "\r\n" for c in self.drain() if c != "end-of-candidates")
        out = []
        mlines = 0
        for line in self.offer_sdp.splitlines():
            if line.startswith("m="):
                mlines += 1
                if mlines > 1:
                    out.append(attributes)
            if len(line) > 2:
                out.append(line + "\r\n")
        out.append(attributes)
        self.post("".join(out))
        return False

    def drain(self):
        batch = []
        while True:
            try:
                batch.append(self.pending.get_nowait())
            except queue.Empty:
                return batch

    def post(self, sdp):
        if self.posted:
            return False
        self.posted = True
        status, headers, body = self.http("POST", self.args.url, sdp, "application/sdp")
        emit("posted", status=status, etag=headers.get("ETag"), location=headers.get("Location"), offer=sdp,
             contentType=headers.get("Content-Type"), answer=body)
        if status != 201:
            self.fail("POST answered %s: %s" % (status, body))
            return False
        self.etag = headers.get("ETag")
        self.resource = urllib.parse.urljoin(self.args.url, headers.get("Location"))
        ok, answer = GstSdp.SDPMessage.new_from_text(body)
        if ok != GstSdp.SDPResult.OK:
            self.fail("the answer is not SDP")
            return False
        description = GstWebRTC.WebRTCSessionDescription.new(GstWebRTC.WebRTCSDPType.ANSWER, answer)
        self.pc.emit("set-remote-description", description, Gst.Promise.new())
        if not self.args.no_trickle:
            GLib.timeout_add(100, self.send_candidates)
        return False

    # ---- trickle ICE ---------------------------------------------------------------------

    def on_ice_candidate(self, _pc, mline, candidate):
        # Bundled: only the first m-line's candidates, and only RTP's component.
        if mline != 0 or self.stopping:
            return
        fields = candidate.split(" ")
        if len(fields) > 1 and fields[1] == "1":
            self.pending.put(candidate)

    def on_gathering_state(self, pc, _spec):
        if pc.get_property("ice-gathering-state") != GstWebRTC.WebRTCICEGatheringState.COMPLETE:
            return
        self.pending.put("end-of-candidates")
        self.gathered = True
        if self.args.no_trickle and self.offer_sdp is not None:
            GLib.idle_add(self.post_with_candidates)

    def send_candidates(self):
        if self.stopping or self.trickle_done:
            return False
        batch = self.drain()
        if not batch:
            return True
        fragment = "a=ice-ufrag:%s\r\na=ice-pwd:%s\r\nm=%s 9 RTP/AVP 0\r\n" % (
            self.ufrag, self.pwd, "audio" if self.args.audio else "video")
        if self.first_mid:
            fragment += "a=mid:%s\r\n" % self.first_mid
        fragment += "".join("a=%s\r\n" % c for c in batch)
        status, _headers, body = self.http("PATCH", self.resource, fragment, "application/trickle-ice-sdpfrag")
        end = "end-of-candidates" in batch
        emit("patched", status=status, fragment=fragment, body=body)
        if status not in (200, 204):
            self.fail("PATCH answered %s: %s" % (status, body))
            return False
        self.trickle_done = end
        return not end

    # ---- state and teardown --------------------------------------------------------------

    def on_connection_state(self, pc, _spec):
        state = pc.get_property("connection-state")
        emit("connection", state=state.value_nick, runningTime=self.running_time())
        if state == GstWebRTC.WebRTCPeerConnectionState.CONNECTED and self.args.open_valves:
            valves = []
            self.pipeline.iterate_all_by_element_factory_name("valve").foreach(valves.append)
            for valve in valves:
                valve.set_property("drop", False)
            emit("opened", valves=len(valves), runningTime=self.running_time())
        if state == GstWebRTC.WebRTCPeerConnectionState.FAILED:
            self.fail("the peer connection failed")

    def on_bus_error(self, _bus, message):
        error, debug = message.parse_error()
        self.fail("GStreamer: %s (%s)" % (error.message, debug))

    def on_signal(self):
        self.disconnect()
        return GLib.SOURCE_REMOVE

    def disconnect(self):
        if self.stopping:
            return
        self.stopping = True
        if self.resource is not None:
            running = self.running_time()
            status, _headers, body = self.http("DELETE", self.resource, None, None)
            emit("deleted", status=status, body=body, runningTime=running)
            if status != 200:
                self.failed = True
        self.loop.quit()

    def running_time(self):
        """Seconds of the pipeline's running time: how much media its live sources have made."""
        clock = self.pipeline.get_clock()
        if clock is None:
            return 0.0
        return (clock.get_time() - self.pipeline.get_base_time()) / Gst.SECOND

    def fail(self, message):
        emit("error", message=message)
        self.failed = True
        self.disconnect()

    def http(self, method, url, body, content_type):
        request = urllib.request.Request(url, method=method,
                                         data=body.encode("utf-8") if body is not None else None)
        if content_type:
            request.add_header("Content-Type", content_type)
        if self.args.token:
            request.add_header("Authorization", "Bearer " + self.args.token)
        if self.etag:
            request.add_header("If-Match", self.etag)
        try:
            with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:
                return response.status, response.headers, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode("utf-8", "replace")
        except OSError as e:
            return 0, {}, str(e)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-u", "--url", help="the WHIP endpoint")
    parser.add_argument("-t", "--token", help="bearer token")
    parser.add_argument("-A", "--audio", help="audio pipeline, ending in an RTP payloader and caps")
    parser.add_argument("-V", "--video", help="video pipeline, ending in an RTP payloader and caps")
    parser.add_argument("-n", "--no-trickle", action="store_true", help="candidates in the offer, no PATCH")
    parser.add_argument("--ice-address", action="append",
                        help="gather ICE candidates on this local address only (repeatable; unlike simple-whip-client)")
    parser.add_argument("--open-valves", action="store_true",
                        help="once connected, open every valve element of the pipelines (unlike simple-whip-client)")
    parser.add_argument("--check", action="store_true", help="exit 0 if every element named exists")
    parser.add_argument("elements", nargs="*", help="with --check: the element factories to look for")
    args = parser.parse_args()
    Gst.init(None)
    if args.check:
        missing = [name for name in ["webrtcbin", "nicesrc", "dtlssrtpenc"] + args.elements
                   if Gst.ElementFactory.find(name) is None]
        if missing:
            print("missing GStreamer elements: " + ", ".join(missing))
            return 1
        return 0
    if not args.url or not (args.audio or args.video):
        parser.error("--url and at least one of --audio, --video are required")
    return Publisher(args).run()


if __name__ == "__main__":
    sys.exit(main())
