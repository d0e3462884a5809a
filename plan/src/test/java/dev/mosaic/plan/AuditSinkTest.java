package dev.mosaic.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link AuditSink#all}: one event to several destinations, failures not hidden. */
class AuditSinkTest {
  @Test
  void everySinkGetsTheEventAndAFailingOneIsNotSilent() throws Exception {
    List<AuditEvent> first = new ArrayList<>();
    List<String> closed = new ArrayList<>();
    AuditSink broken =
        event -> {
          throw new IllegalStateException("receiver down");
        };
    class Closing implements AuditSink, AutoCloseable {
      @Override
      public void record(AuditEvent event) {}

      @Override
      public void close() {
        closed.add("closed");
      }
    }
    AuditEvent e = AuditEvent.now("acme", AuditEvent.LIMIT, "", Map.of());
    AuditSink both = AuditSink.all(first::add, new Closing());
    both.record(e);
    assertThat(first).containsExactly(e);
    assertThatThrownBy(() -> AuditSink.all(first::add, broken).record(e))
        .hasMessage("receiver down");
    assertThat(first).hasSize(2);
    ((AutoCloseable) both).close();
    assertThat(closed).containsExactly("closed");
  }
}
