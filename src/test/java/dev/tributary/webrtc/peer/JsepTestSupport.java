package dev.tributary.webrtc.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.webrtc.dtls.DtlsFingerprint;
import dev.tributary.webrtc.ice.IceCandidate;
import dev.tributary.webrtc.ice.IceCandidateType;
import dev.tributary.webrtc.ice.IceTransportProtocol;
import dev.tributary.webrtc.sdp.Attribute;
import dev.tributary.webrtc.dtls.DtlsRole;
import dev.tributary.webrtc.sdp.ExtMap;
import dev.tributary.webrtc.sdp.Group;
import dev.tributary.webrtc.sdp.MediaDescription;
import dev.tributary.webrtc.sdp.SessionDescription;
import dev.tributary.webrtc.sdp.Setup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Local transports, offer loading and the checks every answer must pass. */
final class JsepTestSupport {

    static final IceCandidate HOST = new IceCandidate("1", 1, IceTransportProtocol.UDP, 2130706431L,
            "192.0.2.10", 40000, IceCandidateType.HOST, null, 0, null);

    private JsepTestSupport() {}

    static DtlsFingerprint fingerprint(int seed) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (seed + i);
        }
        return DtlsFingerprint.of("sha-256", bytes);
    }

    /** An ICE-lite server with one host candidate, gathering complete. */
    static LocalTransport server() {
        return new LocalTransport("srvUfrag", "serverpasswordserverpassword", true, List.of(HOST), true, fingerprint(1));
    }

    static SessionDescription load(String resource) {
        try (InputStream in = JsepTestSupport.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SessionDescription.parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription fixture(String name) {
        return load("/dev/tributary/webrtc/sdp/fixtures/" + name);
    }

    static SessionDescription offer(String name) {
        return load("/dev/tributary/webrtc/peer/offers/" + name);
    }

    /**
     * The properties every answer has, whatever the offer: it re-parses, mirrors the offer's
     * sections and mids, has c= everywhere, accepted sections carry the transport and a subset of
     * the offer's codecs and extensions with consistent RTX, and rejected ones are port 0 with a
     * reason.
     */
    static void checkAnswer(SessionDescription offer, JsepAnswerer.Answer result, LocalTransport local) {
        SessionDescription answer = result.description();
        assertThat(SessionDescription.parse(answer.format())).isEqualTo(answer);
        assertThat(answer.media()).hasSameSizeAs(offer.media());
        List<String> acceptedMids = new ArrayList<>();
        for (int i = 0; i < answer.media().size(); i++) {
            MediaDescription offered = offer.media().get(i);
            MediaDescription answered = answer.media().get(i);
            assertThat(answered.connections()).as("c= in section %d", i).hasSize(1);
            assertThat(answered.media()).isEqualTo(offered.media());
            assertThat(answered.mid()).isEqualTo(offered.mid());
            if (answered.port() == 0) {
                assertThat(answered.formats()).containsExactly(offered.formats().get(0));
                assertThat(answered.attributes()).containsExactlyElementsOf(
                        offered.mid().map(m -> List.of(Attribute.mid(m))).orElse(List.of()));
                assertThat(result.rejectedSections()).containsKey(offered.mid().orElse("#" + i));
                continue;
            }
            acceptedMids.add(answered.mid().orElseThrow());
            assertThat(result.rejectedSections()).doesNotContainKey(answered.mid().get());
            checkAccepted(offer, offered, answered, local,
                    result.negotiation().localDtlsRole() == DtlsRole.CLIENT ? Setup.ACTIVE : Setup.PASSIVE);
        }
        assertThat(result.negotiation().media()).extracting(NegotiatedMedia::mid).containsExactlyElementsOf(acceptedMids);
        List<Group> bundles = answer.bundleGroups();
        if (offer.bundleGroups().isEmpty() || acceptedMids.isEmpty()) {
            assertThat(bundles).isEmpty();
        } else {
            // RFC 8843 §7.3.1: the answer keeps the offer's group order, so that the offerer's
            // tagged section (the group's first accepted mid) stays the tagged one.
            List<String> offeredOrder = offer.bundleGroups().get(0).mids().stream()
                    .distinct().filter(acceptedMids::contains).toList();
            assertThat(bundles).hasSize(1);
            assertThat(bundles.get(0).mids()).containsExactlyElementsOf(offeredOrder);
        }
        assertThat(answer.iceLite()).isEqualTo(local.iceLite());
    }

    private static void checkAccepted(SessionDescription offer, MediaDescription offered, MediaDescription answered,
            LocalTransport local, Setup setup) {
        assertThat(answered.iceUfrag()).contains(local.iceUfrag());
        assertThat(answered.icePwd()).contains(local.icePwd());
        assertThat(answered.fingerprints()).hasSize(1);
        assertThat(answered.setup()).contains(setup);
        assertThat(answered.rtcpMux()).isTrue();
        assertThat(answered.rtcpRsize()).isEqualTo(offered.rtcpRsize());
        assertThat(answered.direction()).isPresent();
        assertThat(answered.direction().get().sends()).isFalse();
        assertThat(offered.payloadTypes()).containsSubsequence(answered.payloadTypes());
        for (int pt : answered.payloadTypes()) {
            assertThat(answered.rtpMap(pt)).isEqualTo(offered.rtpMap(pt));
            assertThat(answered.fmtp(pt)).isEqualTo(offered.fmtp(pt));
            if (answered.rtpMap(pt).orElseThrow().encodingName().equalsIgnoreCase("rtx")) {
                int apt = Integer.parseInt(answered.fmtp(pt).orElseThrow().parameter("apt").orElseThrow());
                assertThat(answered.payloadTypes()).contains(apt);
                assertThat(answered.rtpMap(apt).orElseThrow().encodingName()).isNotEqualToIgnoringCase("rtx");
            }
        }
        List<ExtMap> offeredExtensions = offer.effectiveExtMaps(offered);
        for (ExtMap extMap : answered.extMaps()) {
            assertThat(offeredExtensions).anyMatch(o -> o.id() == extMap.id() && o.uri().equals(extMap.uri()));
        }
    }
}
