package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.dtls.DtlsRole;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one offer/answer exchange for this side: the accepted media sections (rejected
 * ones are absent), the remote transport, and which DTLS role this side takes.
 */
public record Negotiation(List<NegotiatedMedia> media, RemoteTransport remote, DtlsRole localDtlsRole) {

    public Negotiation {
        media = List.copyOf(media);
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(localDtlsRole, "localDtlsRole");
    }
}
