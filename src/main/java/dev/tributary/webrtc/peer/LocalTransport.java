package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.dtls.DtlsFingerprint;
import dev.tributary.webrtc.ice.IceCandidate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What this side puts in its description about its transport.
 *
 * @param iceUfrag local ICE username fragment
 * @param icePwd local ICE password
 * @param iceLite whether this side is an ICE-lite agent ({@code a=ice-lite})
 * @param candidates the local candidates gathered so far, written into every bundled section
 * @param endOfCandidates whether gathering is complete ({@code a=end-of-candidates})
 * @param fingerprint the local DTLS certificate's fingerprint
 * @param icePacing the check pacing (Ta) this side proposes ({@code a=ice-pacing}, RFC 8839
 *     §5.5), or empty to propose none, which counts as the default 50 ms; a lite agent proposes
 *     none (RFC 8839 §4.3.1)
 */
public record LocalTransport(String iceUfrag, String icePwd, boolean iceLite, List<IceCandidate> candidates,
        boolean endOfCandidates, DtlsFingerprint fingerprint, Optional<Duration> icePacing) {

    /**
     * @throws IllegalArgumentException if a lite agent proposes a pacing, or the pacing is
     *     negative
     */
    public LocalTransport {
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(icePacing, "icePacing");
        if (icePacing.isPresent() && (iceLite || icePacing.get().isNegative())) {
            throw new IllegalArgumentException("a lite agent proposes no pacing, a full one a non-negative one: "
                    + icePacing.get());
        }
    }

    /** A transport that proposes no pacing. */
    public LocalTransport(String iceUfrag, String icePwd, boolean iceLite, List<IceCandidate> candidates,
            boolean endOfCandidates, DtlsFingerprint fingerprint) {
        this(iceUfrag, icePwd, iceLite, candidates, endOfCandidates, fingerprint, Optional.empty());
    }
}
