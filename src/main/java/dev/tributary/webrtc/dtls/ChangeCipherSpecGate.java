package dev.tributary.webrtc.dtls;

import java.util.Arrays;

/**
 * Keeps a DTLS server's BouncyCastle handshake from deadlocking when the client's
 * ChangeCipherSpec arrives before its CertificateVerify (CertificateVerify lost or reordered).
 *
 * <p>BouncyCastle (1.84, bc-java issue #229) switches its read epoch as soon as it sees the
 * ChangeCipherSpec, even while the CertificateVerify of epoch 0 is still missing; from then on it
 * discards every epoch-0 record, the retransmitted CertificateVerify included, and the handshake
 * times out. Clients that send each record in its own datagram hit this under a few percent of
 * loss. This gate drops epoch-0 ChangeCipherSpec records until a CertificateVerify has passed
 * (WebRTC servers always request a client certificate, so the client's second flight always has
 * one, RFC 5763 §5); the client retransmits the flight, ChangeCipherSpec included, because the
 * server's Finished cannot come before it. The cost is one retransmission in a case that needs
 * one anyway. The gate only reads plaintext epoch-0 headers; anything it cannot parse passes
 * unchanged. Not thread-safe: the caller serialises calls.
 */
final class ChangeCipherSpecGate {

    private static final int RECORD_HEADER_LENGTH = 13;
    private static final int HANDSHAKE_HEADER_LENGTH = 12;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int HANDSHAKE = 22;
    private static final int CERTIFICATE_VERIFY = 15;

    private boolean open;

    /**
     * @param datagram a received datagram, one or more DTLS records
     * @return the datagram itself, or a copy without the ChangeCipherSpec records that must wait,
     *     or null if nothing is left to deliver
     */
    byte[] filter(byte[] datagram) {
        if (open) {
            return datagram;
        }
        byte[] kept = null;
        int keptLength = 0;
        int at = 0;
        while (at + RECORD_HEADER_LENGTH <= datagram.length) {
            int type = datagram[at] & 0xff;
            int epoch = uint16(datagram, at + 3);
            int end = at + RECORD_HEADER_LENGTH + uint16(datagram, at + 11);
            if (end > datagram.length) {
                break;
            }
            if (epoch == 0 && type == HANDSHAKE) {
                scanHandshake(datagram, at + RECORD_HEADER_LENGTH, end);
            }
            boolean hold = epoch == 0 && type == CHANGE_CIPHER_SPEC && !open;
            if (hold && kept == null) {
                kept = Arrays.copyOf(datagram, datagram.length);
                keptLength = at;
            } else if (!hold && kept != null) {
                System.arraycopy(datagram, at, kept, keptLength, end - at);
                keptLength += end - at;
            }
            at = end;
        }
        if (kept == null) {
            return datagram;
        }
        System.arraycopy(datagram, at, kept, keptLength, datagram.length - at);
        keptLength += datagram.length - at;
        return keptLength == 0 ? null : Arrays.copyOf(kept, keptLength);
    }

    /** Opens the gate once the last fragment of a CertificateVerify message goes by. */
    private void scanHandshake(byte[] record, int at, int end) {
        while (at + HANDSHAKE_HEADER_LENGTH <= end) {
            int type = record[at] & 0xff;
            int length = uint24(record, at + 1);
            int fragmentOffset = uint24(record, at + 6);
            int fragmentLength = uint24(record, at + 9);
            if (type == CERTIFICATE_VERIFY && fragmentOffset + fragmentLength == length) {
                open = true;
            }
            at += HANDSHAKE_HEADER_LENGTH + fragmentLength;
        }
    }

    private static int uint16(byte[] buf, int at) {
        return (buf[at] & 0xff) << 8 | (buf[at + 1] & 0xff);
    }

    private static int uint24(byte[] buf, int at) {
        return (buf[at] & 0xff) << 16 | (buf[at + 1] & 0xff) << 8 | (buf[at + 2] & 0xff);
    }
}
