package dev.tributary.webrtc;

/** How long each coverage-guided fuzz test runs in the build (`mvn verify`). */
public final class FuzzBudget {

    /** Per fuzz test; the build has one fuzz test per parser. */
    public static final String MAX_DURATION = "30s";

    private FuzzBudget() {}
}
