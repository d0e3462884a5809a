package dev.mosaic.cli.command;

import dev.mosaic.cli.options.HostOptions;
import dev.mosaic.cli.options.SealKeyOptions;
import dev.mosaic.cli.options.StoreOptions;
import dev.mosaic.cli.text.AuditLines;
import dev.mosaic.host.audit.AuditCodes;
import dev.mosaic.host.audit.AuditLogVerifier;
import dev.mosaic.host.audit.SealKeys;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.ExitCodes;
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
    subcommands = {AuditCommand.Tail.class, AuditCommand.Verify.class, AuditCommand.Keygen.class})
public final class AuditCommand implements Runnable {
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

  /** {@code mosaic audit verify FILE [--key FILE | --key-label L --secrets S] [--state F]}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check an audit log's hash chain and, with --key or --key-label, its seals (docs/audit.md).",
        "Exit 0 when intact (and, with a key, sealed to the end); 65 naming the line and code of",
        "the first tampering found (E0004-E0007, E0009); 75 when the end is not sealed (E0008)."
      })
  static final class Verify implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "An audit.jsonl file.")
    Path file;

    @Option(
        names = "--key",
        paramLabel = "KEYFILE",
        description = "The seal key file the log was sealed with.")
    Path key;

    @Option(
        names = "--key-label",
        paramLabel = "LABEL",
        description = "The token's HMAC key the log was sealed with (needs --secrets).")
    String keyLabel;

    @Option(
        names = "--secrets",
        paramLabel = "SCHEME:FILE",
        description = "The token holding --key-label, e.g. pkcs11:token.properties.")
    String secrets;

    @Option(
        names = "--tenant",
        paramLabel = "T",
        description = "The tenant that sealed the log (default: the log's directory name).")
    String tenant;

    @Option(
        names = "--state",
        paramLabel = "FILE",
        description = "The writer's seal state (default: FILE.seal beside the log).")
    Path state;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(file)) {
        throw new MosaicException(
            LangCodes.FILE_MISSING, "audit log `" + file + "` does not exist");
      }
      SecretBackend backend = secrets == null ? null : HostOptions.openBackend(secrets);
      try {
        return verify(SealKeyOptions.keys(key, keyLabel, backend, "--key"));
      } finally {
        if (backend != null) {
          backend.close();
        }
      }
    }

    private int verify(SealKeys keys) {
      Path absolute = file.toAbsolutePath().normalize();
      String owner =
          tenant != null
              ? tenant
              : absolute.getParent() == null || absolute.getParent().getFileName() == null
                  ? ""
                  : absolute.getParent().getFileName().toString();
      Path stateFile = state != null ? state : AuditLogVerifier.stateFileOf(file);
      AuditLogVerifier.Result result =
          keys == null
              ? AuditLogVerifier.verify(file)
              : AuditLogVerifier.verify(
                  file, owner, keys, Files.exists(stateFile) ? stateFile : null);
      PrintWriter out = spec.commandLine().getOut();
      for (AuditLogVerifier.SealedRange r : result.seals()) {
        out.println("sealed: lines " + r.first() + "-" + r.last() + " (epoch " + r.epoch() + ")");
      }
      out.flush();
      if (!result.valid()) {
        throw new MosaicException(
            Diagnostic.of(
                    result.code(),
                    file
                        + ":"
                        + result.badLine()
                        + ": "
                        + title(result.code())
                        + ": "
                        + result.problem())
                .withHelp(
                    result.code().equals(AuditCodes.CHAIN_BROKEN)
                        ? "the first "
                            + result.verifiedLines()
                            + " lines are intact; the log was changed at or before line "
                            + result.badLine()
                        : "trust only the sealed ranges listed above"));
      }
      if (result.unsealed() > 0) {
        long first = result.verifiedLines() - result.unsealed() + 1;
        PrintWriter err = spec.commandLine().getErr();
        err.println(
            "warning["
                + AuditCodes.UNSEALED
                + "]: "
                + file
                + ":"
                + first
                + ": lines "
                + first
                + "-"
                + result.verifiedLines()
                + " are not sealed: appended after the last seal, or not sealed yet");
        err.println(
            "  = help: a writer seals at close and every N lines; until then these lines prove"
                + " nothing");
        err.flush();
        return UNSEALED_EXIT;
      }
      out.println(
          "ok: "
              + result.verifiedLines()
              + (result.verifiedLines() == 1 ? " line" : " lines")
              + (keys == null
                  ? ", last hash " + result.lastHash() + " (seals not checked: no --key)"
                  : ", all sealed, last hash " + result.lastHash()));
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static String title(String code) {
    return switch (code) {
      case AuditCodes.CHAIN_BROKEN -> "audit chain broken";
      case AuditCodes.SEAL_INVALID -> "audit seal does not verify";
      case AuditCodes.TRUNCATED -> "audit log truncated";
      case AuditCodes.EPOCH_GAP -> "audit seal epochs have a gap";
      case AuditCodes.NO_SEAL_STATE -> "audit seal state missing";
      default -> "audit log rejected";
    };
  }

  /** The exit code of {@code audit verify} when the log is intact but its end is not sealed. */
  static final int UNSEALED_EXIT = 75;

  /** {@code mosaic audit keygen FILE}. */
  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      description = {
        "Write a new random seal key (32 bytes, hex) to FILE, readable by its owner only, for",
        "--audit-key (development) and `audit verify --key`."
      })
  static final class Keygen implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Where to write the key; must not exist.")
    Path file;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (Files.exists(file)) {
        throw new MosaicException(
            Diagnostic.of(
                    AuditCodes.KEY_UNUSABLE, "`" + file + "` exists; keygen never overwrites a key")
                .withHelp("pick a new file name"));
      }
      SealKeys.generate(file);
      spec.commandLine().getOut().println("wrote seal key " + file);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
