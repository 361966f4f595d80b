package dev.tributary.webrtc.ice;

/** The ICE role of an agent (RFC 8445 §6.1.1): the controlling agent nominates the pair. */
public enum IceRole {
    /** Nominates the candidate pair (the offerer, unless it is lite). */
    CONTROLLING,
    /** Accepts the pair the controlling agent nominates. */
    CONTROLLED;

    /** @return the other role */
    public IceRole opposite() {
        return this == CONTROLLING ? CONTROLLED : CONTROLLING;
    }
}
