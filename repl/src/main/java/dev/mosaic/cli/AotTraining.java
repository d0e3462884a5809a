package dev.mosaic.cli;

import dev.mosaic.cli.options.Environment;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;

/**
 * The training run of the launcher's AOT cache for the verbs that run no guest: every such verb,
 * once, on an example script, in one process, so the cache holds the classes each of them loads
 * (the JDK records one process per cache). Output is discarded and failures are ignored: a verb
 * that fails here only leaves its classes out of the cache.
 *
 * <p>Usage (by {@code ./mosaic}): {@code java ... dev.mosaic.cli.AotTraining SCRIPT WORK_DIR}, with
 * {@code MOSAIC_HOME} pointing into WORK_DIR.
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws IOException, GeneralSecurityException {
    Path work = Files.createDirectories(Path.of(args[1]));
    pem(work.resolve("key.pem"), work.resolve("pub.pem"));
    PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), true);
    Environment env =
        new Environment(
            () -> {
              throw new IOException("no terminal in training");
            },
            OutputStream.nullOutputStream(),
            false,
            false);
    for (List<String> verb : commandLines(Path.of(args[0]), work)) {
      Main.execute(verb.toArray(String[]::new), discard, discard, env);
    }
  }

  /**
   * The command lines of the training run, in order; {@code work} holds {@code key.pem} and {@code
   * pub.pem}.
   */
  static List<List<String>> commandLines(Path script, Path work) {
    String store = work.resolve("blobs").toString();
    String plan = work.resolve("training.plan").toString();
    String key = work.resolve("key.pem").toString();
    String pub = work.resolve("pub.pem").toString();
    return List.of(
        List.of("--help"),
        List.of("compile", script.toString(), "--store", store, "-o", plan),
        List.of("validate", plan, "--store", store),
        List.of("inspect", plan, "--store", store),
        List.of("inspect", "--json", plan, "--store", store),
        List.of("explain", plan, "hello", "log", "--store", store),
        List.of("sign", "--key", key, plan),
        List.of("verify", "--key", pub, plan),
        List.of("blob", "ls", "--store", store),
        List.of("audit", "tail", "--store", store),
        List.of("validate", work.resolve("missing.plan").toString(), "--store", store));
  }

  // An Ed25519 key pair for `sign` and `verify`, as PEM files.
  private static void pem(Path privateKey, Path publicKey)
      throws IOException, GeneralSecurityException {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    Files.writeString(
        privateKey,
        "-----BEGIN PRIVATE KEY-----\n"
            + base64.encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    Files.writeString(
        publicKey,
        "-----BEGIN PUBLIC KEY-----\n"
            + base64.encodeToString(pair.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
  }
}
