package dev.tributary.webrtc.rtcp;

/**
 * A feedback message (RFC 4585 §6.1): a transport-layer (PT 205) or payload-specific (PT 206)
 * packet whose count field is the feedback message type (FMT), followed by the sender's and the
 * media source's SSRC and the feedback control information (FCI).
 */
public sealed interface FeedbackMessage extends RtcpPacket
        permits GenericNack, PictureLossIndication, FullIntraRequest, ReceiverEstimatedMaxBitrate,
                TransportFeedback, GenericFeedback {

    /** RTPFB FMT of a generic NACK, RFC 4585 §6.2.1. */
    int FMT_NACK = 1;
    /** RTPFB FMT of TMMBR, RFC 5104 §4.2.1 (kept as {@link GenericFeedback}). */
    int FMT_TMMBR = 3;
    /** RTPFB FMT of TMMBN, RFC 5104 §4.2.2 (kept as {@link GenericFeedback}). */
    int FMT_TMMBN = 4;
    /** RTPFB FMT of transport-wide congestion control feedback (draft-holmer-…-01 §3.1). */
    int FMT_TWCC = 15;
    /** PSFB FMT of a picture loss indication, RFC 4585 §6.3.1. */
    int FMT_PLI = 1;
    /** PSFB FMT of a full intra request, RFC 5104 §4.3.1. */
    int FMT_FIR = 4;
    /** PSFB FMT of application-layer feedback, RFC 4585 §6.4, which carries REMB. */
    int FMT_AFB = 15;

    /** The feedback message type, the header's 5-bit count field. */
    int fmt();

    /** The SSRC of the packet's sender. */
    long senderSsrc();

    /** The SSRC of the media source the feedback is about (0 where the FCI names it instead). */
    long mediaSsrc();
}
