package dev.mosaic.cli.options;

import dev.mosaic.host.FileKeyValueStore;
import dev.mosaic.host.audit.AuditCodes;
import dev.mosaic.host.audit.AuditLogOptions;
import dev.mosaic.host.audit.JsonLinesAuditLog;
import dev.mosaic.host.audit.SealKeys;
import dev.mosaic.host.audit.SyslogAuditSink;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretBackends;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.io.InputFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.net.ssl.SSLSocketFactory;
import picocli.CommandLine.Option;

/**
 * Options of commands that run guests: where audit logs go, which secret backend answers {@code
 * secret} calls, the file root and key-value directory. The secret backend is opened by {@link
 * #apply} and closed by {@link #close()}.
 */
public final class HostOptions implements AutoCloseable {
  @Option(
      names = "--audit-dir",
      paramLabel = "DIR",
      description =
          "Per-tenant audit logs DIR/<tenant>/audit.jsonl (default: audit/ beside the store,"
              + " e.g. $MOSAIC_HOME/audit).")
  Path auditDir;

  @Option(names = "--no-audit", description = "Write no audit log.")
  boolean noAudit;

  @Option(
      names = "--audit-key",
      paramLabel = "FILE",
      description = {
        "Seal the audit logs with the key in FILE (`mosaic audit keygen`; development: whoever",
        "reads FILE can forge seals, docs/audit.md)."
      })
  Path auditKey;

  @Option(
      names = "--audit-key-label",
      paramLabel = "LABEL",
      description = "Seal the audit logs with the HMAC key LABEL on the --secrets token.")
  String auditKeyLabel;

