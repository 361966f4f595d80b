package dev.tributary.webrtc.srtp;

import java.util.HexFormat;

/** Hex as the RFCs print it: case-insensitive, spaces and line breaks ignored. */
final class Hex {

    private Hex() {}

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String string(byte[] bytes, int off, int len) {
        return HexFormat.of().formatHex(bytes, off, off + len);
    }
}
