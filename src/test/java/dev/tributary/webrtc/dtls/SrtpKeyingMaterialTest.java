package dev.tributary.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SrtpKeyingMaterialTest {

    /** 2 × 16-byte keys then 2 × 14-byte salts, each part filled with its own byte value. */
    private static final byte[] CM_MATERIAL = HexFormat.of().parseHex(
            "11111111111111111111111111111111"
            + "22222222222222222222222222222222"
            + "3333333333333333333333333333"
            + "4444444444444444444444444444");

    @Test
    void splitsAsRfc5764LaysItOut() {
        SrtpKeyingMaterial keys = SrtpKeyingMaterial.split(CM_MATERIAL, 16, 14);

        assertThat(keys.clientWriteKey()).isEqualTo(filled(16, 0x11));
        assertThat(keys.serverWriteKey()).isEqualTo(filled(16, 0x22));
        assertThat(keys.clientWriteSalt()).isEqualTo(filled(14, 0x33));
        assertThat(keys.serverWriteSalt()).isEqualTo(filled(14, 0x44));
    }

    @Test
    void localAndRemoteDependOnTheRole() {
        SrtpKeyingMaterial keys = SrtpKeyingMaterial.split(CM_MATERIAL, 16, 14);

        assertThat(keys.localKey(DtlsRole.CLIENT)).isEqualTo(filled(16, 0x11));
        assertThat(keys.localSalt(DtlsRole.CLIENT)).isEqualTo(filled(14, 0x33));
        assertThat(keys.remoteKey(DtlsRole.CLIENT)).isEqualTo(filled(16, 0x22));
        assertThat(keys.remoteSalt(DtlsRole.CLIENT)).isEqualTo(filled(14, 0x44));
        assertThat(keys.localKey(DtlsRole.SERVER)).isEqualTo(filled(16, 0x22));
        assertThat(keys.localSalt(DtlsRole.SERVER)).isEqualTo(filled(14, 0x44));
        assertThat(keys.remoteKey(DtlsRole.SERVER)).isEqualTo(filled(16, 0x11));
        assertThat(keys.remoteSalt(DtlsRole.SERVER)).isEqualTo(filled(14, 0x33));
    }

    @Test
    void keysNeverReachToString() {
        assertThat(SrtpKeyingMaterial.split(CM_MATERIAL, 16, 14).toString())
                .isEqualTo("SrtpKeyingMaterial[16-byte keys, 14-byte salts]");
    }

    @Test
    void materialOfTheWrongLengthIsRejected() {
        assertThatThrownBy(() -> SrtpKeyingMaterial.split(new byte[59], 16, 14))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SrtpKeyingMaterial.split(new byte[0], 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
