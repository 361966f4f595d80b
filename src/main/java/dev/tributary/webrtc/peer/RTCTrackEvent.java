package dev.tributary.webrtc.peer;

import java.util.List;

/**
 * W3C {@code RTCTrackEvent}: a new remote track.
 *
 * @param track the track
 * @param receiver its receiver
 * @param transceiver the transceiver of its media section
 * @param streamIds the remote {@code msid} stream ids
 */
public record RTCTrackEvent(RemoteTrack track, RTCRtpReceiver receiver, RTCRtpTransceiver transceiver,
        List<String> streamIds) {

    public RTCTrackEvent {
        streamIds = List.copyOf(streamIds);
    }
}
