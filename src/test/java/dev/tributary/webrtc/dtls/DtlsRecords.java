package dev.tributary.webrtc.dtls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds and splits DTLS 1.2 records (RFC 6347 §4.1, §4.2.2) for tests. */
final class DtlsRecords {

    static final int CHANGE_CIPHER_SPEC = 20;
    static final int HANDSHAKE = 22;

    private DtlsRecords() {}

    /** A record header (DTLS 1.2, sequence number 0) followed by the fragment. */
    static byte[] record(int contentType, int epoch, byte[] fragment) {
        byte[] record = new byte[13 + fragment.length];
        record[0] = (byte) contentType;
        record[1] = (byte) 0xfe;
        record[2] = (byte) 0xfd;
        record[3] = (byte) (epoch >> 8);
        record[4] = (byte) epoch;
        record[11] = (byte) (fragment.length >> 8);
        record[12] = (byte) fragment.length;
        System.arraycopy(fragment, 0, record, 13, fragment.length);
        return record;
    }

    /** An unfragmented handshake message: 12-byte DTLS handshake header, then the body. */
    static byte[] handshake(int messageType, int messageSeq, byte[] body) {
        byte[] message = new byte[12 + body.length];
        message[0] = (byte) messageType;
        writeUint24(message, 1, body.length);
        message[4] = (byte) (messageSeq >> 8);
        message[5] = (byte) messageSeq;
        writeUint24(message, 9, body.length);
        System.arraycopy(body, 0, message, 12, body.length);
        return message;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The records of a datagram, each as its own array; a truncated tail is left out. */
    static List<byte[]> split(byte[] datagram, int off, int len) {
        List<byte[]> records = new ArrayList<>();
        int at = off;
        int end = off + len;
        while (at + 13 <= end) {
            int recordEnd = at + 13 + ((datagram[at + 11] & 0xff) << 8 | (datagram[at + 12] & 0xff));
            if (recordEnd > end) {
                break;
            }
            records.add(Arrays.copyOfRange(datagram, at, recordEnd));
            at = recordEnd;
        }
        return records;
    }

    /** Whether the record is a plaintext handshake record starting with this message type. */
    static boolean isHandshake(byte[] record, int messageType) {
        return record[0] == HANDSHAKE && record[3] == 0 && record[4] == 0 && record.length > 13
                && (record[13] & 0xff) == messageType;
    }

    private static void writeUint24(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >> 16);
        buf[at + 1] = (byte) (value >> 8);
        buf[at + 2] = (byte) value;
    }
}
