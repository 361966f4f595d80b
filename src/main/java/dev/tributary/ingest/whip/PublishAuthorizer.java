package dev.tributary.ingest.whip;

/**
 * Decides whether a request may publish to, or manage a session of, a stream key. The WHIP
 * endpoints ask it before they look at anything else of the request, so its answer cannot depend
 * on whether the stream is live, and neither does the 401 a refusal produces.
 *
 * <p>The default is {@link TokenPublishAuthorizer} (or {@link WebhookPublishAuthorizer} when
 * {@code tributary.publish.auth-webhook-url} is set); a deployment replaces it by declaring a bean
 * of this type, e.g. one that verifies a JWT's signature and its stream-key claim.
 */
@FunctionalInterface
public interface PublishAuthorizer {

    /**
     * @param streamKey the stream key of the request (syntactically valid)
     * @param bearerToken the token of the request's {@code Authorization: Bearer} header, or
     *     {@code null} if it has none
     * @return whether the request may go ahead
     * @throws UnavailableException if the decision cannot be made now (the client gets 503)
     */
    boolean mayPublish(String streamKey, String bearerToken);

    /** The authorizer could not decide, e.g. because the service it asks did not answer. */
    final class UnavailableException extends RuntimeException {

        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }

        public UnavailableException(String message) {
            super(message);
        }
    }
}
