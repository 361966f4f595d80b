package dev.tributary.webrtc;

/**
 * The root of every exception the WebRTC stack throws.
 *
 * <p>The stack never lets a bare {@code RuntimeException}, {@code IndexOutOfBoundsException} or
 * {@code NullPointerException} escape for bad input: callers catch this type (or one of its
 * subtypes) and know the failure came from the stack's own checks. It is unchecked so that hot
 * paths stay free of checked-exception plumbing; each method documents what it throws.
 */
public class WebRtcException extends RuntimeException {

    public WebRtcException(String message) {
        super(message);
    }

    public WebRtcException(String message, Throwable cause) {
        super(message, cause);
    }
}
