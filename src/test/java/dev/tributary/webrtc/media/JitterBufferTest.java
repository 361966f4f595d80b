package dev.tributary.webrtc.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.media.JitterBuffer.Config;
import dev.tributary.webrtc.media.JitterBuffer.GapCause;
import dev.tributary.webrtc.media.JitterBuffer.InsertResult;
import dev.tributary.webrtc.rtp.RtpPacket;
import dev.tributary.webrtc.rtp.RtpPacketView;
import dev.tributary.webrtc.sim.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitterBufferTest {

    private static final long MS = 1_000_000L;

    private final VirtualClock clock = new VirtualClock(1_000 * MS);
    private final List<String> gaps = new ArrayList<>();
    /** Without the startup hold, so that each test sees its packets released at once. */
    private JitterBuffer buffer = new JitterBuffer(Config.video().withStartupHold(0), this::gap);

    private void gap(int first, int last, GapCause cause) {
        gaps.add(cause + " " + first + ".." + last);
    }

    private static byte[] packet(int seq) {
        byte[] payload = {(byte) seq, (byte) (seq >>> 8), 42};
        return RtpPacket.builder().payloadType(96).sequenceNumber(seq).timestamp(seq * 3000L)
                .ssrc(0x1234).payload(payload).build().copy().buffer();
    }

    private InsertResult insert(int seq) {
        byte[] bytes = packet(seq);
        return buffer.insert(clock.now(), bytes, 0, bytes.length);
    }

    /** Drains what may be released now; returns the sequence numbers, checking payloads survived. */
    private List<Integer> drain() {
        List<Integer> out = new ArrayList<>();
        for (RtpPacketView p; (p = buffer.poll(clock.now())) != null; ) {
            int seq = p.sequenceNumber();
            assertThat(p.buffer()[p.payloadOffset()]).isEqualTo((byte) seq);
            assertThat(p.buffer()[p.payloadOffset() + 1]).isEqualTo((byte) (seq >>> 8));
            out.add(seq);
        }
        return out;
    }

    @Test
    void releasesInOrderPacketsAtOnce() {
        for (int seq = 100; seq < 110; seq++) {
            clock.advance(Duration.ofMillis(5));
            assertThat(insert(seq)).isEqualTo(InsertResult.STORED);
            assertThat(buffer.nextDeadline()).isEqualTo(Long.MIN_VALUE);
            assertThat(drain()).containsExactly(seq);
            assertThat(buffer.releasedArrivalTime()).isEqualTo(clock.now());
        }
        assertThat(buffer.nextDeadline()).isEqualTo(Long.MAX_VALUE);
        assertThat(buffer.received()).isEqualTo(10);
        assertThat(buffer.maxDepth()).isEqualTo(1);
        assertThat(gaps).isEmpty();
    }

    @Test
    void packetsReorderedBehindTheFirstArrivalAreKeptDuringTheStartupHold() {
        buffer = new JitterBuffer(Config.video(), this::gap);
        insert(502);
        clock.advance(Duration.ofMillis(10));
        assertThat(drain()).as("held at the start").isEmpty();
        assertThat(insert(500)).isEqualTo(InsertResult.STORED);
        assertThat(insert(501)).isEqualTo(InsertResult.STORED);
        assertThat(buffer.nextDeadline()).isEqualTo(clock.now() - 10 * MS + Config.DEFAULT_STARTUP_HOLD_NANOS);
        clock.advance(Duration.ofMillis(20));
        assertThat(drain()).containsExactly(500, 501, 502);
        assertThat(insert(499)).as("once released, earlier packets are late").isEqualTo(InsertResult.LATE);
        assertThat(gaps).isEmpty();
    }

    @Test
    void aPacketMissingAtTheStartIsAGapLikeAnyOther() {
        buffer = new JitterBuffer(Config.video(), this::gap);
        insert(502);
        insert(500);
        clock.advance(Duration.ofMillis(30));
        assertThat(drain()).containsExactly(500);
        clock.advance(Duration.ofNanos(buffer.waitNanos()));
        assertThat(drain()).containsExactly(502);
        assertThat(gaps).containsExactly("DEADLINE 501..501");
    }

    @Test
    void reorderedWithinTheDeadlineComesOutInOrder() {
        insert(1);
        insert(2);
        assertThat(drain()).containsExactly(1, 2);
        insert(5);
        insert(4);
        assertThat(drain()).isEmpty();
        assertThat(buffer.nextDeadline()).isEqualTo(clock.now() + buffer.waitNanos());
        clock.advance(Duration.ofMillis(3));
        insert(3);
        assertThat(drain()).containsExactly(3, 4, 5);
        assertThat(buffer.nextDeadline()).isEqualTo(Long.MAX_VALUE);
        assertThat(buffer.maxDepth()).isEqualTo(3);
        assertThat(buffer.lost()).isZero();
        assertThat(gaps).isEmpty();
    }

    @Test
    void retransmissionFillsTheGapBeforeTheDeadline() {
        buffer.setRoundTripTime(50 * MS);
        buffer.setJitter(0);
        insert(10);
        drain();
        insert(12);
        insert(13);
        long deadline = buffer.nextDeadline();
        assertThat(deadline).isEqualTo(clock.now() + 100 * MS);
        clock.advanceTo(deadline - 1);
        assertThat(drain()).isEmpty();
        assertThat(insert(11)).isEqualTo(InsertResult.STORED);
        assertThat(drain()).containsExactly(11, 12, 13);
        assertThat(gaps).isEmpty();
    }

    @Test
    void givesUpAtTheDeadlineAndReportsTheExactRange() {
        buffer.setRoundTripTime(40 * MS);
        buffer.setJitter(5 * MS);
        insert(20);
        drain();
        long noticed = clock.now() + 2 * MS;
        clock.advanceTo(noticed);
        insert(24);
        clock.advance(Duration.ofMillis(10));
        insert(25);
        insert(27);
        assertThat(buffer.nextDeadline()).isEqualTo(noticed + 95 * MS);
        clock.advanceTo(noticed + 95 * MS - 1);
        assertThat(drain()).isEmpty();
        assertThat(gaps).isEmpty();
        clock.advanceTo(noticed + 95 * MS);
        assertThat(drain()).containsExactly(24, 25);
        assertThat(gaps).containsExactly("DEADLINE 21..23");
        // 26 was noticed 10 ms after 21..23, so it has its own, later deadline.
        assertThat(buffer.nextDeadline()).isEqualTo(noticed + 105 * MS);
        clock.advanceTo(noticed + 105 * MS);
        assertThat(drain()).containsExactly(27);
        assertThat(gaps).containsExactly("DEADLINE 21..23", "DEADLINE 26..26");
        assertThat(buffer.lost()).isEqualTo(4);
        assertThat(insert(22)).isEqualTo(InsertResult.LATE);
        assertThat(buffer.late()).isEqualTo(1);
    }

    @Test
    void wrapsAt65535() {
        insert(65533);
        insert(65534);
        insert(1);
        insert(65535);
        assertThat(drain()).containsExactly(65533, 65534, 65535);
        clock.advanceTo(buffer.nextDeadline());
        assertThat(drain()).containsExactly(1);
        assertThat(gaps).containsExactly("DEADLINE 0..0");
        assertThat(insert(2)).isEqualTo(InsertResult.STORED);
        assertThat(drain()).containsExactly(2);
        assertThat(insert(0)).isEqualTo(InsertResult.LATE);
        assertThat(insert(65535)).isEqualTo(InsertResult.DUPLICATE);
    }

    @Test
    void dropsDuplicatesHeldOrReleased() {
        insert(1);
        insert(3);
        assertThat(insert(3)).isEqualTo(InsertResult.DUPLICATE);
        assertThat(drain()).containsExactly(1);
        assertThat(insert(1)).isEqualTo(InsertResult.DUPLICATE);
        insert(2);
        assertThat(drain()).containsExactly(2, 3);
        assertThat(insert(2)).isEqualTo(InsertResult.DUPLICATE);
        assertThat(buffer.duplicates()).isEqualTo(3);
        assertThat(buffer.received()).isEqualTo(6);
        assertThat(buffer.late()).isZero();
    }

    @Test
    void packetForAGapGivenUpIsLate() {
        insert(1);
        insert(3);
        assertThat(drain()).containsExactly(1);
        clock.advanceTo(buffer.nextDeadline());
        assertThat(drain()).containsExactly(3);
        assertThat(insert(2)).isEqualTo(InsertResult.LATE);
        assertThat(drain()).isEmpty();
        assertThat(buffer.late()).isEqualTo(1);
        assertThat(buffer.duplicates()).isZero();
    }

    @Test
    void resetsOnAHugeJumpInsteadOfWaiting() {
        insert(1000);
        insert(1001);
        insert(1003);
        assertThat(drain()).containsExactly(1000, 1001);
        assertThat(insert(40000)).isEqualTo(InsertResult.STORED_AFTER_RESET);
        assertThat(drain()).containsExactly(40000);
        assertThat(gaps).containsExactly("RESET 1002..39999");
        assertThat(insert(40001)).isEqualTo(InsertResult.STORED);
        assertThat(drain()).containsExactly(40001);
        // A restart may number backwards too.
        assertThat(insert(20)).isEqualTo(InsertResult.STORED_AFTER_RESET);
        assertThat(drain()).containsExactly(20);
        assertThat(buffer.resets()).isEqualTo(2);
        assertThat(buffer.depth()).isZero();
    }

    @Test
    void jumpBelowTheRestartThresholdIsAGap() {
        insert(1000);
        drain();
        assertThat(insert(1400)).isEqualTo(InsertResult.STORED);
        assertThat(drain()).isEmpty();
        clock.advanceTo(buffer.nextDeadline());
        assertThat(drain()).containsExactly(1400);
        assertThat(gaps).containsExactly("DEADLINE 1001..1399");
        assertThat(buffer.lost()).isEqualTo(399);
    }

    /**
     * A sender that queued media while connecting sends it all at once (GStreamer's webrtcbin
     * does): more packets than the buffer holds can arrive within the startup hold. A full buffer
     * ends the hold, so the owner, which polls after each insert, takes them in order.
     */
    @Test
    void aBurstLargerThanTheBufferWithinTheStartupHoldIsReleasedWhole() {
        buffer = new JitterBuffer(Config.audio(), this::gap);
        List<Integer> released = new ArrayList<>();
        for (int seq = 0; seq < 200; seq++) {
            assertThat(insert(seq)).isEqualTo(InsertResult.STORED);
            released.addAll(drain());
        }

        assertThat(released).hasSize(200).isSortedAccordingTo(Integer::compare).startsWith(0);
        assertThat(buffer.overflow()).isZero();
        assertThat(buffer.lost()).isZero();
        assertThat(gaps).isEmpty();
    }

    @Test
    void fullBufferGivesUpTheOldestAndSkipsAhead() {
        buffer = new JitterBuffer(new Config(8, 1500, 2, 3, 20 * MS, 1000 * MS, 3000, 0), this::gap);
        insert(0);
        drain();
        insert(2);
        insert(3);
        insert(5);
        insert(8);
        assertThat(buffer.depth()).isEqualTo(4);
        // 10 needs the window 3..10: 1 is lost and the received 2 discarded.
        assertThat(insert(10)).isEqualTo(InsertResult.STORED_AFTER_OVERFLOW);
        assertThat(gaps).containsExactly("OVERFLOW 1..2");
        assertThat(drain()).containsExactly(3);
        assertThat(buffer.overflow()).isEqualTo(1);
        assertThat(buffer.lost()).isEqualTo(1);
        // Far beyond the window but below the restart threshold: all of it is given up.
        assertThat(insert(30)).isEqualTo(InsertResult.STORED_AFTER_OVERFLOW);
        assertThat(gaps).containsExactly("OVERFLOW 1..2", "OVERFLOW 4..22");
        assertThat(buffer.overflow()).isEqualTo(4);
        assertThat(buffer.lost()).isEqualTo(1 + 19 - 3);
        assertThat(insert(5)).isEqualTo(InsertResult.LATE);
        clock.advanceTo(buffer.nextDeadline());
        assertThat(drain()).containsExactly(30);
        assertThat(gaps).last().isEqualTo("DEADLINE 23..29");
        assertThat(buffer.depth()).isZero();
    }

    @Test
    void deadlineFollowsRttAndJitterWithinBounds() {
        assertThat(buffer.waitNanos()).isEqualTo(2 * 100 * MS + 3 * 10 * MS);
        buffer.setRoundTripTime(30 * MS);
        buffer.setJitter(4 * MS);
        assertThat(buffer.waitNanos()).isEqualTo(72 * MS);
        buffer.setRoundTripTime(1 * MS);
        buffer.setJitter(1 * MS);
        assertThat(buffer.waitNanos()).isEqualTo(20 * MS);
        buffer.setRoundTripTime(800 * MS);
        assertThat(buffer.waitNanos()).isEqualTo(1000 * MS);
        // A new estimate moves the deadline of a gap already open.
        buffer.setRoundTripTime(30 * MS);
        insert(1);
        insert(3);
        drain();
        long noticed = clock.now();
        buffer.setJitter(0);
        assertThat(buffer.nextDeadline()).isEqualTo(noticed + 60 * MS);
        assertThatThrownBy(() -> buffer.setRoundTripTime(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropsOversizedAndMalformedInput() {
        buffer = new JitterBuffer(new Config(64, 100, 2, 3, 20 * MS, 1000 * MS, 3000, 0), this::gap);
        byte[] big = RtpPacket.builder().sequenceNumber(1).payload(new byte[200]).build().copy().buffer();
        assertThat(buffer.insert(clock.now(), big, 0, big.length)).isEqualTo(InsertResult.TOO_LARGE);
        byte[] junk = {1, 2, 3};
        assertThat(buffer.insert(clock.now(), junk, 0, junk.length)).isEqualTo(InsertResult.MALFORMED);
        assertThat(buffer.tooLarge()).isEqualTo(1);
        assertThat(buffer.malformed()).isEqualTo(1);
        assertThat(buffer.received()).isZero();
        assertThat(buffer.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void copiesThePacketSoTheCallerMayReuseItsBuffer() {
        byte[] receive = new byte[1500];
        byte[] one = packet(7);
        System.arraycopy(one, 0, receive, 100, one.length);
        buffer.insert(clock.now(), receive, 100, one.length);
        byte[] two = packet(9);
        System.arraycopy(two, 0, receive, 100, two.length);
        buffer.insert(clock.now(), receive, 100, two.length);
        assertThat(drain()).containsExactly(7);
        clock.advanceTo(buffer.nextDeadline());
        assertThat(drain()).containsExactly(9);
    }

    /**
     * A lossy, reordering, duplicating stream across the wrap: every sequence number comes out
     * exactly once, either released in order or inside a reported gap, and nothing received in
     * time is lost.
     */
    @Test
    void everySequenceNumberIsReleasedOrReportedOnceUnderRandomReordering() {
        java.util.Random random = new java.util.Random(7);
        buffer.setRoundTripTime(20 * MS);
        buffer.setJitter(2 * MS);
        int count = 20_000;
        int start = 60_000;
        // Arrival time of each packet: 1 ms apart, up to 30 ms of extra delay for 5 %, 3 % lost
        // (but the last, so that every loss has a packet after it),
        // 2 % arriving twice.
        List<long[]> arrivals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i < count - 1 && random.nextInt(100) < 3) {
                continue;
            }
            long at = i * MS + (random.nextInt(100) < 5 ? random.nextInt(30) * MS : 0);
            arrivals.add(new long[] {at, i});
            if (random.nextInt(100) < 2) {
                arrivals.add(new long[] {at + random.nextInt(10) * MS, i});
            }
        }
        arrivals.sort(java.util.Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong(a -> a[1]));
        List<Integer> released = new ArrayList<>();
        long base = clock.now();
        for (long[] arrival : arrivals) {
            while (buffer.nextDeadline() <= base + arrival[0]) {
                clock.advanceTo(Math.max(clock.now(), buffer.nextDeadline()));
                released.addAll(drain());
            }
            clock.advanceTo(base + arrival[0]);
            insert((start + (int) arrival[1]) & 0xFFFF);
            released.addAll(drain());
        }
        clock.advanceTo(clock.now() + buffer.waitNanos());
        released.addAll(drain());

        List<Integer> all = new ArrayList<>(released);
        for (String gap : gaps) {
            assertThat(gap).startsWith("DEADLINE ");
            String[] range = gap.substring(9).split("\\.\\.");
            for (int seq = Integer.parseInt(range[0]); ; seq = (seq + 1) & 0xFFFF) {
                all.add(seq);
                if (seq == Integer.parseInt(range[1])) {
                    break;
                }
            }
        }
        all.sort(java.util.Comparator.comparingInt(seq -> (seq - start) & 0xFFFF));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add((start + i) & 0xFFFF);
        }
        assertThat(all).isEqualTo(expected);
        for (int i = 1; i < released.size(); i++) {
            assertThat((released.get(i) - released.get(i - 1)) & 0xFFFF).isBetween(1, 32767);
        }
        // Reordering is at most 30 ms against a wait of 46 ms: only the lost ones are given up.
        long neverSent = count - arrivals.stream().mapToLong(a -> a[1]).distinct().count();
        assertThat(buffer.lost()).isEqualTo(neverSent);
        assertThat(buffer.late()).isZero();
        assertThat(buffer.duplicates()).isEqualTo(arrivals.size() - (count - neverSent));
    }

    @Test
    void roundsCapacityUpToAPowerOfTwo() {
        assertThat(new Config(500, 1500, 2, 3, 0, 0, 3000, 0).capacity()).isEqualTo(512);
        assertThat(new Config(64, 1500, 2, 3, 0, 0, 3000, 0).capacity()).isEqualTo(64);
        assertThatThrownBy(() -> new Config(8192, 1500, 2, 3, 0, 0, 3000, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
