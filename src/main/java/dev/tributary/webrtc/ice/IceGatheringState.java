package dev.tributary.webrtc.ice;

import java.util.Locale;

/** The W3C {@code RTCIceGatheringState} of an agent. */
public enum IceGatheringState {
    /** No local candidate yet. */
    NEW,
    /** Local candidates are being added or server-reflexive ones gathered. */
    GATHERING,
    /**
     * The driver said it added every host candidate ({@link IceAgent#endOfLocalCandidates}) and
     * every STUN server transaction has finished.
     */
    COMPLETE;

    /** @return the W3C name: "new", "gathering", "complete" */
    public String w3cName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
