package dev.tributary.ingest.whip;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The WHIP endpoints' settings ({@code tributary.whip.*}).
 *
 * @param iceServers STUN/TURN servers offered to publishers in {@code Link: rel="ice-server"}
 *     headers of the 201 response (RFC 9725 §4.6); none by default
 * @param allowedOrigins the origins whose pages may publish from a browser (CORS); {@code *} for any
 * @param maxBodySize the largest offer or PATCH fragment accepted; larger requests get 413
 * @param retryAfter what {@code Retry-After} says when the service is at its session limit (503)
 */
@ConfigurationProperties("tributary.whip")
public record WhipProperties(
        @DefaultValue List<IceServer> iceServers,
        @DefaultValue("*") List<String> allowedOrigins,
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("5s") Duration retryAfter) {

    public WhipProperties {
        iceServers = List.copyOf(iceServers);
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(maxBodySize, "maxBodySize");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("tributary.whip.max-body-size must be between 1 byte and 2 GB");
        }
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("tributary.whip.retry-after must not be negative");
        }
    }

    /**
     * One STUN or TURN server, as in WebRTC's {@code RTCIceServer}.
     *
     * @param urls its {@code stun:}, {@code stuns:}, {@code turn:} or {@code turns:} URIs (RFC 7064,
     *     RFC 7065)
     * @param username the TURN username, if any
     * @param credential the TURN password, if any
     */
    public record IceServer(List<String> urls, String username, String credential) {

        private static final Set<String> SCHEMES = Set.of("stun", "stuns", "turn", "turns");

        public IceServer {
            if (urls == null || urls.isEmpty()) {
                throw new IllegalArgumentException("an ICE server needs at least one URL");
            }
            urls = List.copyOf(urls);
            for (String url : urls) {
                requireIceUri(url);
            }
            if ((username == null) != (credential == null)) {
                throw new IllegalArgumentException("an ICE server needs both a username and a credential, or neither");
            }
            if (username != null && (hasControlCharacter(username) || hasControlCharacter(credential))) {
                throw new IllegalArgumentException("ICE server username and credential must be printable text");
            }
        }

        private static void requireIceUri(String url) {
            try {
                URI uri = new URI(url);
                if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                        || url.indexOf('>') >= 0) {
                    throw new IllegalArgumentException(
                            "ICE server URL must be a stun:, stuns:, turn: or turns: URI: " + url);
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("ICE server URL is not a URI: " + url, e);
            }
        }

        private static boolean hasControlCharacter(String s) {
            return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        }
    }
}
