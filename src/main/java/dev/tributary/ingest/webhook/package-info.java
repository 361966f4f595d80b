/**
 * Webhooks: recording events POSTed to configured URLs, asynchronously, retried with exponential
 * back-off, and signed with HMAC-SHA256 ({@link dev.tributary.ingest.webhook.WebhookSender}).
 */
package dev.tributary.ingest.webhook;
