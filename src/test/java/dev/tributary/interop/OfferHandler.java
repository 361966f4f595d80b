package dev.tributary.interop;

/**
 * Our side of a WHIP-like exchange, as {@link SignalingServer} drives it: the peer connection under
 * test answers each offer a real peer posts, and ends the session when the peer deletes it.
 *
 * <p>Both methods run on the HTTP request's own (virtual) thread and may block, e.g. until ICE
 * gathering completes, since the answer is complete (no trickle ICE).
 */
public interface OfferHandler {

    /**
     * Answers the offer a peer posted to {@code /whip/{streamKey}}.
     *
     * @param streamKey the key from the URL
     * @param offerSdp the offer exactly as posted
     * @return the answer SDP, sent back with {@code 201 Created}
     * @throws OfferRejectedException to answer with its 4xx status and message instead
     * @throws Exception anything else is answered with {@code 500} and kept in
     *     {@link SignalingServer#failures()} so that the test can show it
     */
    String answer(String streamKey, String offerSdp) throws Exception;

    /**
     * Ends the session the peer deleted (the {@code DELETE} on the resource {@code 201} returned).
     *
     * @param streamKey the key the session was created with
     * @throws Exception answered with {@code 500} and kept in {@link SignalingServer#failures()}
     */
    void end(String streamKey) throws Exception;
}
