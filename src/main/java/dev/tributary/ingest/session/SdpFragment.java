package dev.tributary.ingest.session;

import dev.tributary.webrtc.ParseException;
import dev.tributary.webrtc.peer.LocalTransport;
import dev.tributary.webrtc.peer.RTCIceCandidate;
import dev.tributary.webrtc.peer.SdpCandidates;
import dev.tributary.webrtc.sdp.Attribute;
import dev.tributary.webrtc.sdp.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@code application/trickle-ice-sdpfrag} body (RFC 8840 §9, as WHIP uses it, RFC 9725 §4.3):
 * ICE credentials, media lines with their MIDs, candidates and end-of-candidates.
 *
 * @param iceUfrag the ufrag, present for an ICE restart (or to say which generation candidates are of)
 * @param icePwd the password that goes with it
 * @param mids the MIDs of the fragment's media lines, in order
 * @param candidates the candidates, end-of-candidates included as an empty candidate
 */
record SdpFragment(Optional<String> iceUfrag, Optional<String> icePwd, List<String> mids,
        List<RTCIceCandidate> candidates) {

    /** Largest fragment read (a handful of candidates is a few hundred bytes). */
    static final int MAX_LENGTH = 16 * 1024;

    /**
     * @throws ParseException if a line is not valid SDP or an attribute is malformed
     */
    static SdpFragment parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new ParseException("the fragment is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        String ufrag = null;
        String pwd = null;
        List<String> mids = new ArrayList<>();
        List<RTCIceCandidate> candidates = new ArrayList<>();
        String mid = null;
        int offset = 0;
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            int at = offset;
            offset += raw.length() + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new ParseException("not an SDP line: " + line, at);
            }
            if (line.startsWith("m=")) {
                mid = null;
                continue;
            }
            if (!line.startsWith("a=")) {
                continue;
            }
            Attribute attribute = Attribute.parse(line.substring(2));
            switch (attribute.name()) {
                case "ice-ufrag" -> ufrag = attribute.value().orElseThrow(() -> new ParseException("empty ice-ufrag", at));
                case "ice-pwd" -> pwd = attribute.value().orElseThrow(() -> new ParseException("empty ice-pwd", at));
                case "mid" -> {
                    mid = attribute.value().orElseThrow(() -> new ParseException("empty mid", at));
                    mids.add(mid);
                }
                case "candidate" -> {
                    attribute.as(Candidate.class).orElseThrow(() -> new ParseException("malformed candidate", at));
                    candidates.add(new RTCIceCandidate(line.substring(2), mid, -1));
                }
                case "end-of-candidates" -> candidates.add(RTCIceCandidate.endOfCandidates(mid));
                default -> {
                    // ice-options, group and the like say nothing a lite server acts on
                }
            }
        }
        if ((ufrag == null) != (pwd == null)) {
            throw new ParseException("ice-ufrag and ice-pwd come together", 0);
        }
        return new SdpFragment(Optional.ofNullable(ufrag), Optional.ofNullable(pwd), List.copyOf(mids),
                List.copyOf(candidates));
    }

    /** The answer fragment of an ICE restart: this side's new credentials and its candidates. */
    static String answer(LocalTransport local, List<String> mids) {
        StringBuilder out = new StringBuilder();
        if (local.iceLite()) {
            out.append("a=ice-lite\r\n");
        }
        out.append("a=ice-ufrag:").append(local.iceUfrag()).append("\r\n");
        out.append("a=ice-pwd:").append(local.icePwd()).append("\r\n");
        String mid = mids.isEmpty() ? "0" : mids.getFirst();
        out.append("m=audio 9 UDP/TLS/RTP/SAVPF 0\r\n");
        out.append("a=mid:").append(mid).append("\r\n");
        local.candidates().forEach(c -> out.append("a=candidate:").append(SdpCandidates.toSdp(c).format()).append("\r\n"));
        out.append("a=end-of-candidates\r\n");
        return out.toString();
    }
}
