package dev.mosaic.host.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks an audit log's hash chain, as {@code mosaic audit verify} does: every line must be a JSON
 * object with the event fields, and its {@code prev_hash} must be the hash of the line before it
 * (the genesis hash for the first). An edited, removed, inserted or reordered line breaks the chain
 * at the first line after the change. Removing lines from the end leaves a valid shorter chain;
 * compare {@link Result#lastHash()} with a copy kept elsewhere to detect that.
 */
public final class AuditLogVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS =
      List.of("timestamp", "tenant_id", "event_type", "component_id", "details", "prev_hash");

  private AuditLogVerifier() {}

  /**
   * Verifies a log file.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Result verify(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String expected = AuditChain.GENESIS;
      long number = 0;
      String line;
      while ((line = in.readLine()) != null) {
        number++;
        String problem = check(line, expected);
        if (problem != null) {
          return new Result(false, number - 1, number, problem, expected);
        }
        expected = AuditChain.hash(line.getBytes(StandardCharsets.UTF_8));
      }
      return new Result(true, number, 0, null, expected);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read audit log " + file, e);
    }
  }

  private static String check(String line, String expected) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      return "line is not valid JSON";
    }
    if (node == null || !node.isObject()) {
      return "line is not a JSON object";
    }
    for (String field : FIELDS) {
      if (!node.has(field)) {
        return "line has no `" + field + "`";
      }
    }
    String prev = node.get("prev_hash").asText();
    if (!prev.equals(expected)) {
      return "`prev_hash` does not match the line before: a line was edited, removed, inserted or"
          + " reordered";
    }
    return null;
  }

  /**
   * Outcome of a verification.
   *
   * @param valid whether the whole chain holds
   * @param verifiedLines lines checked before the first problem (all lines when valid)
   * @param badLine 1-based number of the first line that fails, 0 when valid
   * @param problem what is wrong with that line, {@code null} when valid
   * @param lastHash hash of the last good line, the genesis hash for an empty log
   */
  public record Result(
      boolean valid, long verifiedLines, long badLine, String problem, String lastHash) {}
}
