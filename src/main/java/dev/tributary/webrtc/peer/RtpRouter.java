package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.rtp.HeaderExtensionUri;
import dev.tributary.webrtc.rtp.HeaderExtensions;
import dev.tributary.webrtc.rtp.RtpPacketView;
import dev.tributary.webrtc.interceptor.InterceptorChain;
import dev.tributary.webrtc.interceptor.RemoteStream;
import dev.tributary.webrtc.interceptor.StreamInfo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the remote track of each decrypted RTP packet, the way RFC 8843 §9.2 says: a known SSRC
 * first; for a new SSRC the {@code a=ssrc} lines, then the MID (and RID) header extensions, then
 * a payload type that only one media section uses. A new media SSRC becomes a new
 * {@link RemoteTrack}. Runs on the connection's thread; a known SSRC costs a scan of a short
 * array and allocates nothing.
 */
final class RtpRouter {

    /** Most SSRCs routed per connection, against a peer inventing SSRCs to grow our memory. */
    static final int MAX_STREAMS = 64;
    /** Most tracks per media section without simulcast (a sender may restart with a new SSRC). */
    static final int MAX_TRACKS_PER_SECTION = 4;

    /**
     * Where one SSRC goes: a track (for an RTX SSRC, the track it repairs, or null while that is
     * not known yet) and the interceptor chain's handle of the track's stream.
     */
    private record Route(RTCRtpTransceiver transceiver, RemoteTrack track) {}

    private final long[] ssrcs = new long[MAX_STREAMS];
    private final Route[] routes = new Route[MAX_STREAMS];
    private int count;
    private final List<RTCRtpTransceiver> transceivers = new ArrayList<>();
    private final Consumer<RTCTrackEvent> onTrack;
    private final InterceptorChain chain;
    private final RemoteTrack.Control control;
    private int trackCounter;

    // written on the connection's thread only, read from anywhere for stats
    volatile long unroutable;
    volatile long unknownPayloadType;
    volatile long repairPackets;
    volatile long recovered;

    RtpRouter(InterceptorChain chain, RemoteTrack.Control control, Consumer<RTCTrackEvent> onTrack) {
        this.chain = chain;
        this.control = control;
        this.onTrack = onTrack;
    }

    /** The receiving transceivers after an offer/answer exchange. */
    void setTransceivers(List<RTCRtpTransceiver> receiving) {
        transceivers.clear();
        transceivers.addAll(receiving);
    }

    /**
     * Passes a packet through the interceptor chain (which unwraps RTX) to its track, creating
     * the track first if the SSRC is new.
     */
    void route(long now, RtpPacketView packet) {
        long ssrc = packet.ssrc();
        Route route = null;
        for (int i = 0; i < count; i++) {
            if (ssrcs[i] == ssrc) {
                route = routes[i];
                break;
            }
        }
        if (route == null) {
            route = newRoute(now, packet);
            if (route == null) {
                unroutable++;
                return;
            }
        }
        if (route.track == null) {
            repairPackets++;
            return;
        }
        boolean repair = packet.ssrc() != route.track.ssrc();
        RtpPacketView media = chain.onRtpReceived(now, packet, route.track.stream());
        if (media == null) {
            if (repair) {
                repairPackets++;
            } else {
                unknownPayloadType++;
            }
            return;
        }
        RTCRtpCodecParameters codec = codecOf(route.transceiver.negotiated().orElseThrow(), media.payloadType());
        if (codec == null) {
            unknownPayloadType++;
            return;
        }
        if (repair) {
            recovered++;
        }
        route.track.deliver(now, media, codec);
    }

    /** The track with this media SSRC, or null. */
    RemoteTrack trackOf(long ssrc) {
        for (int i = 0; i < count; i++) {
            if (ssrcs[i] == ssrc && routes[i].track != null && routes[i].track.ssrc() == ssrc) {
                return routes[i].track;
            }
        }
        return null;
    }

