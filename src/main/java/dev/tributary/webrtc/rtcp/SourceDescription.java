package dev.tributary.webrtc.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A source description, SDES (RFC 3550 §6.5): for each of at most 31 sources, a chunk of items
 * such as the CNAME that ties a participant's audio and video streams together.
 *
 * @param chunks the chunks, at most 31
 */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {

    /**
     * @throws IllegalArgumentException if there are more than 31 chunks or the packet would
     *     exceed the RTCP maximum length
     * @throws NullPointerException if the list or a chunk is null
     */
    public SourceDescription {
        chunks = List.copyOf(chunks);
        Wire.checkCount(chunks, "SDES chunks");
        Wire.checkPacketLength(length(chunks));
    }

    /**
     * An SDES with one chunk holding only a CNAME item, what every compound carries (RFC 3550
     * §6.1).
     *
     * @throws IllegalArgumentException if the SSRC does not fit 32 bits or the CNAME is longer than
     *     255 bytes in UTF-8
     */
    public static SourceDescription ofCname(long ssrc, String cname) {
        return new SourceDescription(List.of(new Chunk(ssrc, List.of(Item.of(Item.CNAME, cname)))));
    }

    /** The text of the first CNAME item of the chunk for {@code ssrc}, if there is one. */
    public Optional<String> cname(long ssrc) {
        for (Chunk chunk : chunks) {
            Optional<Item> cname = chunk.ssrc() == ssrc ? chunk.firstCname() : Optional.empty();
            if (cname.isPresent()) {
                return Optional.of(cname.get().text());
            }
        }
        return Optional.empty();
    }

    /** Whether some chunk has a CNAME item. */
    boolean hasCname() {
        return chunks.stream().anyMatch(chunk -> chunk.firstCname().isPresent());
    }

    @Override
    public int packetType() {
        return TYPE_SDES;
    }

    @Override
    public int encodedLength() {
        return length(chunks);
    }

    private static int length(List<Chunk> chunks) {
        int length = Wire.HEADER_LENGTH;
        for (Chunk chunk : chunks) {
            length += chunk.encodedLength();
        }
        return length;
    }

    @Override
    public int writeTo(byte[] buf, int off) {
        int length = encodedLength();
        int pos = Wire.writeHeader(buf, off, chunks.size(), TYPE_SDES, length);
        for (Chunk chunk : chunks) {
            pos = chunk.write(buf, pos);
        }
        return length;
    }

    /** Parses the body of an SDES whose header gave {@code count} chunks. */
    static SourceDescription decode(WireReader r, int count) {
        Chunk[] chunks = new Chunk[count];
        for (int i = 0; i < count; i++) {
            chunks[i] = Chunk.read(r);
        }
        r.expectEnd("the last SDES chunk");
        return new SourceDescription(List.of(chunks));
    }

    /**
     * The items describing one source. On the wire the list ends with a null octet and is padded
     * with null octets to a 32-bit boundary.
     *
     * @param ssrc the SSRC or CSRC described
     * @param items the items, in wire order
     */
    public record Chunk(long ssrc, List<Item> items) {

        /**
         * @throws IllegalArgumentException if the SSRC does not fit 32 bits
         * @throws NullPointerException if the list or an item is null
         */
        public Chunk {
            Wire.checkU32(ssrc, "ssrc");
            items = List.copyOf(items);
        }

        Optional<Item> firstCname() {
            return items.stream().filter(item -> item.type() == Item.CNAME).findFirst();
        }

        int encodedLength() {
            int itemBytes = 0;
            for (Item item : items) {
                itemBytes += 2 + item.value().length();
            }
            // The terminating null item needs at least one octet; padding fills the word.
            return 4 + Wire.paddedTo4(itemBytes + 1);
        }

        int write(byte[] buf, int off) {
            int end = off + encodedLength();
            Wire.put32(buf, off, ssrc);
            int pos = off + 4;
            for (Item item : items) {
                buf[pos] = (byte) item.type();
                buf[pos + 1] = (byte) item.value().length();
                pos = item.value().copyTo(buf, pos + 2);
            }
            while (pos < end) {
                buf[pos++] = 0;
            }
            return end;
        }

        static Chunk read(WireReader r) {
            r.need(4, "SDES chunk SSRC");
            int start = r.offset();
            long ssrc = r.u32();
            List<Item> items = new ArrayList<>();
            while (true) {
                r.need(1, "SDES item type");
                int type = r.u8();
                if (type == 0) {
                    break;
                }
                r.need(1, "SDES item length");
                int length = r.u8();
                r.need(length, "SDES item value");
                items.add(new Item(type, r.bytes(length)));
            }
            // Chunks start on 32-bit boundaries (RFC 3550 §6.5); whatever follows the null item up
            // to the next boundary is padding.
            int used = r.offset() - start;
            int padding = Wire.paddedTo4(used) - used;
            r.need(padding, "SDES chunk padding");
            r.skip(padding);
            return new Chunk(ssrc, items);
        }
    }

    /**
     * One SDES item (RFC 3550 §6.5.1–6.5.8). The value is kept as bytes: the standard items are
     * UTF-8 text ({@link #text()}); a PRIV item's value is a length-prefixed prefix string followed
     * by the value string (§6.5.8).
     *
     * @param type the item type, {@code 1..255} (0 ends an item list on the wire)
     * @param value at most 255 bytes
     */
    public record Item(int type, RawBytes value) {

        /** Canonical end-point identifier, §6.5.1. */
        public static final int CNAME = 1;
        /** User name, §6.5.2. */
        public static final int NAME = 2;
        /** Electronic mail address, §6.5.3. */
        public static final int EMAIL = 3;
        /** Phone number, §6.5.4. */
        public static final int PHONE = 4;
        /** Geographic user location, §6.5.5. */
        public static final int LOC = 5;
        /** Application or tool name, §6.5.6. */
        public static final int TOOL = 6;
        /** Notice or status, §6.5.7. */
        public static final int NOTE = 7;
        /** Private extension, §6.5.8. */
        public static final int PRIV = 8;

        /**
         * @throws IllegalArgumentException if the type is not in {@code 1..255} or the value is
         *     longer than 255 bytes
         * @throws NullPointerException if the value is null
         */
        public Item {
            Wire.checkRange(type, 1, 255, "SDES item type");
            Objects.requireNonNull(value, "value");
            Wire.checkRange(value.length(), 0, 255, "SDES item length");
        }

        /**
         * An item whose value is {@code text} in UTF-8.
         *
         * @throws IllegalArgumentException as the canonical constructor
         */
        public static Item of(int type, String text) {
            return new Item(type, RawBytes.copyOf(text.getBytes(StandardCharsets.UTF_8)));
        }

        /** The value decoded as UTF-8 (malformed sequences become U+FFFD). */
        public String text() {
            return new String(value.toByteArray(), StandardCharsets.UTF_8);
        }
    }
}
