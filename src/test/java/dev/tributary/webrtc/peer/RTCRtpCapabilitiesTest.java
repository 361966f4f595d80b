package dev.tributary.webrtc.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.webrtc.rtp.HeaderExtensionUri;
import dev.tributary.webrtc.sdp.Fmtp;
import dev.tributary.webrtc.sdp.Rtpmap;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RTCRtpCapabilitiesTest {

    private static final RTCRtpCapabilities DEFAULTS = RTCRtpCapabilities.defaults();

    private static boolean accepted(MediaKind kind, String rtpmap, String fmtp) {
        Rtpmap map = Rtpmap.parse(rtpmap);
        Optional<Fmtp> parameters = fmtp.isEmpty() ? Optional.empty() : Optional.of(Fmtp.parse(map.payloadType() + " " + fmtp));
        return DEFAULTS.codecs(kind).stream().anyMatch(c -> c.accepts(kind, map, parameters));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "VIDEO | 102 H264/90000 | packetization-mode=1;profile-level-id=42e01f | true",
        "VIDEO | 102 H264/90000 | packetization-mode=0;profile-level-id=42001f | true",
        "VIDEO | 102 H264/90000 | profile-level-id=4d001f                      | true",
        "VIDEO | 102 H264/90000 | packetization-mode=1;profile-level-id=64001f | true",
        "VIDEO | 102 H264/90000 | packetization-mode=1;profile-level-id=58001f | true",
        "VIDEO | 102 H264/90000 | ''                                           | true",
        "VIDEO | 102 h264/90000 | packetization-mode=1;PROFILE-LEVEL-ID=42E01F | true",
        "VIDEO | 102 H264/90000 | packetization-mode=1;profile-level-id=f4001f | false",
        "VIDEO | 102 H264/90000 | packetization-mode=1;profile-level-id=6e001f | false",
        "VIDEO | 102 H264/90000 | packetization-mode=2;profile-level-id=42e01f | false",
        "VIDEO | 102 H264/90000 | profile-level-id=42e0                        | false",
        "VIDEO | 102 H264/90000 | profile-level-id=zze01f                      | false",
        "VIDEO | 102 H264/48000 | packetization-mode=1                         | false",
        "VIDEO | 98 VP9/90000   | profile-id=0                                 | true",
        "VIDEO | 98 VP9/90000   | ''                                           | true",
        "VIDEO | 98 VP9/90000   | profile-id=2                                 | false",
        "VIDEO | 98 VP9/90000   | profile-id=x                                 | false",
        "VIDEO | 45 AV1/90000   | level-idx=5;profile=0;tier=0                 | true",
        "VIDEO | 45 AV1/90000   | profile=1                                    | false",
        "VIDEO | 96 VP8/90000   | ''                                           | true",
        "AUDIO | 96 VP8/90000   | ''                                           | false",
        "AUDIO | 111 opus/48000/2 | minptime=10;useinbandfec=1                 | true",
        "AUDIO | 111 opus/48000   | ''                                         | false",
        "AUDIO | 0 PCMU/8000    | ''                                           | false",
        "AUDIO | 9 G722/8000    | ''                                           | false",
        "AUDIO | 110 telephone-event/48000 | ''                                | false",
        "AUDIO | 63 red/48000/2  | 111/111                                     | false",
        "VIDEO | 118 red/90000  | ''                                           | false",
        "VIDEO | 120 ulpfec/90000 | ''                                         | false",
        "VIDEO | 35 flexfec-03/90000 | repair-window=10000000                  | false"})
    void defaultsAcceptWhatDownstreamHandles(MediaKind kind, String rtpmap, String fmtp, boolean expected) {
        assertThat(accepted(kind, rtpmap, fmtp)).isEqualTo(expected);
    }

    @Test
    void restrictedSets() {
        RTCRtpCapabilities h264Opus = DEFAULTS.onlyCodecs("h264", "OPUS");
        assertThat(h264Opus.codecs()).extracting(RTCRtpCodecCapability::name).containsExactly("H264", "opus");
        assertThat(h264Opus.headerExtensions()).isEqualTo(DEFAULTS.headerExtensions());
        RTCRtpCapabilities vp9Profile2 = DEFAULTS.withVp9Profiles(Set.of(0, 2));
        assertThat(vp9Profile2.codecs(MediaKind.VIDEO)).filteredOn(c -> c.name().equals("VP9"))
                .singleElement().satisfies(c -> assertThat(c.profiles()).containsExactlyInAnyOrder(0, 2));
        assertThat(DEFAULTS.supportsHeaderExtension(MediaKind.AUDIO, HeaderExtensionUri.AUDIO_LEVEL.uri())).isTrue();
        assertThat(DEFAULTS.supportsHeaderExtension(MediaKind.VIDEO, HeaderExtensionUri.AUDIO_LEVEL.uri())).isFalse();
        assertThat(DEFAULTS.supportsHeaderExtension(MediaKind.VIDEO, HeaderExtensionUri.RTP_STREAM_ID.uri())).isTrue();
        assertThat(DEFAULTS.supportsHeaderExtension(MediaKind.VIDEO, HeaderExtensionUri.TOFFSET.uri())).isFalse();
        assertThat(DEFAULTS.codecs(MediaKind.VIDEO)).allMatch(RTCRtpCodecCapability::rtx)
                .allMatch(c -> c.hasFeedback("nack", "pli") && c.hasFeedback("ccm", "fir") && c.hasFeedback("goog-remb", ""));
        assertThat(DEFAULTS.codecs(MediaKind.AUDIO)).singleElement()
                .satisfies(c -> assertThat(c.rtcpFeedback()).containsExactly(new RTCRtcpFeedback("transport-cc", "")));
    }
}
