package dev.tributary.webrtc.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NtpTimeTest {

    @Test
    void convertsKnownInstants() {
        assertThat(NtpTime.fromInstant(Instant.parse("2024-05-01T12:00:00.5Z"))).isEqualTo(0xE9DCAD4080000000L);
        assertThat(NtpTime.fromInstant(Instant.EPOCH)).isEqualTo(0x83AA7E80_00000000L);
        assertThat(NtpTime.fromInstant(Instant.parse("1900-01-01T00:00:00Z"))).isZero();
        assertThat(NtpTime.toInstant(0xE9DCAD4040000000L)).isEqualTo(Instant.parse("2024-05-01T12:00:00.25Z"));
        assertThat(NtpTime.toInstant(-1L)).isEqualTo(Instant.parse("2036-02-07T06:28:16Z"));
        assertThat(NtpTime.fromEpochNanos(1_714_564_800_500_000_000L)).isEqualTo(0xE9DCAD4080000000L);
        assertThat(NtpTime.toEpochNanos(0xE9DCAD4080000000L)).isEqualTo(1_714_564_800_500_000_000L);
    }

    @Test
    void rejectsInstantsOutsideEraZero() {
        assertThatThrownBy(() -> NtpTime.fromInstant(Instant.parse("2036-02-07T06:28:16Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NtpTime.fromInstant(Instant.parse("1899-12-31T23:59:59Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nanosecondsSurviveTheRoundTrip() {
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            long epochNanos = random.nextLong(-2_000_000_000_000_000_000L, 2_000_000_000_000_000_000L);
            Instant instant = Instant.ofEpochSecond(0, epochNanos);
            assertThat(NtpTime.toInstant(NtpTime.fromInstant(instant))).isEqualTo(instant);
            assertThat(NtpTime.toEpochNanos(NtpTime.fromEpochNanos(epochNanos))).isEqualTo(epochNanos);
        }
    }

    @Test
    void middleBitsAndDelayUnits() {
        assertThat(NtpTime.middle32(0xE9DCAD4080000000L)).isEqualTo(0xAD408000L);
        assertThat(NtpTime.toDlsr(1_500_000_000L)).isEqualTo(0x18000);
        assertThat(NtpTime.toDlsr(-5)).isZero();
        assertThat(NtpTime.toDlsr(Long.MAX_VALUE)).isEqualTo(0xFFFFFFFFL);
        assertThat(NtpTime.toDlsr(7_000_000_000_000L)).isEqualTo(7_000L << 16);
        assertThat(NtpTime.toDlsr(65_536_000_000_000L)).isEqualTo(0xFFFFFFFFL);
        assertThat(NtpTime.toDlsr(15_259)).isEqualTo(1); // 1/65536 s is 15258.8 ns
        assertThat(NtpTime.dlsrToNanos(0x18000)).isEqualTo(1_500_000_000L);
        assertThat(NtpTime.dlsrToNanos(1)).isEqualTo(15_259);
    }

    @Test
    void roundTripTimeMatchesTheRfc3550Example() {
        // RFC 3550 §6.4.1, Figure 2: A = 0xb710:8000, LSR = 0xb705:2000, DLSR = 0x0005:4000 -> 6.125 s.
        long arrival = 0xB710_8000L << 16;
        assertThat(NtpTime.roundTripNanos(arrival, 0xB7052000L, 0x00054000L)).isEqualTo(6_125_000_000L);
        assertThat(NtpTime.roundTripNanos(arrival, 0, 0)).isEqualTo(-1);
        assertThat(NtpTime.roundTripNanos(arrival, 0xB7108000L, 0x00010000L)).isZero();
    }
}
