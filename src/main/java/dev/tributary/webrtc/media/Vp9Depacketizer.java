package dev.tributary.webrtc.media;

/**
 * VP9 depacketizer (RFC 9628), flexible and non-flexible mode. Reads the payload descriptor with
 * every optional field (I with a 7- or 15-bit PictureID, L layer indices and TL0PICIDX, F with up
 * to three P_DIFFs, V with the scalability structure) and assembles each layer frame from its B
 * packet to its E packet.
 *
 * <p>A frame is a picture: every spatial layer frame with one RTP timestamp. A picture of one
 * layer frame is emitted as is; a picture of several is emitted as one superframe with the index
 * of the VP9 bitstream specification's Annex B, so that a muxer writes one block per timestamp.
 * (A layer frame that is itself a superframe cannot be nested; such pictures are passed on as
 * the concatenation with an index, which decoders reject.) A picture is a keyframe when its base
 * spatial layer frame has P=0 and its uncompressed header says key frame. {@link #width()} and
 * {@link #height()} come from the highest spatial layer of the scalability structure, or else
 * from the latest base layer key frame header.
 */
public final class Vp9Depacketizer extends Depacketizer {

    private static final int MAX_LAYER_FRAMES = 8;

    private final int[] layerStarts = new int[MAX_LAYER_FRAMES + 1];
    private int layerCount;
    private boolean layerOpen;
    private boolean baseLayerIntra;
    private boolean fragmentDiscarded;

    private int width;
    private int height;
    private int ssWidth;
    private int ssHeight;
    private long invalidKeyframes;

    /** Creates a depacketizer that has seen no key frame or scalability structure. */
    public Vp9Depacketizer() {
        super(Codec.VP9);
    }

    /** @return the picture width, 0 before it is known */
    public int width() {
        return width;
    }

    /** @return the picture height, 0 before it is known */
    public int height() {
        return height;
    }

    /** @return pictures with P=0 on the base layer whose uncompressed header was malformed */
    public long invalidKeyframes() {
        return invalidKeyframes;
    }

    @Override
    boolean startsFrame(byte[] buf, int offset, int length) {
        int flags = buf[offset] & 0xFF;
        if ((flags & 0x08) == 0) {
            return false;
        }
        if ((flags & 0x20) == 0) {
            return true;
        }
        int pos = offset + 1;
        if ((flags & 0x80) != 0 && pos < offset + length) {
            pos += (buf[pos] & 0x80) != 0 ? 2 : 1;
        }
        return pos < offset + length && (buf[pos] >>> 1 & 7) == 0;
    }

