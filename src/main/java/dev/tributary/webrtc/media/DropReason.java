package dev.tributary.webrtc.media;

/**
 * Why a depacketizer discarded a packet or part of a frame. Each reason has its own counter
 * ({@link Depacketizer#dropped(DropReason)}) so that stats can tell a lossy network from a broken
 * sender.
 */
public enum DropReason {
    /** An RTP packet without payload, such as a padding-only bandwidth probe. Harmless. */
    EMPTY,
    /**
     * The payload does not follow its format: a truncated or inconsistent payload descriptor,
     * aggregation header or length field, a forbidden bit, an undefined type, an invalid Opus TOC.
     */
    MALFORMED,
    /** A valid structure this depacketizer does not take, e.g. H.264 interleaved mode (FU-B, STAP-B, MTAP). */
    UNSUPPORTED,
    /** A continuation fragment whose first fragment was never received (typically after loss). */
    ORPHAN_FRAGMENT,
    /** A fragmented unit whose last fragment never came; the fragments received are discarded. */
    INCOMPLETE_FRAGMENT,
    /** The frame would exceed {@link Depacketizer#MAX_FRAME_BYTES}. */
    OVERSIZED
}