  @Option(
      names = "--audit-seal-every",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Seal each audit log after at most N lines (default: ${DEFAULT-VALUE}).")
  int sealEvery;

  @Option(
      names = "--audit-syslog",
      paramLabel = "HOST:PORT",
      description = {
        "Also send every audit event to this syslog receiver (RFC 5424 over TCP, octet",
        "counting), e.g. rsyslog's imtcp; with --no-audit, send them only there."
      })
  String auditSyslog;

  @Option(
      names = "--audit-syslog-tls",
      description = "Send to --audit-syslog over TLS, trusting the JVM's trust store.")
  boolean auditSyslogTls;

  @Option(
      names = "--audit-sync",
      description = "Force the audit log to disk after every event (default: at seals and close).")
  boolean auditSync;

  @Option(
      names = "--secrets",
      paramLabel = "SCHEME:FILE",
      description = {
        "Secret backend for every tenant: a scheme (pkcs11, vault, env or a plugin's) and a",
        "properties file with its settings, e.g. pkcs11:token.properties holding library=...,",
        "token-label=..., pin=env:MOSAIC_PIN (docs/secrets.md). `env` needs no file."
      })
  String secrets;

  @Option(
      names = "--files-root",
      paramLabel = "DIR",
      description =
          "Per-tenant file roots DIR/<tenant> (created on first use), which each tenant's"
              + " guests see as / through the files capability.")
  Path filesRoot;

  @Option(
      names = "--kv-dir",
      paramLabel = "DIR",
      description = "Keep the kv capability's values in DIR/<tenant> (default: in memory).")
  Path kvDir;

  private SecretBackend backend;

  /** The audit directory in effect, or {@code null} with {@code --no-audit}. */
  Path auditDirectory(StoreOptions store) {
    if (noAudit) {
      return null;
    }
    return auditDir != null ? auditDir : defaultAuditDirectory(store.directory());
  }

  /** {@code audit} beside the blob store directory. */
  public static Path defaultAuditDirectory(Path store) {
    Path parent = store.toAbsolutePath().getParent();
    return (parent == null ? Path.of(".") : parent).resolve("audit");
  }

  /** Applies the options to a facade builder, opening the secret backend if one is named. */
  public Mosaic.Builder apply(Mosaic.Builder builder, StoreOptions store) {
    Path audit = auditDirectory(store);
    if (secrets != null) {
      try {
        backend = openBackend(secrets);
      } catch (MosaicException e) {
        if (audit != null) {
          auditOpenFailure(audit, e);
        }
        throw e;
      }
      SecretBackend b = backend;
      builder.secrets(t -> b);
    }
    AuditSink syslog = auditSyslog == null ? null : syslogSink();
    if (audit != null && syslog == null) {
      builder.auditDirectory(audit, auditOptions());
    } else if (audit != null) {
      AuditLogOptions options = auditOptions();
      builder.auditSinks(
          t ->
              AuditSink.all(
                  new JsonLinesAuditLog(audit.resolve(t).resolve("audit.jsonl"), t, options),
                  syslog));
    } else if (syslog != null) {
      builder.auditSinks(t -> syslog);
    }
    if (filesRoot != null) {
      // One root per tenant, as kv, audit and blobs are: a plan names its tenant, so a shared
      // root would let any plan read every tenant's files.
      Path root = filesRoot.toAbsolutePath();
      builder.fileRoots(
          t -> {
            Path dir = root.resolve(t);
            try {
              Files.createDirectories(dir);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            return dir;
          });
    }
    if (kvDir != null) {
      builder.keyValueStore(new FileKeyValueStore(kvDir));
    }
    return builder;
  }

  /**
   * A backend that cannot open (wrong PIN, absent token, refused credential) serves every tenant,
   * so the refusal goes to the host's log.
   */
  private void auditOpenFailure(Path audit, MosaicException e) {
    String scheme = secrets.contains(":") ? secrets.substring(0, secrets.indexOf(':')) : secrets;
    AuditLogOptions options = auditKeyLabel == null ? auditOptions() : AuditLogOptions.defaults();
    try (JsonLinesAuditLog log =
        new JsonLinesAuditLog(audit.resolve("_host").resolve("audit.jsonl"), "_host", options)) {
      log.record(
          AuditEvent.now(
              "_host",
              AuditEvent.SECRET_ACCESS,
              "",
              Map.of("backend", scheme, "operation", "open", "result", "error", "code", e.code())));
    }
  }

  private SyslogAuditSink syslogSink() {
    int colon = auditSyslog.lastIndexOf(':');
    String host = colon <= 0 ? "" : auditSyslog.substring(0, colon);
    String port = colon < 0 ? "" : auditSyslog.substring(colon + 1);
    if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
      throw new MosaicException(
          Diagnostic.of(
                  AuditCodes.DESTINATION_UNUSABLE,
                  "--audit-syslog `" + clip(auditSyslog) + "` is not HOST:PORT")
              .withHelp("e.g. --audit-syslog logs.example:6514"));
    }
    int p = Integer.parseInt(port);
    return auditSyslogTls
        ? SyslogAuditSink.tls(host, p, (SSLSocketFactory) SSLSocketFactory.getDefault())
        : SyslogAuditSink.tcp(host, p);
  }

  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  private AuditLogOptions auditOptions() {
    AuditLogOptions options = AuditLogOptions.defaults();
    if (sealEvery < 1) {
      throw new MosaicException(
          Diagnostic.of(AuditCodes.KEY_UNUSABLE, "--audit-seal-every must be at least 1"));
    }
    options = options.sealEvery(sealEvery);
    if (auditSync) {
      options = options.sync(e -> true);
    }
    SealKeys keys = SealKeyOptions.keys(auditKey, auditKeyLabel, backend, "--audit-key");
    return keys == null ? options : options.sealedWith(keys);
  }

  public static SecretBackend openBackend(String spec) {
    int colon = spec.indexOf(':');
    String scheme = colon < 0 ? spec : spec.substring(0, colon);
    Map<String, String> config =
        colon < 0 ? Map.of() : readProperties(Path.of(spec.substring(colon + 1)));
    return SecretBackends.discover().open(scheme, config);
  }

  static Map<String, String> readProperties(Path file) {
    Properties p = new Properties();
    byte[] bytes =
        InputFiles.read(
            file,
            InputFiles.SMALL_FILE_BYTES,
            InputFiles.TOO_LARGE,
            "secret backend settings `" + file + "`");
    try (Reader in = new StringReader(new String(bytes, StandardCharsets.UTF_8))) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> config = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> config.put(k, p.getProperty(k).strip()));
    return config;
  }

  @Override
  public void close() {
    if (backend != null) {
      try {
        backend.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close secret backend " + backend.id(), e);
      }
      backend = null;
    }
  }
}
