package dev.tributary.ingest.session;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How ingest sessions run ({@code tributary.webrtc.*}, {@code tributary.sessions.*}).
 *
 * @param webrtc the WebRTC transport
 * @param sessions limits and policies of sessions
 */
@ConfigurationProperties("tributary")
public record SessionProperties(@DefaultValue Webrtc webrtc, @DefaultValue Sessions sessions) {

    /**
     * @param udpPort the single UDP port all sessions share (what a Kubernetes deployment needs);
     *     0 for a socket per session on an ephemeral port
     * @param announcedAddresses addresses announced in ICE candidates instead of the interface
     *     addresses (the public address of a host behind 1:1 NAT, a node's address …)
     * @param interfaceAddresses addresses to bind to instead of every usable interface address
     * @param consentTimeout how long after the publisher's last sign of life its session ends
     */
    public record Webrtc(@DefaultValue("8189") int udpPort, @DefaultValue List<String> announcedAddresses,
            @DefaultValue List<String> interfaceAddresses, @DefaultValue("30s") Duration consentTimeout) {}

    /**
     * @param max most concurrent sessions; more get 503
     * @param whenLive what a publish to a stream key that is already live does: {@code reject}
     *     (409) or {@code replace} (the old session ends, its recording is finalised)
     * @param maxBitrateBps a session receiving more than this for {@code bitrateGrace} is ended
     *     (0: no limit)
     * @param bitrateGrace how long the bitrate may stay above the limit
     * @param maxDuration a recording this long ends its session (0: no limit)
     * @param formatWait how long the recording waits for every track's codec parameters
     *     (a video track's come with its first keyframe) before it starts without the missing ones
     * @param container {@code auto} (WebM for VP8/VP9/AV1, fragmented MP4 for H264) or
     *     {@code matroska} for every recording
     * @param segmentDuration split a publish into recordings of at least this length, each
     *     starting at a keyframe (0: one recording per publish)
     */
    public record Sessions(@DefaultValue("100") int max, @DefaultValue("reject") String whenLive,
            @DefaultValue("0") long maxBitrateBps, @DefaultValue("5s") Duration bitrateGrace,
            @DefaultValue("0s") Duration maxDuration, @DefaultValue("5s") Duration formatWait,
            @DefaultValue("auto") String container, @DefaultValue("0s") Duration segmentDuration) {}
}