    /** Every track, for the connection's timer. */
    List<RemoteTrack> tracks() {
        List<RemoteTrack> tracks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (routes[i].track != null && routes[i].track.ssrc() == ssrcs[i]) {
                tracks.add(routes[i].track);
            }
        }
        return tracks;
    }

    /**
     * The earliest deadline of the tracks' listeners, or {@code Long.MAX_VALUE}. The connection
     * reads its next deadline after every packet, so this allocates nothing.
     */
    long nextListenerDeadline() {
        long deadline = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            RemoteTrack track = routes[i].track;
            if (track != null && track.ssrc() == ssrcs[i]) {
                RtpListener listener = track.listener();
                if (listener != null) {
                    deadline = Math.min(deadline, listener.nextDeadline());
                }
            }
        }
        return deadline;
    }

    /** The receiver whose track has this SSRC, or null. */
    RTCRtpReceiver receiverOf(long ssrc) {
        for (int i = 0; i < count; i++) {
            if (ssrcs[i] == ssrc) {
                return routes[i].transceiver.receiver();
            }
        }
        return null;
    }

    private static RTCRtpCodecParameters codecOf(NegotiatedMedia media, int payloadType) {
        List<RTCRtpCodecParameters> codecs = media.codecs();
        for (int i = 0; i < codecs.size(); i++) {
            if (codecs.get(i).payloadType() == payloadType) {
                return codecs.get(i);
            }
        }
        return null;
    }

    /**
     * Routes a new SSRC, or returns null when it cannot be routed (yet: an RTX stream whose
     * media stream has not arrived is tried again with its next packet).
     */
    private Route newRoute(long now, RtpPacketView packet) {
        if (count == MAX_STREAMS) {
            return null;
        }
        long ssrc = packet.ssrc();
        int payloadType = packet.payloadType();
        for (RTCRtpTransceiver transceiver : transceivers) {
            NegotiatedMedia media = transceiver.negotiated().orElseThrow();
            if (media.remoteSsrcs().contains(ssrc)) {
                return add(now, ssrc, transceiver, Optional.empty(), packet);
            }
            Long repaired = media.remoteRtxSsrcs().get(ssrc);
            if (repaired != null) {
                return addRepair(ssrc, transceiver, trackOf(repaired));
            }
        }
        for (RTCRtpTransceiver transceiver : transceivers) {
            NegotiatedMedia media = transceiver.negotiated().orElseThrow();
            int midId = media.headerExtensionId(HeaderExtensionUri.MID.uri());
            Optional<String> mid = midId > 0 ? HeaderExtensions.text(packet, midId) : Optional.empty();
            if (mid.isPresent() && mid.get().equals(media.mid())) {
                int rridId = media.headerExtensionId(HeaderExtensionUri.REPAIRED_RTP_STREAM_ID.uri());
                Optional<String> rrid = rridId > 0 ? HeaderExtensions.text(packet, rridId) : Optional.empty();
                if (rrid.isPresent()) {
                    return addRepair(ssrc, transceiver, trackWithRid(transceiver, rrid.get()));
                }
                if (media.codecRepairedBy(payloadType).isPresent()) {
                    return addRepair(ssrc, transceiver, onlyTrack(transceiver));
                }
                int ridId = media.headerExtensionId(HeaderExtensionUri.RTP_STREAM_ID.uri());
                Optional<String> rid = ridId > 0 ? HeaderExtensions.text(packet, ridId) : Optional.empty();
                return add(now, ssrc, transceiver, rid, packet);
            }
        }
        RTCRtpTransceiver only = null;
        boolean repair = false;
        for (RTCRtpTransceiver transceiver : transceivers) {
            NegotiatedMedia media = transceiver.negotiated().orElseThrow();
            boolean isMedia = media.codec(payloadType).isPresent();
            boolean isRepair = media.codecRepairedBy(payloadType).isPresent();
            if (isMedia || isRepair) {
                if (only != null) {
                    return null;
                }
                only = transceiver;
                repair = isRepair;
            }
        }
        if (only == null) {
            return null;
        }
        return repair ? addRepair(ssrc, only, onlyTrack(only)) : add(now, ssrc, only, Optional.empty(), packet);
    }

    private static RemoteTrack trackWithRid(RTCRtpTransceiver transceiver, String rid) {
        for (RemoteTrack track : transceiver.receiver().tracks()) {
            if (track.rid().map(rid::equals).orElse(false)) {
                return track;
            }
        }
        return null;
    }

    private static RemoteTrack onlyTrack(RTCRtpTransceiver transceiver) {
        List<RemoteTrack> tracks = transceiver.receiver().tracks();
        return tracks.size() == 1 ? tracks.getFirst() : null;
    }

    /** An RTX SSRC is routed once the track it repairs is known. */
    private Route addRepair(long ssrc, RTCRtpTransceiver transceiver, RemoteTrack repaired) {
        if (repaired == null) {
            return new Route(transceiver, null);
        }
        return put(ssrc, new Route(transceiver, repaired));
    }

    private Route add(long now, long ssrc, RTCRtpTransceiver transceiver, Optional<String> rid,
            RtpPacketView packet) {
        NegotiatedMedia media = transceiver.negotiated().orElseThrow();
        RTCRtpReceiver receiver = transceiver.receiver();
        int limit = Math.max(MAX_TRACKS_PER_SECTION, media.remoteRids().size());
        if (receiver.tracks().size() >= limit) {
            return null;
        }
        RTCRtpCodecParameters codec = codecOf(media, packet.payloadType());
        if (codec == null) {
            return null;
        }
        String id = media.remoteTrackId().orElse(media.kind().sdpName() + "-" + media.mid())
                + (receiver.tracks().isEmpty() ? "" : "-" + ++trackCounter);
        RemoteStream stream = chain.bindRemoteStream(streamInfo(media, ssrc, codec));
        RemoteTrack track = new RemoteTrack(id, media.kind(), ssrc, rid, codec, receiver, stream, control);
        receiver.addTrack(track);
        Route route = put(ssrc, new Route(transceiver, track));
        onTrack.accept(new RTCTrackEvent(track, receiver, transceiver,
                media.remoteStreamId().map(List::of).orElse(List.of())));
        // A sender report that came before this first packet reaches the listener onTrack set.
        stream.latestSenderReport().ifPresent(track::deliverSenderReport);
        return route;
    }

    /** What the interceptor chain needs to know of a track's stream. */
    private static StreamInfo streamInfo(NegotiatedMedia media, long ssrc, RTCRtpCodecParameters codec) {
        Set<Integer> payloadTypes = new HashSet<>();
        Map<Integer, Integer> rtx = new HashMap<>();
        Set<StreamInfo.Feedback> feedback = EnumSet.noneOf(StreamInfo.Feedback.class);
        for (RTCRtpCodecParameters c : media.codecs()) {
            payloadTypes.add(c.payloadType());
            if (c.rtxPayloadType() >= 0) {
                rtx.put(c.rtxPayloadType(), c.payloadType());
            }
        }
        if (codec.hasFeedback("nack", "")) {
            feedback.add(StreamInfo.Feedback.NACK);
        }
        if (codec.hasFeedback("nack", "pli")) {
            feedback.add(StreamInfo.Feedback.NACK_PLI);
        }
        if (codec.hasFeedback("ccm", "fir")) {
            feedback.add(StreamInfo.Feedback.CCM_FIR);
        }
        int twcc = media.headerExtensionId(HeaderExtensionUri.TRANSPORT_WIDE_CC.uri());
        if (twcc > 0 && codec.hasFeedback("transport-cc", "")) {
            feedback.add(StreamInfo.Feedback.TRANSPORT_CC);
        }
        long rtxSsrc = -1;
        for (Map.Entry<Long, Long> pair : media.remoteRtxSsrcs().entrySet()) {
            if (pair.getValue() == ssrc) {
                rtxSsrc = pair.getKey();
            }
        }
        return new StreamInfo(ssrc, rtxSsrc, payloadTypes, rtx, codec.clockRate(), media.kind() == MediaKind.VIDEO,
                feedback, feedback.contains(StreamInfo.Feedback.TRANSPORT_CC) ? twcc : -1);
    }

    private Route put(long ssrc, Route route) {
        ssrcs[count] = ssrc;
        routes[count] = route;
        count++;
        return route;
    }
}
