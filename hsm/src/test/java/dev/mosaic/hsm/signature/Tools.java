package dev.mosaic.hsm.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real signing tools (openssl, gpg) in a working directory for test vectors. */
public final class Tools {
  private final Path dir;
  private final Map<String, String> env = new HashMap<>();

  public Tools(Path dir) {
    this.dir = dir;
  }

  public Tools env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public Path dir() {
    return dir;
  }

  /** Runs a command; fails the test with its output when it exits non-zero. Returns stdout. */
  public String run(String... command) {
    return runWithInput(null, command);
  }

  /** Runs a command with {@code stdin} as its standard input. */
  public String runWithInput(String stdin, String... command) {
    try {
      Path out = Files.createTempFile(dir, "out", ".txt");
      Path err = Files.createTempFile(dir, "err", ".txt");
      ProcessBuilder pb =
          new ProcessBuilder(List.of(command))
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().putAll(env);
      if (stdin == null) {
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      }
      Process p = pb.start();
      if (stdin != null) {
        try (var in = p.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + String.join(" ", command));
      }
      String stdout = Files.readString(out);
      if (p.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command) + " exited " + p.exitValue() + ":\n" + Files.readString(err));
      }
      Files.delete(out);
      Files.delete(err);
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public byte[] read(String name) {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path write(String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path write(String name, String text) {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }
}
