package dev.tributary.webrtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 3711 Appendix B.2 and B.3, RFC 6188 §7.2: keystream and key derivation, byte for byte. */
class KeyDerivationTest {

    private static final byte[] B3_MASTER_KEY = Hex.bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] B3_MASTER_SALT = Hex.bytes("0EC675AD498AFEEBB6960B3AABE6");

    @Test
    void rfc3711AppendixB3DerivesTheCipherKey() {
        assertThat(KeyDerivation.derive(B3_MASTER_KEY, B3_MASTER_SALT,
                KeyDerivation.SRTP_ENCRYPTION, 16))
                .isEqualTo(Hex.bytes("C61E7A93744F39EE10734AFE3FF7A087"));
    }

    @Test
    void rfc3711AppendixB3DerivesTheCipherSalt() {
        assertThat(KeyDerivation.derive(B3_MASTER_KEY, B3_MASTER_SALT, KeyDerivation.SRTP_SALT,
                14)).isEqualTo(Hex.bytes("30CBBC08863D8C85D49DB34A9AE1"));
    }

    @Test
    void rfc3711AppendixB3DerivesTheFull94OctetAuthenticationKeystream() {
        assertThat(KeyDerivation.derive(B3_MASTER_KEY, B3_MASTER_SALT,
                KeyDerivation.SRTP_AUTHENTICATION, 94)).isEqualTo(Hex.bytes("""
                CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE
                E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25
                6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2"""));
    }

    @Test
    void rfc6188Section7_2DerivesWithAes256() {
        byte[] masterKey = Hex.bytes(
                "f0f04914b513f2763a1b1fa130f10e29 98f6f6e43e4309d1e622a0e332b9f1b6");
        byte[] masterSalt = Hex.bytes("3b04803de51ee7c96423ab5b78d2");

        assertThat(KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTP_ENCRYPTION, 32))
                .isEqualTo(Hex.bytes(
                        "5ba1064e30ec51613cad926c5a28ef73 1ec7fb397f70a960653caf06554cd8c4"));
        assertThat(KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTP_SALT, 14))
                .isEqualTo(Hex.bytes("fa31791685ca444a9e07c6c64e93"));
        assertThat(KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTP_AUTHENTICATION,
                20)).isEqualTo(Hex.bytes("fd9c32d39ed5fbb5a9dc96b30818454d1313dc05"));
    }

    @Test
    void rfc3711AppendixB2KeystreamAtTheStartAndEndOfTheSegment() {
        // The session salt is given pre-shifted; with SSRC and index 0 it is the IV itself.
        AesCounterMode cipher = new AesCounterMode(
                Hex.bytes("2B7E151628AED2A6ABF7158809CF4F3C"),
                Hex.bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"));
        byte[] keystream = new byte[16 * 0xFF02];

        cipher.apply(keystream, 0, keystream.length, 0, 0);

        assertThat(Hex.string(keystream, 0, 48)).isEqualToIgnoringCase(
                "E03EAD0935C95E80E166B16DD92B4EB4"
                + "D23513162B02D0F72A43A2FE4A5F97AB"
                + "41E95B3BB0A2E8DD477901E4FCA894C0");
        assertThat(Hex.string(keystream, 16 * 0xFEFF, 48)).isEqualToIgnoringCase(
                "EC8CDF7398607CB0F2D21675EA9EA1E4"
                + "362B7C3C6773516318A077D7FC5073AE"
                + "6A2CC3787889374FBEB4C81B17BA6C44");
    }

    @Test
    void keystreamXorIsItsOwnInverseAtAnOffset() {
        AesCounterMode cipher = new AesCounterMode(new byte[16], new byte[14]);
        byte[] data = new byte[5000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        byte[] original = data.clone();

        cipher.apply(data, 7, 4000, 0xCAFEBABE, 0x123456789AL);
        assertThat(data).isNotEqualTo(original);
        assertThat(data[6]).isEqualTo(original[6]);
        assertThat(data[4007]).isEqualTo(original[4007]);
        cipher.apply(data, 7, 4000, 0xCAFEBABE, 0x123456789AL);

        assertThat(data).isEqualTo(original);
    }
}
