package dev.tributary.webrtc.media;

import dev.tributary.webrtc.ParseException;

/**
 * Opus packetizer (RFC 7587): one Opus packet per RTP packet. The marker bit is set on the first
 * packet, the start of the first talkspurt (RFC 3551 §4.1); a sender using DTX calls {@link
 * #startTalkspurt()} when speech resumes.
 */
public final class OpusPacketizer extends Packetizer {

    private boolean talkspurtStart = true;

    /**
     * @param payloadType the RTP payload type
     * @param ssrc the SSRC, 0 to 2<sup>32</sup>-1
     * @param firstSequenceNumber the sequence number of the first packet
     * @param maxPacketSize the largest RTP packet written, header included
     * @throws IllegalArgumentException if an argument is out of range
     */
    public OpusPacketizer(int payloadType, long ssrc, int firstSequenceNumber, int maxPacketSize) {
        super(payloadType, ssrc, firstSequenceNumber, maxPacketSize);
    }

    /** Sets the marker bit on the next packet. */
    public void startTalkspurt() {
        talkspurtStart = true;
    }

    @Override
    void write(byte[] frame, int offset, int length, PacketSink sink) {
        if (OpusToc.durationSamples(frame, offset, length) < 0) {
            throw new ParseException("not a valid Opus packet (RFC 6716 §3.4)", 0);
        }
        if (length > payloadCapacity()) {
            throw new IllegalArgumentException("Opus packet of " + length + " bytes exceeds the "
                    + payloadCapacity() + "-byte payload");
        }
        System.arraycopy(frame, offset, payloadBuffer(), payloadOffset(), length);
        boolean marker = talkspurtStart;
        talkspurtStart = false;
        emit(length, marker, sink);
    }
}
