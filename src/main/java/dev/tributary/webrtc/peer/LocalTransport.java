package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.dtls.DtlsFingerprint;
import dev.tributary.webrtc.ice.IceCandidate;
import java.util.List;
import java.util.Objects;

/**
 * What this side puts in its description about its transport.
 *
 * @param iceUfrag local ICE username fragment
 * @param icePwd local ICE password
 * @param iceLite whether this side is an ICE-lite agent ({@code a=ice-lite})
 * @param candidates the local candidates gathered so far, written into every bundled section
 * @param endOfCandidates whether gathering is complete ({@code a=end-of-candidates})
 * @param fingerprint the local DTLS certificate's fingerprint
 */
public record LocalTransport(String iceUfrag, String icePwd, boolean iceLite, List<IceCandidate> candidates,
        boolean endOfCandidates, DtlsFingerprint fingerprint) {

    public LocalTransport {
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
