/**
 * Deterministic CBOR: the canonical writer, a bounded scanner that reads untrusted bytes without
 * building unbounded trees, and the reader that turns a scanned tree into plan records. Internal:
 * exported only to the project's modules. May depend on dev.mosaic.plan and plan.diag.
 */
package dev.mosaic.plan.codec;
