package dev.tributary.webrtc.ice;

/** Whether an agent runs the whole of ICE or its lite subset (RFC 8445 §2.5). */
public enum IceMode {
    /** Gathers candidates, sends connectivity and consent checks, answers the peer's checks. */
    FULL,
    /**
     * Has host candidates only, sends no checks, answers the peer's checks and selects the pair
     * the peer nominates (RFC 8445 §2.5). A lite agent is always controlled and needs a full
     * peer: two lite agents never send a check and so never connect.
     */
    LITE
}
