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

  /**
   * A sink that records each event in every one of {@code sinks}, in order; a sink that throws
   * stops the event there and the exception reaches the caller, so no failure is silent. Closing
   * the result closes those of {@code sinks} that are {@link AutoCloseable}.
   */
  static AuditSink all(AuditSink... sinks) {
    java.util.List<AuditSink> list = java.util.List.of(sinks);
    return new Fanout(list);
  }

  /** What {@link #all} returns. */
  record Fanout(java.util.List<AuditSink> sinks) implements AuditSink, AutoCloseable {
    @Override
    public void record(AuditEvent event) {
      for (AuditSink s : sinks) {
        s.record(event);
      }
    }

    @Override
    public void close() throws Exception {
      Exception first = null;
      for (AuditSink s : sinks) {
        if (s instanceof AutoCloseable c) {
          try {
            c.close();
          } catch (Exception e) {
            first = first == null ? e : first;
          }
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }
}
