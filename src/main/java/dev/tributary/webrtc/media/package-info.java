/**
 * Media payload formats: RTP depacketizers that turn a stream's packets back into coded frames
 * for a muxer, and packetizers for senders.
 *
 * <ul>
 *   <li>{@link dev.tributary.webrtc.media.Depacketizer} and its codecs: {@link
 *       dev.tributary.webrtc.media.H264Depacketizer} (RFC 6184, Annex B output, in-band SPS/PPS
 *       kept and put before IDRs), {@link dev.tributary.webrtc.media.Vp8Depacketizer} (RFC 7741),
 *       {@link dev.tributary.webrtc.media.Vp9Depacketizer} (RFC 9628, superframes for spatial
 *       layers), {@link dev.tributary.webrtc.media.Av1Depacketizer} (AOM AV1 RTP, low-overhead
 *       OBUs), {@link dev.tributary.webrtc.media.OpusDepacketizer} (RFC 7587). Packets come in
 *       sequence order from a jitter buffer, with {@code lost()} for unrecoverable gaps.
 *   <li>{@link dev.tributary.webrtc.media.MediaFrame}: a frame view handed to a {@link
 *       dev.tributary.webrtc.media.FrameSink}, valid during the call; {@code copy()} keeps it.
 *   <li>{@link dev.tributary.webrtc.media.KeyframeGate}: holds video back until a keyframe and
 *       tells its owner when to request one.
 *   <li>{@link dev.tributary.webrtc.media.Packetizer} and its codecs, writing RTP packets to a
 *       {@link dev.tributary.webrtc.media.PacketSink}.
 *   <li>{@link dev.tributary.webrtc.media.H264Sps}: what a muxer needs from an SPS.
 * </ul>
 *
 * <p>Corrupt media is never thrown: depacketizers count it per {@link
 * dev.tributary.webrtc.media.DropReason} and drop it.
 */
package dev.tributary.webrtc.media;
