package dev.tributary.webrtc.stun;

import dev.tributary.webrtc.ParseException;
import dev.tributary.webrtc.stun.StunAttribute.ChannelNumber;
import dev.tributary.webrtc.stun.StunAttribute.Data;
import dev.tributary.webrtc.stun.StunAttribute.DontFragment;
import dev.tributary.webrtc.stun.StunAttribute.ErrorCode;
import dev.tributary.webrtc.stun.StunAttribute.EvenPort;
import dev.tributary.webrtc.stun.StunAttribute.Fingerprint;
import dev.tributary.webrtc.stun.StunAttribute.IceControlled;
import dev.tributary.webrtc.stun.StunAttribute.IceControlling;
import dev.tributary.webrtc.stun.StunAttribute.Lifetime;
import dev.tributary.webrtc.stun.StunAttribute.MappedAddress;
import dev.tributary.webrtc.stun.StunAttribute.MessageIntegrity;
import dev.tributary.webrtc.stun.StunAttribute.MessageIntegritySha256;
import dev.tributary.webrtc.stun.StunAttribute.Nonce;
import dev.tributary.webrtc.stun.StunAttribute.PasswordAlgorithm;
import dev.tributary.webrtc.stun.StunAttribute.PasswordAlgorithms;
import dev.tributary.webrtc.stun.StunAttribute.Priority;
import dev.tributary.webrtc.stun.StunAttribute.Realm;
import dev.tributary.webrtc.stun.StunAttribute.RequestedTransport;
import dev.tributary.webrtc.stun.StunAttribute.ReservationToken;
import dev.tributary.webrtc.stun.StunAttribute.Software;
import dev.tributary.webrtc.stun.StunAttribute.Unknown;
import dev.tributary.webrtc.stun.StunAttribute.UnknownAttributes;
import dev.tributary.webrtc.stun.StunAttribute.UseCandidate;
import dev.tributary.webrtc.stun.StunAttribute.Username;
import dev.tributary.webrtc.stun.StunAttribute.XorMappedAddress;
import dev.tributary.webrtc.stun.StunAttribute.XorPeerAddress;
import dev.tributary.webrtc.stun.StunAttribute.XorRelayedAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads and writes attribute values: the wire format of every {@link StunAttribute} record. */
final class AttributeCodec {

    private static final int FAMILY_IPV4 = 0x01;
    private static final int FAMILY_IPV6 = 0x02;

    private AttributeCodec() {}

