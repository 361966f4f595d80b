package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.dtls.DtlsFingerprint;
import dev.tributary.webrtc.ice.IceCandidate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The remote side's transport as its description gives it (the bundle-tag section's values, or
 * the session level's).
 *
 * @param iceUfrag remote ICE username fragment
 * @param icePwd remote ICE password
 * @param iceLite whether the remote side is ICE-lite
 * @param candidates the remote candidates in the description (mDNS names kept as they are)
 * @param endOfCandidates whether the description says {@code a=end-of-candidates}
 * @param fingerprints the remote certificate fingerprints (any one must match)
 * @param icePacing the check pacing (Ta) the remote side proposes ({@code a=ice-pacing}, RFC 8839
 *     §5.5), or empty if it proposes none
 */
public record RemoteTransport(String iceUfrag, String icePwd, boolean iceLite, List<IceCandidate> candidates,
        boolean endOfCandidates, List<DtlsFingerprint> fingerprints, Optional<Duration> icePacing) {

    public RemoteTransport {
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        candidates = List.copyOf(candidates);
        fingerprints = List.copyOf(fingerprints);
        Objects.requireNonNull(icePacing, "icePacing");
    }
}
