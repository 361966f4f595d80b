package dev.tributary.webrtc.sdp;

import java.util.Optional;

/**
 * The media direction attributes {@code a=sendrecv}, {@code a=sendonly}, {@code a=recvonly} and
 * {@code a=inactive} (RFC 8866 §6.7), seen from the side that wrote the description.
 */
public enum Direction {
    /** Sends and receives; the default when no direction attribute is present (RFC 8866 §6.7). */
    SENDRECV("sendrecv"),
    /** Only sends. */
    SENDONLY("sendonly"),
    /** Only receives. */
    RECVONLY("recvonly"),
    /** Neither sends nor receives. */
    INACTIVE("inactive");

    private final String attributeName;

    Direction(String attributeName) {
        this.attributeName = attributeName;
    }

    /** The attribute name, e.g. {@code "sendonly"}. */
    public String attributeName() {
        return attributeName;
    }

    /**
     * The direction from the other side's point of view: what an answer that accepts everything
     * offered says (RFC 3264 §6.1: sendonly is answered with recvonly and vice versa).
     */
    public Direction reversed() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            case SENDRECV, INACTIVE -> this;
        };
    }

    /** Whether this side sends media. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** Whether this side receives media. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The direction an attribute name denotes, matched exactly as browsers match it. */
    public static Optional<Direction> fromAttributeName(String name) {
        for (Direction direction : values()) {
            if (direction.attributeName.equals(name)) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return attributeName;
    }
}
