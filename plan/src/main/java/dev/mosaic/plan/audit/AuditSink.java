package dev.mosaic.plan.audit;

/**
 * Receives audit events. Implementations must be thread-safe and must not lose an event that {@link
 * #record} accepted.
 */
@FunctionalInterface
public interface AuditSink {
  /** A sink that drops everything, for tools that audit nothing (e.g. {@code mosaic compile}). */
  AuditSink NONE = event -> {};

  void record(AuditEvent event);
}
