package dev.tributary.webrtc.ice;

import java.util.Locale;

/**
 * The W3C {@code RTCIceConnectionState} of an agent, with its one data stream and one component
 * (BUNDLE and rtcp-mux).
 */
public enum IceConnectionState {
    /** Waiting for remote candidates and credentials; no check sent or received yet. */
    NEW,
    /** Checking candidate pairs; no pair selected yet. */
    CHECKING,
    /** A pair is selected and alive; checks may still run or more candidates may arrive. */
    CONNECTED,
    /**
     * A pair is selected and alive, all checks are done, local gathering is complete and the
     * remote side said it has no more candidates.
     */
    COMPLETED,
    /**
     * The selected pair stopped answering for a short while (see {@link IceConfig}); media may
     * still be sent, the state goes back to connected or completed when answers resume.
     */
    DISCONNECTED,
    /**
     * Every pair failed, or consent on the selected pair expired (RFC 7675): stop sending. The
     * agent sends nothing more but answers to the peer's checks; only an ICE restart leaves this
     * state.
     */
    FAILED,
    /** {@link IceAgent#close()} was called. */
    CLOSED;

    /** @return the W3C name: "new", "checking", "connected" ... */
    public String w3cName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
