package dev.mosaic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Appends audit events to a file as JSON lines in the shape docs/audit.md gives: {@code timestamp,
 * tenant_id, event_type, component_id, details}. Each event is one write of one line.
 */
final class JsonLinesAuditSink implements AuditSink {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;

  JsonLinesAuditSink(Path file) {
    this.file = file;
  }

  @Override
  public synchronized void record(AuditEvent event) {
    ObjectNode line = MAPPER.createObjectNode();
    line.put(
        "timestamp",
        DateTimeFormatter.ISO_INSTANT.format(event.timestamp().truncatedTo(ChronoUnit.SECONDS)));
    line.put("tenant_id", event.tenantId());
    line.put("event_type", event.eventType());
    line.put("component_id", event.componentId());
    ObjectNode details = line.putObject("details");
    event.details().forEach(details::put);
    try {
      Files.write(
          file,
          (line + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write audit log " + file, e);
    }
  }
}
