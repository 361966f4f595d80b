/** The publish and recordings pages: static HTML and JavaScript, and the routes that serve them. */
package dev.tributary.ingest.web;
