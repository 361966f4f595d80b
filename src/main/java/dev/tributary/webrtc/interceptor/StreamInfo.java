package dev.tributary.webrtc.interceptor;

import java.util.Map;
import java.util.Set;

/**
 * What the interceptor chain needs to know about one negotiated remote RTP stream: how to tell
 * its media packets from its retransmissions, its RTP clock, and which RTCP feedback and header
 * extensions the offer/answer exchange accepted for it.
 *
 * @param ssrc the remote media SSRC, 0 to 2<sup>32</sup>-1
 * @param rtxSsrc the remote RTX SSRC ({@code a=ssrc-group:FID}), or -1 when unknown; RTX packets
 *     are then recognised by payload type alone
 * @param payloadTypes the media payload types of the stream, each 0 to 127, at least one
 * @param rtxPayloadTypes RTX payload type → the media payload type its {@code apt=} names; empty
 *     without RTX
 * @param clockRate the RTP clock rate in Hz (90000 for video, 48000 for Opus), used for jitter
 * @param video whether the stream is video; keyframe requests apply to video streams only
 * @param feedback the {@code a=rtcp-fb} mechanisms negotiated for the stream's codecs
 * @param transportCcExtensionId the {@code a=extmap} id of the transport-wide sequence number
 *     extension, or -1 when not negotiated
 */
public record StreamInfo(
        long ssrc,
        long rtxSsrc,
        Set<Integer> payloadTypes,
        Map<Integer, Integer> rtxPayloadTypes,
        int clockRate,
        boolean video,
        Set<Feedback> feedback,
        int transportCcExtensionId) {

    /** The RTCP feedback mechanisms the chain acts on ({@code a=rtcp-fb}, RFC 4585 §4.2). */
    public enum Feedback {
        /** {@code nack}: generic NACK, RFC 4585 §6.2.1. */
        NACK,
        /** {@code nack pli}: picture loss indication, RFC 4585 §6.3.1. */
        NACK_PLI,
        /** {@code ccm fir}: full intra request, RFC 5104 §4.3.1. */
        CCM_FIR,
        /** {@code transport-cc}: transport-wide congestion control feedback. */
        TRANSPORT_CC
    }

    /**
     * @throws IllegalArgumentException if an SSRC, payload type, clock rate or extension id is
     *     out of range, there is no media payload type, or an RTX payload type is also a media one
     *     or names a payload type that is not one of the stream's
     * @throws NullPointerException if a collection or a member is null
     */
    public StreamInfo {
        checkSsrc(ssrc, "ssrc");
        if (rtxSsrc != -1) {
            checkSsrc(rtxSsrc, "rtxSsrc");
        }
        payloadTypes = Set.copyOf(payloadTypes);
        rtxPayloadTypes = Map.copyOf(rtxPayloadTypes);
        feedback = Set.copyOf(feedback);
        if (payloadTypes.isEmpty()) {
            throw new IllegalArgumentException("a stream needs at least one media payload type");
        }
        payloadTypes.forEach(pt -> checkPayloadType(pt, "payload type"));
        for (Map.Entry<Integer, Integer> rtx : rtxPayloadTypes.entrySet()) {
            checkPayloadType(rtx.getKey(), "RTX payload type");
            if (payloadTypes.contains(rtx.getKey()) || !payloadTypes.contains(rtx.getValue())) {
                throw new IllegalArgumentException("RTX payload type " + rtx.getKey() + " with apt="
                        + rtx.getValue() + " must repair one of the media payload types " + payloadTypes
                        + " and not be one");
            }
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
        if (transportCcExtensionId != -1 && (transportCcExtensionId < 1 || transportCcExtensionId > 255)) {
            throw new IllegalArgumentException("header extension id out of 1..255: " + transportCcExtensionId);
        }
    }

    /** @return whether the stream negotiated {@code mechanism} */
    public boolean has(Feedback mechanism) {
        return feedback.contains(mechanism);
    }

    /** @return whether transport-wide CC feedback applies: {@code transport-cc} and its extension id */
    public boolean transportCc() {
        return has(Feedback.TRANSPORT_CC) && transportCcExtensionId != -1;
    }

    private static void checkSsrc(long ssrc, String name) {
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " out of 0..2^32-1: " + ssrc);
        }
    }

    private static void checkPayloadType(int payloadType, String name) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException(name + " out of 0..127: " + payloadType);
        }
    }
}
