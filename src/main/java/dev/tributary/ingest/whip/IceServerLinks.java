package dev.tributary.ingest.whip;

import java.util.ArrayList;
import java.util.List;

/**
 * Formats configured STUN/TURN servers as {@code Link} field values (RFC 9725 §4.6, RFC 8288):
 * one per URL, {@code <turn:turn.example.net?transport=udp>; rel="ice-server"; username="user";
 * credential="pass"; credential-type="password"}.
 */
final class IceServerLinks {

    private IceServerLinks() {}

    static List<String> of(List<WhipProperties.IceServer> servers) {
        List<String> links = new ArrayList<>();
        for (WhipProperties.IceServer server : servers) {
            for (String url : server.urls()) {
                StringBuilder link = new StringBuilder().append('<').append(url).append(">; rel=\"ice-server\"");
                if (server.username() != null) {
                    link.append("; username=").append(quoted(server.username()))
                            .append("; credential=").append(quoted(server.credential()))
                            .append("; credential-type=\"password\"");
                }
                links.add(link.toString());
            }
        }
        return List.copyOf(links);
    }

    /** An RFC 9110 quoted-string. */
    private static String quoted(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                q.append('\\');
            }
            q.append(c);
        }
        return q.append('"').toString();
    }
}
