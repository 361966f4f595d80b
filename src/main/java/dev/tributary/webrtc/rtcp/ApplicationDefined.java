package dev.tributary.webrtc.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An application-defined packet, APP (RFC 3550 §6.7).
 *
 * @param subtype the 5-bit subtype carried in the count field, {@code 0..31}
 * @param ssrc the sender's SSRC
 * @param name the four-character name; each character is one octet ({@code U+0000..U+00FF}),
 *     ASCII by the RFC
 * @param data application data, whole 32-bit words
 */
public record ApplicationDefined(int subtype, long ssrc, String name, RawBytes data) implements RtcpPacket {

    /**
     * @throws IllegalArgumentException if a field does not fit its wire size, the name is not four
     *     one-octet characters or the data is not whole words
     * @throws NullPointerException if the name or data is null
     */
    public ApplicationDefined {
        Wire.checkRange(subtype, 0, Wire.MAX_COUNT, "subtype");
        Wire.checkU32(ssrc, "ssrc");
        if (name.length() != 4 || !StandardCharsets.ISO_8859_1.newEncoder().canEncode(name)) {
            throw new IllegalArgumentException("APP name must be four one-octet characters: " + name);
        }
        Objects.requireNonNull(data, "data");
        Wire.checkWords(data, "APP data");
        Wire.checkPacketLength(Wire.HEADER_LENGTH + 8 + data.length());
    }

    @Override
    public int packetType() {
        return TYPE_APP;
    }

    @Override
    public int encodedLength() {
        return Wire.HEADER_LENGTH + 8 + data.length();
    }

    @Override
    public int writeTo(byte[] buf, int off) {
        int length = encodedLength();
        int pos = Wire.writeHeader(buf, off, subtype, TYPE_APP, length);
        Wire.put32(buf, pos, ssrc);
        byte[] nameBytes = name.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(nameBytes, 0, buf, pos + 4, 4);
        data.copyTo(buf, pos + 8);
        return length;
    }

    /** Parses the body of an APP packet whose header gave {@code subtype}. */
    static ApplicationDefined decode(WireReader r, int subtype) {
        r.need(8, "APP SSRC and name");
        long ssrc = r.u32();
        String name = new String(r.bytes(4).toByteArray(), StandardCharsets.ISO_8859_1);
        return new ApplicationDefined(subtype, ssrc, name, r.words("APP data"));
    }
}
