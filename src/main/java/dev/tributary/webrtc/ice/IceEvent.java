package dev.tributary.webrtc.ice;

import java.util.Objects;

/** Something the agent reports; poll them with {@link IceAgent#pollEvent()}. */
public sealed interface IceEvent {

    /**
     * The W3C ICE connection state changed.
     *
     * @param state the new state
     */
    record ConnectionStateChanged(IceConnectionState state) implements IceEvent {
        /** @throws NullPointerException if {@code state} is null */
        public ConnectionStateChanged {
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * The W3C ICE gathering state changed.
     *
     * @param state the new state
     */
    record GatheringStateChanged(IceGatheringState state) implements IceEvent {
        /** @throws NullPointerException if {@code state} is null */
        public GatheringStateChanged {
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * A new pair carries the data from now on: send media from its local base to its remote
     * address. When consent on it expires the state becomes {@link IceConnectionState#FAILED}
     * and nothing may be sent.
     *
     * @param pair the selected pair
     */
    record SelectedPairChanged(IceCandidatePair pair) implements IceEvent {
        /** @throws NullPointerException if {@code pair} is null */
        public SelectedPairChanged {
            Objects.requireNonNull(pair, "pair");
        }
    }

    /**
     * The agent found a local candidate: server-reflexive, from a STUN server, to trickle to the
     * peer (RFC 8838); or peer-reflexive, from a check's XOR-MAPPED-ADDRESS (RFC 8445
     * §7.2.5.3.1), for information only: peer-reflexive candidates are not signalled.
     *
     * @param candidate the candidate
     */
    record LocalCandidateDiscovered(IceCandidate candidate) implements IceEvent {
        /** @throws NullPointerException if {@code candidate} is null */
        public LocalCandidateDiscovered {
            Objects.requireNonNull(candidate, "candidate");
        }
    }
}