    /**
     * Parses one attribute value.
     *
     * @param msg the whole message (the XOR addresses need its cookie and transaction id)
     * @param off start of the value within {@code msg}
     * @param len value length, without padding; {@code off + len} is inside {@code msg}
     * @param at offset of the attribute header, for error messages
     */
    static StunAttribute read(int type, byte[] msg, int off, int len, int at) {
        return switch (type) {
            case AttributeType.MAPPED_ADDRESS -> new MappedAddress(address(msg, off, len, false, at));
            case AttributeType.XOR_MAPPED_ADDRESS -> new XorMappedAddress(address(msg, off, len, true, at));
            case AttributeType.XOR_PEER_ADDRESS -> new XorPeerAddress(address(msg, off, len, true, at));
            case AttributeType.XOR_RELAYED_ADDRESS -> new XorRelayedAddress(address(msg, off, len, true, at));
            case AttributeType.USERNAME -> new Username(text(msg, off, len, at));
            case AttributeType.REALM -> new Realm(text(msg, off, len, at));
            case AttributeType.NONCE -> new Nonce(text(msg, off, len, at));
            case AttributeType.SOFTWARE -> new Software(text(msg, off, len, at));
            case AttributeType.MESSAGE_INTEGRITY -> {
                requireLength("MESSAGE-INTEGRITY", len, MessageIntegrity.LENGTH, at);
                yield new MessageIntegrity(Arrays.copyOfRange(msg, off, off + len));
            }
            case AttributeType.MESSAGE_INTEGRITY_SHA256 -> {
                if (!MessageIntegritySha256.isValidLength(len)) {
                    throw new ParseException("MESSAGE-INTEGRITY-SHA256 length " + len
                            + " is not 16..32 and a multiple of 4", at);
                }
                yield new MessageIntegritySha256(Arrays.copyOfRange(msg, off, off + len));
            }
            case AttributeType.FINGERPRINT -> {
                requireLength("FINGERPRINT", len, 4, at);
                yield new Fingerprint(Bytes.i32(msg, off));
            }
            case AttributeType.ERROR_CODE -> errorCode(msg, off, len, at);
            case AttributeType.UNKNOWN_ATTRIBUTES -> unknownAttributes(msg, off, len, at);
            case AttributeType.PASSWORD_ALGORITHM -> passwordAlgorithm(msg, off, len, at);
            case AttributeType.PASSWORD_ALGORITHMS -> passwordAlgorithms(msg, off, len, at);
            case AttributeType.PRIORITY -> {
                requireLength("PRIORITY", len, 4, at);
                yield new Priority(Bytes.i32(msg, off) & 0xFFFF_FFFFL);
            }
            case AttributeType.USE_CANDIDATE -> {
                requireLength("USE-CANDIDATE", len, 0, at);
                yield new UseCandidate();
            }
            case AttributeType.ICE_CONTROLLED -> {
                requireLength("ICE-CONTROLLED", len, 8, at);
                yield new IceControlled(Bytes.i64(msg, off));
            }
            case AttributeType.ICE_CONTROLLING -> {
                requireLength("ICE-CONTROLLING", len, 8, at);
                yield new IceControlling(Bytes.i64(msg, off));
            }
            case AttributeType.CHANNEL_NUMBER -> {
                requireLength("CHANNEL-NUMBER", len, 4, at);
                yield new ChannelNumber(Bytes.u16(msg, off));
            }
            case AttributeType.LIFETIME -> {
                requireLength("LIFETIME", len, 4, at);
                yield new Lifetime(Bytes.i32(msg, off) & 0xFFFF_FFFFL);
            }
            case AttributeType.DATA -> new Data(Arrays.copyOfRange(msg, off, off + len));
            case AttributeType.EVEN_PORT -> {
                requireLength("EVEN-PORT", len, 1, at);
                yield new EvenPort((msg[off] & 0x80) != 0);
            }
            case AttributeType.REQUESTED_TRANSPORT -> {
                requireLength("REQUESTED-TRANSPORT", len, 4, at);
                yield new RequestedTransport(msg[off] & 0xFF);
            }
            case AttributeType.DONT_FRAGMENT -> {
                requireLength("DONT-FRAGMENT", len, 0, at);
                yield new DontFragment();
            }
            case AttributeType.RESERVATION_TOKEN -> {
                requireLength("RESERVATION-TOKEN", len, 8, at);
                yield new ReservationToken(Bytes.i64(msg, off));
            }
            default -> new Unknown(type, Arrays.copyOfRange(msg, off, off + len));
        };
    }

