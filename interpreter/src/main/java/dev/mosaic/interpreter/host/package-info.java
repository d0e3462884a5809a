/**
 * What the embedding facade owns on behalf of its host: the audit wiring ({@code AuditWiring}: one
 * sink per tenant, one owner that closes them, the blob store that audits) and the secret backends
 * opened by scheme ({@code SecretBackendSet}: opened at build, closed on failure and with the
 * facade). Internal: not exported. May depend on {@code dev.mosaic.plan}, {@code dev.mosaic.hsm}
 * and {@code dev.mosaic.host}.
 */
package dev.mosaic.interpreter.host;
