/**
 * WHIP (RFC 9725): the HTTP endpoints through which OBS and browsers publish. {@code WhipController}
 * speaks the protocol and hands offers, trickled candidates and ICE restarts to
 * {@link dev.tributary.ingest.session.IngestSessions}; {@link dev.tributary.ingest.whip.PublishAuthorizer}
 * decides who may publish; {@link dev.tributary.ingest.whip.WhipProperties} and
 * {@link dev.tributary.ingest.whip.PublishProperties} hold the settings. Every error is an RFC 9457
 * problem detail.
 */
package dev.tributary.ingest.whip;
