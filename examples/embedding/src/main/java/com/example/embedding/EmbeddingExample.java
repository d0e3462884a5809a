package com.example.embedding;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.audit.AuditLogVerifier;
import dev.mosaic.interpreter.CompileResult;
import dev.mosaic.interpreter.JvmCheck;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Java application that embeds Mosaic: it compiles the {@code compose} example's script, ships
 * the plan as bytes (as if it came from CI), loads and runs it, calls a guest with a string, and
 * shows how a failure surfaces.
 *
 * <p>Arguments: {@code [EXAMPLES_DIR [WORK_DIR]]}; EXAMPLES_DIR is the repository's {@code
 * examples} directory (default {@code ..}), WORK_DIR holds the blob store and audit logs (default:
 * a new temporary directory).
 */
public final class EmbeddingExample {
  private EmbeddingExample() {}

  public static void main(String[] args) throws Exception {
    Path examples = Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize();
    Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("mosaic-embed");

    // 0. Say which JVM flags of docs/embedding.md are missing (warning[E0020]... on stderr).
    JvmCheck.warnings().forEach(System.err::println);

    try (Mosaic mosaic =
        Mosaic.builder()
            .store(work.resolve("blobs"))
            .auditDirectory(work.resolve("audit"))
            .hostLimits(HostLimits.DEFAULT.withMaxCompositionsPerTenant(8))
            .output(line -> System.out.println("script: " + line))
            .guestLog(line -> System.out.println("guest: " + line))
            .build()) {

      // 1. A script end to end: compile, validate, instantiate, run its statements.
      mosaic.run(examples.resolve("compose/compose.mosaic"));

      // 2. Compile once, keep the plan bytes, load them later (or on another host).
      CompileResult compiled = mosaic.compile(examples.resolve("compose/compose.mosaic")).orThrow();
      byte[] planBytes = mosaic.encode(compiled.plan());
      ValidatedPlan plan = mosaic.load(planBytes);
      System.out.println("plan " + plan.digest().substring(0, 19) + "… for tenant " + plan.tenant());

      // 3. Call a guest from Java: strings go in and come back per guest ABI v1.
      try (Composition composition = mosaic.instantiate(plan)) {
        Object shouted = composition.call("formatter", "shout", List.of("embedded in java"));
        System.out.println("formatter.shout -> " + shouted);
      }

      // 4. Failures are MosaicExceptions with stable codes and the CLI's exit code.
      try (Composition composition = mosaic.instantiate(plan)) {
        composition.call("formatter", "missing", List.of());
      } catch (MosaicException e) {
        System.out.println("failed with " + e.code() + " (exit " + e.exitCode() + ")");
      }
    }

    // 5. Every tenant's audit log is a hash chain anyone can check.
    Path log = work.resolve("audit/compose/audit.jsonl");
    System.out.println("audit chain valid: " + AuditLogVerifier.verify(log).valid());
  }
}
