package dev.tributary.webrtc.peer;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one accepted media section of a completed offer/answer exchange carries, seen from this
 * side: what this side receives and sends, and how to recognise the remote side's streams.
 *
 * @param mid the section's {@code a=mid}
 * @param kind audio or video
 * @param direction this side's direction (an answerer's {@code recvonly} for a {@code sendonly} offer)
 * @param codecs the accepted media codecs in preference order, RTX payload types inside them
 * @param headerExtensions the accepted header extensions with their ids
 * @param remoteSsrcs the remote sender's media SSRCs announced in {@code a=ssrc} (may be empty:
 *     streams are then recognised by MID, RID or payload type)
 * @param remoteRtxSsrcs remote RTX SSRC → the media SSRC it repairs ({@code a=ssrc-group:FID})
 * @param remoteRids the RIDs the remote side sends (simulcast), in the offer's order; empty
 *     without simulcast
 * @param remoteStreamId the remote {@code a=msid} stream id, if any
 * @param remoteTrackId the remote {@code a=msid} track id, if any
 * @param localSsrc the SSRC this side sends with in this section, or -1 when it does not send
 */
public record NegotiatedMedia(String mid, MediaKind kind, RTCRtpTransceiverDirection direction,
        List<RTCRtpCodecParameters> codecs, List<RTCRtpHeaderExtensionParameters> headerExtensions,
        List<Long> remoteSsrcs, Map<Long, Long> remoteRtxSsrcs, List<String> remoteRids,
        Optional<String> remoteStreamId, Optional<String> remoteTrackId, long localSsrc) {

    public NegotiatedMedia {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        codecs = List.copyOf(codecs);
        headerExtensions = List.copyOf(headerExtensions);
        remoteSsrcs = List.copyOf(remoteSsrcs);
        remoteRtxSsrcs = Map.copyOf(remoteRtxSsrcs);
        remoteRids = List.copyOf(remoteRids);
        Objects.requireNonNull(remoteStreamId, "remoteStreamId");
        Objects.requireNonNull(remoteTrackId, "remoteTrackId");
    }

    /** The codec with this payload type (media or RTX's {@code apt}), if negotiated here. */
    public Optional<RTCRtpCodecParameters> codec(int payloadType) {
        for (RTCRtpCodecParameters codec : codecs) {
            if (codec.payloadType() == payloadType) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The codec an RTX payload type repairs, if {@code payloadType} is one. */
    public Optional<RTCRtpCodecParameters> codecRepairedBy(int payloadType) {
        for (RTCRtpCodecParameters codec : codecs) {
            if (codec.rtxPayloadType() == payloadType) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The id of the header extension with this URI, or -1 when it was not negotiated. */
    public int headerExtensionId(String uri) {
        for (RTCRtpHeaderExtensionParameters extension : headerExtensions) {
            if (extension.uri().equals(uri)) {
                return extension.id();
            }
        }
        return -1;
    }
}
