package dev.mosaic.cli;

import dev.mosaic.host.FileKeyValueStore;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretBackends;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.plan.InputFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * Options of commands that run guests: where audit logs go, which secret backend answers {@code
 * secret} calls, the file root and key-value directory. The secret backend is opened by {@link
 * #apply} and closed by {@link #close()}.
 */
final class HostOptions implements AutoCloseable {
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
      description = "Directory guests see as / through the files capability.")
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
  static Path defaultAuditDirectory(Path store) {
    Path parent = store.toAbsolutePath().getParent();
    return (parent == null ? Path.of(".") : parent).resolve("audit");
  }

  /** Applies the options to a facade builder, opening the secret backend if one is named. */
  Mosaic.Builder apply(Mosaic.Builder builder, StoreOptions store) {
    Path audit = auditDirectory(store);
    if (audit != null) {
      builder.auditDirectory(audit);
    }
    if (filesRoot != null) {
      Path root = filesRoot.toAbsolutePath();
      builder.fileRoots(t -> root);
    }
    if (kvDir != null) {
      builder.keyValueStore(new FileKeyValueStore(kvDir));
    }
    if (secrets != null) {
      backend = openBackend(secrets);
      SecretBackend b = backend;
      builder.secrets(t -> b);
    }
    return builder;
  }

  private static SecretBackend openBackend(String spec) {
    int colon = spec.indexOf(':');
    String scheme = colon < 0 ? spec : spec.substring(0, colon);
    Map<String, String> config =
        colon < 0 ? Map.of() : readProperties(Path.of(spec.substring(colon + 1)));
    return SecretBackends.discover().open(scheme, config);
  }

  private static Map<String, String> readProperties(Path file) {
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
