package dev.mosaic.cli;

import dev.mosaic.host.audit.AuditLogVerifier;
import dev.mosaic.interpreter.LangCodes;
import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.ExitCodes;
import dev.mosaic.plan.MosaicException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mosaic audit tail|verify}. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Read and check the per-tenant audit logs (docs/audit.md).",
    subcommands = {AuditCommand.Tail.class, AuditCommand.Verify.class})
final class AuditCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code mosaic audit tail [--tenant T] [-n N] [--follow]}. */
  @Command(
      name = "tail",
      mixinStandardHelpOptions = true,
      description = {
        "Print the last lines of the audit logs, tenant by tenant (or of one tenant).",
        "With --follow, keep printing lines as they are appended (one tenant only; Ctrl-C stops)."
      })
  static final class Tail implements Callable<Integer> {
    @Option(names = "--tenant", paramLabel = "T", description = "Only this tenant's log.")
    String tenant;

    @Option(
        names = "-n",
        paramLabel = "N",
        defaultValue = "10",
        description = "Lines per log (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(
        names = {"-f", "--follow"},
        description = "Wait for and print new lines.")
    boolean follow;

    @Option(
        names = "--audit-dir",
        paramLabel = "DIR",
        description = "The audit directory (default: audit/ beside the store).")
    Path auditDir;

    @Mixin StoreOptions store;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (lines < 0) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-n must be >= 0");
      }
      if (follow && tenant == null) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--follow needs --tenant");
      }
      Path dir = auditDir != null ? auditDir : HostOptions.defaultAuditDirectory(store.directory());
      PrintWriter out = spec.commandLine().getOut();
      List<Path> logs = logs(dir);
      if (logs.isEmpty()) {
        throw new MosaicException(
            Diagnostic.of(
                    LangCodes.FILE_MISSING,
                    tenant != null
                        ? "no audit log for tenant `" + tenant + "` in `" + dir + "`"
                        : "no audit logs in `" + dir + "`")
                .withHelp("run a script or plan first, or name the directory with --audit-dir"));
      }
      for (Path log : logs) {
        if (tenant == null && logs.size() > 1) {
          out.println("==> " + log.getParent().getFileName() + " <==");
        }
        for (String line : AuditLines.last(log, lines)) {
          out.println(line);
        }
      }
      out.flush();
      if (follow) {
        follow(logs.getFirst(), out);
      }
      return ExitCodes.OK;
    }

    private List<Path> logs(Path dir) throws IOException {
      if (tenant != null) {
        Path log = dir.resolve(tenant).resolve("audit.jsonl");
        return Files.isRegularFile(log) ? List.of(log) : List.of();
      }
      if (!Files.isDirectory(dir)) {
        return List.of();
      }
      try (Stream<Path> tenants = Files.list(dir)) {
        return tenants
            .map(t -> t.resolve("audit.jsonl"))
            .filter(Files::isRegularFile)
            .sorted()
            .toList();
      }
    }

    private static void follow(Path log, PrintWriter out) throws IOException {
      try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
        long position = file.length();
        StringBuilder partial = new StringBuilder();
        while (!Thread.currentThread().isInterrupted()) {
          long length = file.length();
          if (length > position) {
            file.seek(position);
            byte[] bytes = new byte[(int) Math.min(length - position, 1 << 20)];
            file.readFully(bytes);
            position += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
              out.println(partial.substring(0, nl));
              partial.delete(0, nl + 1);
            }
            out.flush();
          } else {
            try {
              Thread.sleep(200);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
      }
    }
  }

  /** {@code mosaic audit verify FILE}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check an audit log's hash chain. Exit 0 and print the line count and last hash, or exit",
        "65 naming the first line where the chain breaks (E0004)."
      })
  static final class Verify implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "An audit.jsonl file.")
    Path file;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) {
        throw new MosaicException(
            LangCodes.FILE_MISSING, "audit log `" + file + "` does not exist");
      }
      AuditLogVerifier.Result result = AuditLogVerifier.verify(file);
      if (!result.valid()) {
        throw new MosaicException(
            Diagnostic.of(
                    CliCodes.AUDIT_BROKEN,
                    file + ":" + result.badLine() + ": audit chain broken: " + result.problem())
                .withHelp(
                    "the first "
                        + result.verifiedLines()
                        + " lines are intact; the log was changed at or before line "
                        + result.badLine()));
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "ok: "
              + result.verifiedLines()
              + (result.verifiedLines() == 1 ? " line" : " lines")
              + ", last hash "
              + result.lastHash());
      out.flush();
      return ExitCodes.OK;
    }
  }
}
