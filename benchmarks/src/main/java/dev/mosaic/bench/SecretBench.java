package dev.mosaic.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.mosaic.hsm.CredentialSource;
import dev.mosaic.hsm.Secret;
import dev.mosaic.hsm.pkcs11.Pkcs11Config;
import dev.mosaic.hsm.pkcs11.Pkcs11SecretBackend;
import dev.mosaic.hsm.pkcs11.TokenSelector;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Secret reads per second from a SoftHSM2 token through the PKCS#11 backend (find by label, read
 * the value, wipe), with one and two threads sharing one backend and its session pool. Each fork
 * creates its own token in a temp dir with softhsm2-util and pkcs11-tool (Debian packages {@code
 * softhsm2} and {@code opensc}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
      "--enable-native-access=ALL-UNNAMED"
    })
public class SecretBench {
  private static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
  private static final String PIN = "bench-pin-2718";

  private Path dir;
  private Pkcs11SecretBackend backend;

  @Setup(Level.Trial)
  public void createToken() throws Throwable {
    dir = Files.createTempDirectory("mosaic-bench-softhsm-");
    Path conf = dir.resolve("softhsm2.conf");
    Path tokens = Files.createDirectories(dir.resolve("tokens"));
    Files.writeString(
        conf,
        "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    // SoftHSM2 reads SOFTHSM2_CONF from the C environment when the JVM first loads it.
    setenv("SOFTHSM2_CONF", conf.toString());
    run(
        conf,
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        "bench",
        "--so-pin",
        "bench-so-3141",
        "--pin",
        PIN);
    Path value = dir.resolve("value.bin");
    Files.writeString(value, "bench-secret-value-0123456789abcdef");
    run(
        conf,
        "pkcs11-tool",
        "--module",
        LIBRARY,
        "--token-label",
        "bench",
        "--login",
        "--pin",
        PIN,
        "--write-object",
        value.toString(),
        "--type",
        "data",
        "--label",
        "api-key",
        "--private");
    Files.delete(value);
    backend =
        Pkcs11SecretBackend.open(
            Pkcs11Config.of(
                Path.of(LIBRARY),
                TokenSelector.label("bench"),
                CredentialSource.callback("bench", PIN::toCharArray)));
  }

  @TearDown(Level.Trial)
  public void deleteToken() throws IOException {
    backend.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Benchmark
  @Threads(1)
  public int read1Thread() {
    try (Secret secret = backend.read("api-key")) {
      return secret.length();
    }
  }

  @Benchmark
  @Threads(2)
  public int read2Threads() {
    try (Secret secret = backend.read("api-key")) {
      return secret.length();
    }
  }

  private static void run(Path conf, String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SOFTHSM2_CONF", conf.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(command[0] + " failed: " + output);
    }
  }

  @SuppressWarnings("restricted")
  private static void setenv(String name, String value) throws Throwable {
    Linker linker = Linker.nativeLinker();
    MethodHandle setenv =
        linker.downcallHandle(
            linker.defaultLookup().find("setenv").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    try (Arena arena = Arena.ofConfined()) {
      int rc = (int) setenv.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1);
      if (rc != 0) {
        throw new IllegalStateException("setenv failed");
      }
    }
  }
}
