package dev.mosaic.host.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * One tenant's audit log: JSON Lines in the event format of docs/audit.md, each line extended with
 * {@code prev_hash}, the SHA-256 of the previous line's bytes ({@link AuditChain#GENESIS} for the
 * first). {@link AuditLogVerifier} checks the chain. Appends are serialized and written through
 * before {@link #record} returns, so an accepted event is never lost.
 */
public final class JsonLinesAuditLog implements AuditSink, AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();

  private final Path file;
  // A stream, not a FileChannel: a thread interrupt (the host stopping a guest in a host call)
  // closes an interruptible channel for good, and every later event of the tenant would be lost.
  private final FileOutputStream stream;
  private String previousHash;

  /**
   * Opens (or creates) the log at {@code file}; an existing log is continued from its last line.
   *
   * @throws UncheckedIOException when the file cannot be opened or read
   */
  public JsonLinesAuditLog(Path file) {
    this.file = file;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      this.previousHash = lastHash(file);
      this.stream = new FileOutputStream(file.toFile(), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open audit log " + file, e);
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void record(AuditEvent event) {
    byte[] line = encode(event, previousHash);
    try {
      byte[] bytes = new byte[line.length + 1];
      System.arraycopy(line, 0, bytes, 0, line.length);
      bytes[line.length] = '\n';
      stream.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to audit log " + file, e);
    }
    previousHash = AuditChain.hash(line);
  }

  /** The JSON text of one line, without the newline. */
  static byte[] encode(AuditEvent event, String previousHash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField(
          "timestamp",
          DateTimeFormatter.ISO_INSTANT.format(event.timestamp().truncatedTo(ChronoUnit.SECONDS)));
      g.writeStringField("tenant_id", event.tenantId());
      g.writeStringField("event_type", event.eventType());
      g.writeStringField("component_id", event.componentId());
      g.writeObjectFieldStart("details");
      for (Map.Entry<String, String> e : event.details().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeStringField("prev_hash", previousHash);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String lastHash(Path file) throws IOException {
    if (!Files.exists(file)) {
      return AuditChain.GENESIS;
    }
    List<String> lines = Files.readAllLines(file);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isEmpty()) {
        return AuditChain.hash(lines.get(i).getBytes(StandardCharsets.UTF_8));
      }
    }
    return AuditChain.GENESIS;
  }

  @Override
  public synchronized void close() {
    try {
      stream.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
