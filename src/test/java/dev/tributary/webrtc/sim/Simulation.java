package dev.tributary.webrtc.sim;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Drives sans-IO endpoints over a {@link SimulatedNetwork} in virtual time: it moves the clock
 * to the next delivery or timeout, hands datagrams to their owners, fires timeouts, and sends
 * what the endpoints want sent.
 */
public final class Simulation {

    /** A sans-IO protocol core as the simulation sees it. */
    public interface Endpoint {
        /**
         * @param address a destination address
         * @return whether datagrams to it are this endpoint's
         */
        boolean owns(InetSocketAddress address);

        /**
         * @param now the current time
         * @param datagram a datagram that arrived for this endpoint
         */
        void receive(long now, Datagram datagram);

        /** @param now the current time, at or after {@link #nextTimeout()} */
        void timeout(long now);

        /** @return when {@link #timeout(long)} is due, {@link Long#MAX_VALUE} for never */
        long nextTimeout();

        /** @return the next datagram to send, or null */
        Datagram poll();
    }

    private static final int MAX_STEPS_AT_ONE_TIME = 100_000;

    private final SimulatedNetwork network;
    private final VirtualClock clock;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private long undeliverable;

    /**
     * @param network the network
     * @param clock the clock, shared with whoever looks at time in the test
     */
    public Simulation(SimulatedNetwork network, VirtualClock clock) {
        this.network = network;
        this.clock = clock;
    }

    /** @param endpoint an endpoint to drive */
    public void add(Endpoint endpoint) {
        endpoints.add(endpoint);
    }

    /** @return the clock */
    public VirtualClock clock() {
        return clock;
    }

    /** @return the network */
    public SimulatedNetwork network() {
        return network;
    }

    /** @return datagrams that arrived at an address no endpoint owns */
    public long undeliverable() {
        return undeliverable;
    }

    /**
     * Runs until {@code done} holds or {@code limit} of virtual time has passed.
     *
     * @param limit how long to run at most
     * @param done checked after every step
     * @return whether {@code done} held
     * @throws AssertionError if the endpoints spin without time passing
     */
    public boolean runUntil(Duration limit, BooleanSupplier done) {
        long end = clock.now() + limit.toNanos();
        long lastTime = clock.now();
        int steps = 0;
        while (true) {
            flush();
            if (done.getAsBoolean()) {
                return true;
            }
            long next = network.nextDeliveryTime();
            for (Endpoint e : endpoints) {
                next = Math.min(next, e.nextTimeout());
            }
            if (next > end) {
                clock.advanceTo(end);
                return done.getAsBoolean();
            }
            clock.advanceTo(Math.max(next, clock.now()));
            long now = clock.now();
            if (now == lastTime) {
                if (++steps > MAX_STEPS_AT_ONE_TIME) {
                    throw new AssertionError("endpoints spin at t=" + now + " ns without time passing");
                }
            } else {
                lastTime = now;
                steps = 0;
            }
            step(now);
        }
    }

    /**
     * Runs for a fixed amount of virtual time.
     *
     * @param duration how long
     */
    public void runFor(Duration duration) {
        runUntil(duration, () -> false);
    }

    private void step(long now) {
        Datagram d = network.poll(now);
        if (d != null) {
            Endpoint owner = ownerOf(d.to());
            if (owner == null) {
                undeliverable++;
            } else {
                owner.receive(now, d);
            }
            return;
        }
        for (Endpoint e : endpoints) {
            if (e.nextTimeout() <= now) {
                e.timeout(now);
            }
        }
    }

    private Endpoint ownerOf(InetSocketAddress address) {
        for (Endpoint e : endpoints) {
            if (e.owns(address)) {
                return e;
            }
        }
        return null;
    }

    private void flush() {
        for (Endpoint e : endpoints) {
            Datagram d;
            while ((d = e.poll()) != null) {
                network.send(clock.now(), d);
            }
        }
    }
}
