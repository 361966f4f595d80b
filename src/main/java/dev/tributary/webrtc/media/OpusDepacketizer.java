package dev.tributary.webrtc.media;

/**
 * Opus depacketizer (RFC 7587): every packet is one frame. The packet's TOC byte and frame
 * lengths are checked against RFC 6716 §3.4 (requirements R1 to R7); packets that fail are
 * counted {@link DropReason#MALFORMED} and dropped. {@link MediaFrame#durationSamples()} is the
 * packet's duration in 48 kHz samples.
 */
public final class OpusDepacketizer extends Depacketizer {

    private int duration;

    /** Creates an Opus depacketizer. */
    public OpusDepacketizer() {
        super(Codec.OPUS);
    }

    @Override
    boolean startsFrame(byte[] buf, int offset, int length) {
        return true;
    }

    @Override
    boolean depacketize(byte[] buf, int offset, int length) {
        duration = OpusToc.durationSamples(buf, offset, length);
        if (duration < 0) {
            drop(DropReason.MALFORMED);
            return false;
        }
        append(buf, offset, length);
        return true;
    }

    @Override
    void lossInFrame() {
        // one packet per frame: loss never falls inside a frame
    }

    @Override
    boolean endFrame() {
        frameKeyframe = true;
        frameDurationSamples = duration;
        return true;
    }
}