    @Override
    boolean depacketize(byte[] buf, int offset, int length) {
        int end = offset + length;
        int flags = buf[offset] & 0xFF;
        boolean interPicture = (flags & 0x40) != 0;
        boolean layered = (flags & 0x20) != 0;
        boolean flexible = (flags & 0x10) != 0;
        boolean begin = (flags & 0x08) != 0;
        boolean endOfLayer = (flags & 0x04) != 0;
        int pos = offset + 1;
        if ((flags & 0x80) != 0) {
            if (pos >= end) {
                return malformed();
            }
            pos += (buf[pos] & 0x80) != 0 ? 2 : 1;
        }
        int spatialId = 0;
        if (layered) {
            if (pos >= end) {
                return malformed();
            }
            spatialId = buf[pos] >>> 1 & 7;
            pos += flexible ? 1 : 2;
        }
        if (flexible && interPicture) {
            for (int i = 0; ; i++) {
                if (i == 3 || pos >= end) {
                    return malformed();
                }
                if ((buf[pos++] & 1) == 0) {
                    break;
                }
            }
        }
        int ssWidthHere = 0;
        int ssHeightHere = 0;
        if ((flags & 0x02) != 0) {
            if (pos >= end) {
                return malformed();
            }
            int ss = buf[pos++] & 0xFF;
            int spatialLayers = (ss >>> 5) + 1;
            if ((ss & 0x10) != 0) {
                if (pos + 4 * spatialLayers > end) {
                    return malformed();
                }
                int last = pos + 4 * (spatialLayers - 1);
                ssWidthHere = (buf[last] & 0xFF) << 8 | buf[last + 1] & 0xFF;
                ssHeightHere = (buf[last + 2] & 0xFF) << 8 | buf[last + 3] & 0xFF;
                pos += 4 * spatialLayers;
            }
            if ((ss & 0x08) != 0) {
                if (pos >= end) {
                    return malformed();
                }
                int groups = buf[pos++] & 0xFF;
                for (int i = 0; i < groups; i++) {
                    if (pos >= end) {
                        return malformed();
                    }
                    pos += 1 + (buf[pos] >>> 2 & 3);
                }
            }
        }
        if (pos >= end) {
            return malformed();
        }
        if (begin) {
            if (layerOpen) {
                abandonLayer();
            }
            if (layerCount == MAX_LAYER_FRAMES) {
                return malformed();
            }
            if (layerCount == 0) {
                baseLayerIntra = spatialId == 0 && !interPicture;
            }
            layerStarts[layerCount++] = outLength;
            layerOpen = true;
        } else if (!layerOpen) {
            drop(DropReason.ORPHAN_FRAGMENT);
            return false;
        }
        if (ssWidthHere > 0 && ssHeightHere > 0) {
            ssWidth = ssWidthHere;
            ssHeight = ssHeightHere;
        }
        append(buf, pos, end - pos);
        if (endOfLayer) {
            layerOpen = false;
        }
        return true;
    }

    private boolean malformed() {
        drop(DropReason.MALFORMED);
        return false;
    }

    private void abandonLayer() {
        outLength = layerStarts[--layerCount];
        layerOpen = false;
        fragmentDiscarded = true;
        drop(DropReason.INCOMPLETE_FRAGMENT);
    }

    @Override
    void lossInFrame() {
        if (layerOpen) {
            abandonLayer();
        }
    }

    @Override
    boolean endFrame() {
        if (layerOpen) {
            abandonLayer();
        }
        boolean intact = !fragmentDiscarded;
        frameKeyframe = false;
        if (layerCount > 0 && baseLayerIntra) {
            int baseEnd = layerCount > 1 ? layerStarts[1] : outLength;
            long size = Vp9Header.keyFrameSize(out, 0, baseEnd);
            if (size >= 0) {
                frameKeyframe = true;
                width = (int) (size >>> 32);
                height = (int) size;
            } else if (size == Vp9Header.INVALID) {
                invalidKeyframes++;
                intact = false;
            }
        }
        if (ssWidth > 0) {
            width = ssWidth;
            height = ssHeight;
        }
        if (layerCount > 1) {
            writeSuperframeIndex();
        }
        layerCount = 0;
        layerOpen = false;
        baseLayerIntra = false;
        fragmentDiscarded = false;
        return intact;
    }

    /** VP9 bitstream specification Annex B: frame sizes after the frames, a marker byte on each side. */
    private void writeSuperframeIndex() {
        layerStarts[layerCount] = outLength;
        int largest = 0;
        for (int i = 0; i < layerCount; i++) {
            largest = Math.max(largest, layerStarts[i + 1] - layerStarts[i]);
        }
        int sizeBytes = largest < 1 << 8 ? 1 : largest < 1 << 16 ? 2 : largest < 1 << 24 ? 3 : 4;
        ensureCapacity(outLength + 2 + sizeBytes * layerCount);
        int marker = 0xC0 | (sizeBytes - 1) << 3 | (layerCount - 1);
        out[outLength++] = (byte) marker;
        for (int i = 0; i < layerCount; i++) {
            int size = layerStarts[i + 1] - layerStarts[i];
            for (int b = 0; b < sizeBytes; b++) {
                out[outLength++] = (byte) (size >>> 8 * b);
            }
        }
        out[outLength++] = (byte) marker;
    }
}
