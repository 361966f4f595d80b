package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.rtp.HeaderExtensionUri;
import dev.tributary.webrtc.rtp.HeaderExtensions;
import dev.tributary.webrtc.rtp.RtpPacketView;
import java.util.ArrayList;
import java.util.List;
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

    /** Where one SSRC goes: a track, or the RTX stream of a section. */
    private record Route(RTCRtpTransceiver transceiver, RemoteTrack track) {}

    private final long[] ssrcs = new long[MAX_STREAMS];
    private final Route[] routes = new Route[MAX_STREAMS];
    private int count;
    private final List<RTCRtpTransceiver> transceivers = new ArrayList<>();
    private final Consumer<RTCTrackEvent> onTrack;
    private int trackCounter;

    // written on the connection's thread only, read from anywhere for stats
    volatile long unroutable;
    volatile long unknownPayloadType;
    volatile long repairPackets;

    RtpRouter(Consumer<RTCTrackEvent> onTrack) {
        this.onTrack = onTrack;
    }

    /** The receiving transceivers after an offer/answer exchange. */
    void setTransceivers(List<RTCRtpTransceiver> receiving) {
        transceivers.clear();
        transceivers.addAll(receiving);
    }

    /** Delivers a packet to its track, creating the track first if the SSRC is new. */
    void route(RtpPacketView packet) {
        long ssrc = packet.ssrc();
        Route route = null;
        for (int i = 0; i < count; i++) {
            if (ssrcs[i] == ssrc) {
                route = routes[i];
                break;
            }
        }
        if (route == null) {
            route = newRoute(packet);
            if (route == null) {
                unroutable++;
                return;
            }
        }
        if (route.track == null) {
            repairPackets++;
            return;
        }
        NegotiatedMedia media = route.transceiver.negotiated().orElseThrow();
        RTCRtpCodecParameters codec = codecOf(media, packet.payloadType());
        if (codec == null) {
            if (media.codecRepairedBy(packet.payloadType()).isPresent()) {
                repairPackets++;
            } else {
                unknownPayloadType++;
            }
            return;
        }
        route.track.deliver(packet, codec);
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

    private Route newRoute(RtpPacketView packet) {
        if (count == MAX_STREAMS) {
            return null;
        }
        long ssrc = packet.ssrc();
        int payloadType = packet.payloadType();
        for (RTCRtpTransceiver transceiver : transceivers) {
            NegotiatedMedia media = transceiver.negotiated().orElseThrow();
            if (media.remoteSsrcs().contains(ssrc)) {
                return add(ssrc, transceiver, Optional.empty(), packet);
            }
            if (media.remoteRtxSsrcs().containsKey(ssrc)) {
                return addRepair(ssrc, transceiver);
            }
        }
        for (RTCRtpTransceiver transceiver : transceivers) {
            NegotiatedMedia media = transceiver.negotiated().orElseThrow();
            int midId = media.headerExtensionId(HeaderExtensionUri.MID.uri());
            Optional<String> mid = midId > 0 ? HeaderExtensions.text(packet, midId) : Optional.empty();
            if (mid.isPresent() && mid.get().equals(media.mid())) {
                int rridId = media.headerExtensionId(HeaderExtensionUri.REPAIRED_RTP_STREAM_ID.uri());
                if (media.codecRepairedBy(payloadType).isPresent()
                        || rridId > 0 && HeaderExtensions.text(packet, rridId).isPresent()) {
                    return addRepair(ssrc, transceiver);
                }
                int ridId = media.headerExtensionId(HeaderExtensionUri.RTP_STREAM_ID.uri());
                Optional<String> rid = ridId > 0 ? HeaderExtensions.text(packet, ridId) : Optional.empty();
                return add(ssrc, transceiver, rid, packet);
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
        return repair ? addRepair(ssrc, only) : add(ssrc, only, Optional.empty(), packet);
    }

    private Route addRepair(long ssrc, RTCRtpTransceiver transceiver) {
        return put(ssrc, new Route(transceiver, null));
    }

    private Route add(long ssrc, RTCRtpTransceiver transceiver, Optional<String> rid, RtpPacketView packet) {
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
        RemoteTrack track = new RemoteTrack(id, media.kind(), ssrc, rid, codec, receiver);
        receiver.addTrack(track);
        Route route = put(ssrc, new Route(transceiver, track));
        onTrack.accept(new RTCTrackEvent(track, receiver, transceiver,
                media.remoteStreamId().map(List::of).orElse(List.of())));
        return route;
    }

    private Route put(long ssrc, Route route) {
        ssrcs[count] = ssrc;
        routes[count] = route;
        count++;
        return route;
    }
}
