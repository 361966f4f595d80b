package dev.tributary.webrtc.srtp;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Protect and unprotect of a 1200-octet RTP packet per profile, beside the bare {@code
 * javax.crypto} cost of the same octets with reused instances ({@link #rawCipher}): AES-CTR over
 * the payload plus HMAC-SHA1 over header, payload and ROC for AES-CM; AES-GCM over the payload
 * with the header as associated data for GCM. Compare ratios within one run.
 *
 * <p>{@link #unprotect} cannot replay packets (the replay window would refuse them) and the real
 * API has no way to reset it. Instead each invocation unprotects a {@link Ring} of {@link #RING}
 * packets that an invocation-level setup protected with fresh sequence numbers: the receiver sees an
 * ordinary increasing stream, the setup's cost is outside the timing, and its timestamping is
 * spread over {@link #RING} operations. The setup's allocations do count in {@code -prof gc}: for
 * GCM, subtract the protect B/op to get unprotect's own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SrtpBenchmark {

    private static final int PACKET = 1200;
    private static final int HEADER = 12;
    private static final int SSRC = 0x4A3B2C1D;
    static final int RING = 256;

    @Param({"SRTP_AES128_CM_HMAC_SHA1_80", "SRTP_AES128_CM_HMAC_SHA1_32",
            "SRTP_AEAD_AES_128_GCM", "SRTP_AEAD_AES_256_GCM"})
    public String profileName;

    private SrtpProfile profile;
    private byte[] key;
    private byte[] salt;
    private SrtpSession protector;
    private byte[] packet;
    private int protectSeq;

    private Cipher rawCipher;
    private Mac rawMac;
    private SecretKeySpec rawKey;
    private final byte[] rawIv = new byte[16];
    private final byte[] rawTag = new byte[20];

    @Setup
    public void setUp() throws GeneralSecurityException {
        profile = SrtpProfile.valueOf(profileName);
        key = new byte[profile.masterKeyLength()];
        salt = new byte[profile.masterSaltLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (31 * i + 7);
        }
        protector = new SrtpSession(profile, key, salt);
        packet = rtp();

        rawKey = new SecretKeySpec(key, "AES");
        if (profile.isAead()) {
            rawCipher = Cipher.getInstance("AES/GCM/NoPadding");
        } else {
            rawCipher = Cipher.getInstance("AES/CTR/NoPadding");
            rawMac = Mac.getInstance("HmacSHA1");
            rawMac.init(new SecretKeySpec(new byte[20], "HmacSHA1"));
        }
    }

    /** SRTP packets for {@link #unprotect}, protected afresh before every invocation. */
    @State(Scope.Thread)
    public static class Ring {

        private final byte[][] packets = new byte[RING][];
        private SrtpSession sender;
        private SrtpSession receiver;
        private int seq;
        private int srtpLength;

        @Setup
        public void setUp(SrtpBenchmark benchmark) {
            sender = new SrtpSession(benchmark.profile, benchmark.key, benchmark.salt);
            receiver = new SrtpSession(benchmark.profile, benchmark.key, benchmark.salt);
            for (int i = 0; i < RING; i++) {
                packets[i] = rtp();
            }
        }

        /** Protects the ring under the next {@link #RING} sequence numbers. */
        @Setup(Level.Invocation)
        public void refill() {
            for (byte[] srtp : packets) {
                srtp[2] = (byte) (seq >>> 8);
                srtp[3] = (byte) seq;
                seq++;
                srtpLength = sender.protectRtp(srtp, 0, PACKET);
            }
        }
    }

    private static byte[] rtp() {
        byte[] rtp = new byte[PACKET + 16];
        rtp[0] = (byte) 0x80;
        rtp[1] = 96;
        PacketCrypto.putInt(rtp, 8, SSRC);
        for (int i = HEADER; i < PACKET; i++) {
            rtp[i] = (byte) i;
        }
        return rtp;
    }

    /**
     * Protects the packet in place again under the next sequence number (the header stays in the
     * clear, so only the sequence number needs rewriting; the payload is whatever the last run
     * left, which costs the same to encrypt).
     */
    @Benchmark
    public int protect() {
        int seq = protectSeq++;
        packet[2] = (byte) (seq >>> 8);
        packet[3] = (byte) seq;
        return protector.protectRtp(packet, 0, PACKET);
    }

    @Benchmark
    @OperationsPerInvocation(RING)
    public int unprotect(Ring ring) {
        int sum = 0;
        for (byte[] srtp : ring.packets) {
            sum += ring.receiver.unprotectRtp(srtp, 0, ring.srtpLength);
        }
        return sum;
    }

    /** The bare JDK cipher work of one protect, with a fresh IV as SRTP needs per packet. */
    @Benchmark
    public int rawCipher() throws GeneralSecurityException {
        int seq = protectSeq++;
        rawIv[10] = (byte) (seq >>> 8);
        rawIv[11] = (byte) seq;
        if (profile.isAead()) {
            rawCipher.init(Cipher.ENCRYPT_MODE, rawKey, new GCMParameterSpec(128, rawIv, 0, 12));
            rawCipher.updateAAD(packet, 0, HEADER);
            return rawCipher.doFinal(packet, HEADER, PACKET - HEADER, packet, HEADER);
        }
        rawCipher.init(Cipher.ENCRYPT_MODE, rawKey, new IvParameterSpec(rawIv));
        int n = rawCipher.doFinal(packet, HEADER, PACKET - HEADER, packet, HEADER);
        rawMac.update(packet, 0, PACKET);
        rawMac.update(rawIv, 0, 4);
        rawMac.doFinal(rawTag, 0);
        return n + rawTag[0];
    }
}