    /**
     * Writes one attribute: header, value and padding.
     *
     * <p>The 20-byte message header must already be at the start of {@code w}: the XOR addresses
     * use its cookie and transaction id.
     *
     * @param padding the byte that fills values up to a multiple of 4 (zero, RFC 8489 §14)
     * @throws IllegalArgumentException if the value is longer than 65535 bytes
     */
    static void write(StunAttribute attribute, ByteWriter w, byte padding) {
        int start = w.position();
        w.u16(attribute.type());
        w.u16(0);
        switch (attribute) {
            case MappedAddress a -> writeAddress(w, a.address(), false);
            case XorMappedAddress a -> writeAddress(w, a.address(), true);
            case XorPeerAddress a -> writeAddress(w, a.address(), true);
            case XorRelayedAddress a -> writeAddress(w, a.address(), true);
            case Username a -> writeText(w, a.value());
            case Realm a -> writeText(w, a.value());
            case Nonce a -> writeText(w, a.value());
            case Software a -> writeText(w, a.value());
            case MessageIntegrity a -> w.bytes(a.hmac());
            case MessageIntegritySha256 a -> w.bytes(a.hmac());
            case Fingerprint a -> w.i32(a.value());
            case ErrorCode a -> {
                w.u16(0);
                w.u8(a.errorClass());
                w.u8(a.number());
                writeText(w, a.reason());
            }
            case UnknownAttributes a -> a.types().forEach(w::u16);
            case PasswordAlgorithm a -> writePasswordAlgorithm(w, a);
            case PasswordAlgorithms a -> a.algorithms().forEach(p -> {
                writePasswordAlgorithm(w, p);
                w.fill(Bytes.pad4(p.parameters().length) - p.parameters().length, padding);
            });
            case Priority a -> w.i32((int) a.value());
            case UseCandidate _ -> { }
            case IceControlled a -> w.i64(a.tieBreaker());
            case IceControlling a -> w.i64(a.tieBreaker());
            case ChannelNumber a -> {
                w.u16(a.channel());
                w.u16(0);
            }
            case Lifetime a -> w.i32((int) a.seconds());
            case Data a -> w.bytes(a.data());
            case EvenPort a -> w.u8(a.reserveNextPort() ? 0x80 : 0);
            case RequestedTransport a -> w.i32(a.protocol() << 24);
            case DontFragment _ -> { }
            case ReservationToken a -> w.i64(a.token());
            case Unknown a -> w.bytes(a.value());
        }
        int length = w.position() - start - 4;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException(String.format(
                    "attribute 0x%04x value is %d bytes, more than 65535", attribute.type(), length));
        }
        w.setU16(start + 2, length);
        w.fill(Bytes.pad4(length) - length, padding);
    }

    private static void requireLength(String name, int len, int expected, int at) {
        if (len != expected) {
            throw new ParseException(name + " length must be " + expected + ", is " + len, at);
        }
    }

    /** RFC 8489 §14.1 and §14.2: family, port and address, XORed with the cookie and id. */
    private static InetSocketAddress address(byte[] msg, int off, int len, boolean xor, int at) {
        if (len < 4) {
            throw new ParseException("address attribute shorter than 4 bytes: " + len, at);
        }
        int family = msg[off + 1] & 0xFF;
        int addressLength = switch (family) {
            case FAMILY_IPV4 -> 4;
            case FAMILY_IPV6 -> 16;
            default -> throw new ParseException("unknown address family " + family, at);
        };
        if (len != 4 + addressLength) {
            throw new ParseException("address attribute of family " + family + " must be "
                    + (4 + addressLength) + " bytes, is " + len, at);
        }
        int port = Bytes.u16(msg, off + 2);
        byte[] ip = Arrays.copyOfRange(msg, off + 4, off + 4 + addressLength);
        if (xor) {
            port ^= StunMessage.MAGIC_COOKIE >>> 16;
            xorWithCookieAndId(ip, msg);
        }
        try {
            InetAddress inet = family == FAMILY_IPV4
                    ? InetAddress.getByAddress(ip)
                    // Inet6Address even for ::ffff:a.b.c.d, so that the family round-trips.
                    : Inet6Address.getByAddress(null, ip, -1);
            return new InetSocketAddress(inet, port);
        } catch (UnknownHostException e) {
            throw new ParseException("bad address length", at);
        }
    }

    private static void writeAddress(ByteWriter w, InetSocketAddress address, boolean xor) {
        InetAddress inet = address.getAddress();
        byte[] ip = inet.getAddress();
        int port = address.getPort();
        if (xor) {
            port ^= StunMessage.MAGIC_COOKIE >>> 16;
            // The header is at the start of the buffer: bytes 4..19 are cookie and transaction id.
            xorWithCookieAndId(ip, w.array());
        }
        w.u8(0);
        w.u8(inet instanceof Inet4Address ? FAMILY_IPV4 : FAMILY_IPV6);
        w.u16(port);
        w.bytes(ip);
    }

    /** XORs an address with the magic cookie (IPv4) or the cookie and transaction id (IPv6). */
    private static void xorWithCookieAndId(byte[] ip, byte[] message) {
        for (int i = 0; i < ip.length; i++) {
            ip[i] ^= message[4 + i];
        }
    }

    /**
     * Text attributes must be UTF-8 (RFC 8489 §14.3 and following); malformed UTF-8 is rejected
     * rather than replaced, so that what the model holds is exactly what was received.
     */
    private static String text(byte[] msg, int off, int len, int at) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(msg, off, len))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ParseException("attribute text is not valid UTF-8", at);
        }
    }

    private static void writeText(ByteWriter w, String text) {
        w.bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 8489 §14.8: 21 reserved bits (ignored), class 3..6, number 0..99, reason phrase. */
    private static ErrorCode errorCode(byte[] msg, int off, int len, int at) {
        if (len < 4) {
            throw new ParseException("ERROR-CODE shorter than 4 bytes: " + len, at);
        }
        int errorClass = msg[off + 2] & 0x07;
        int number = msg[off + 3] & 0xFF;
        if (errorClass < 3 || errorClass > 6) {
            throw new ParseException("ERROR-CODE class must be 3..6, is " + errorClass, at);
        }
        if (number > 99) {
            throw new ParseException("ERROR-CODE number must be 0..99, is " + number, at);
        }
        return new ErrorCode(errorClass * 100 + number, text(msg, off + 4, len - 4, at));
    }

    private static UnknownAttributes unknownAttributes(byte[] msg, int off, int len, int at) {
        if (len % 2 != 0) {
            throw new ParseException("UNKNOWN-ATTRIBUTES length must be even, is " + len, at);
        }
        List<Integer> types = new ArrayList<>(len / 2);
        for (int i = 0; i < len; i += 2) {
            types.add(Bytes.u16(msg, off + i));
        }
        return new UnknownAttributes(types);
    }

    /**
     * RFC 8489 §14.12: algorithm, parameters length, parameters. The parameters may be followed
     * by their own padding inside the value, which is ignored.
     */
    private static PasswordAlgorithm passwordAlgorithm(byte[] msg, int off, int len, int at) {
        if (len < 4) {
            throw new ParseException("PASSWORD-ALGORITHM shorter than 4 bytes: " + len, at);
        }
        int paramsLength = Bytes.u16(msg, off + 2);
        if (len < 4 + paramsLength || len > 4 + Bytes.pad4(paramsLength)) {
            throw new ParseException("PASSWORD-ALGORITHM parameters length " + paramsLength
                    + " does not match attribute length " + len, at);
        }
        return new PasswordAlgorithm(Bytes.u16(msg, off), Arrays.copyOfRange(msg, off + 4, off + 4 + paramsLength));
    }

    /** RFC 8489 §14.11: a list of algorithms, each with parameters padded to 4 bytes. */
    private static PasswordAlgorithms passwordAlgorithms(byte[] msg, int off, int len, int at) {
        List<PasswordAlgorithm> algorithms = new ArrayList<>();
        int end = off + len;
        int pos = off;
        while (pos < end) {
            if (end - pos < 4) {
                throw new ParseException("PASSWORD-ALGORITHMS entry truncated", at);
            }
            int paramsLength = Bytes.u16(msg, pos + 2);
            if (Bytes.pad4(paramsLength) > end - pos - 4) {
                throw new ParseException("PASSWORD-ALGORITHMS parameters past the attribute end", at);
            }
            algorithms.add(new PasswordAlgorithm(
                    Bytes.u16(msg, pos), Arrays.copyOfRange(msg, pos + 4, pos + 4 + paramsLength)));
            pos += 4 + Bytes.pad4(paramsLength);
        }
        return new PasswordAlgorithms(algorithms);
    }

    /**
     * Writes algorithm, length and parameters. Inside PASSWORD-ALGORITHMS the caller pads the
     * parameters; a lone PASSWORD-ALGORITHM leaves that to the attribute padding.
     */
    private static void writePasswordAlgorithm(ByteWriter w, PasswordAlgorithm a) {
        byte[] params = a.parameters();
        w.u16(a.algorithm());
        w.u16(params.length);
        w.bytes(params);
    }
}
