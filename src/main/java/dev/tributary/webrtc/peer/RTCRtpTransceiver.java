package dev.tributary.webrtc.peer;

import java.util.Optional;

/**
 * W3C {@code RTCRtpTransceiver}: one media section, with its receiver and, when this side sends
 * in it, its sender.
 */
public final class RTCRtpTransceiver {

    private final MediaKind kind;
    private final RTCRtpReceiver receiver;
    private final RTCRtpSender sender;
    private final RTCRtpTransceiverDirection direction;
    private volatile String mid;
    private volatile RTCRtpTransceiverDirection currentDirection;
    private volatile NegotiatedMedia negotiated;

    RTCRtpTransceiver(MediaKind kind, RTCRtpTransceiverDirection direction, RTCRtpReceiver receiver,
            RTCRtpSender sender) {
        this.kind = kind;
        this.direction = direction;
        this.receiver = receiver;
        this.sender = sender;
    }

    public MediaKind kind() {
        return kind;
    }

    /** The media section's MID, once negotiated. */
    public Optional<String> mid() {
        return Optional.ofNullable(mid);
    }

    /** The direction this side asked for. */
    public RTCRtpTransceiverDirection direction() {
        return direction;
    }

    /** The direction negotiated, once an offer/answer exchange has completed. */
    public Optional<RTCRtpTransceiverDirection> currentDirection() {
        return Optional.ofNullable(currentDirection);
    }

    public RTCRtpReceiver receiver() {
        return receiver;
    }

    /** The sender, when this side sends in this section. */
    public Optional<RTCRtpSender> sender() {
        return Optional.ofNullable(sender);
    }

    /** The negotiated parameters (codecs, header extensions …) once negotiated. */
    public Optional<NegotiatedMedia> negotiated() {
        return Optional.ofNullable(negotiated);
    }

    void negotiated(NegotiatedMedia media) {
        this.mid = media.mid();
        this.currentDirection = media.direction();
        this.negotiated = media;
        if (sender != null) {
            sender.setCodecs(media.codecs());
        }
    }

    RTCRtpSender senderOrNull() {
        return sender;
    }
}
