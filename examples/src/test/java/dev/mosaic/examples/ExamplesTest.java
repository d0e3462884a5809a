package dev.mosaic.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.cli.Main;
import dev.mosaic.host.audit.AuditLogVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every example as a user would and compares what it prints with its {@code expected.txt}:
 * script examples ({@code examples/NAME/NAME.mosaic}) through the {@code mosaic run} command line,
 * in process, with the exit code from {@code expected-exit} (0 when absent); Java examples (the
 * multi-tenant host and the standalone embedding project) compiled with javac against this module's
 * class path and run.
 */
class ExamplesTest {
  /** The examples directory: this module's base directory. */
  static final Path EXAMPLES = Path.of("").toAbsolutePath();

  @TempDir Path work;

  /**
   * Builds the examples written in C and AssemblyScript from source with the real toolchains
   * (build-guests.sh), as CI does; a missing toolchain fails here, saying what to install.
   */
  @BeforeAll
  static void buildGuestsFromSource() throws Exception {
    Process p =
        new ProcessBuilder(EXAMPLES.resolve("build-guests.sh").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor())
        .as("examples/build-guests.sh builds the C and AssemblyScript examples:%n%s", output)
        .isZero();
  }

  record Outcome(int exit, String out, String err) {}

  static Outcome cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exit, out.toString(), err.toString());
  }

  static List<Path> scriptExamples() throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      for (Path dir : dirs.sorted().toList()) {
        Path script = dir.resolve(dir.getFileName() + ".mosaic");
        if (!Files.isRegularFile(script)) {
          // An example of composition may call its script compose.mosaic (examples/components).
          script = dir.resolve("compose.mosaic");
        }
        if (Files.isRegularFile(script) && !Files.exists(dir.resolve("needs-token"))) {
          found.add(script);
        }
      }
    }
    return found;
  }

  /**
   * Runs the mosaic commands of {@code dir/prepare}, one a line, against the example's store;
   * arguments naming files of the example resolve in its directory.
   */
  private void prepare(Path dir, Path home) throws IOException {
    Path prepare = dir.resolve("prepare");
    if (!Files.exists(prepare)) {
      return;
    }
    for (String line : Files.readAllLines(prepare)) {
      if (line.isBlank()) {
        continue;
      }
      List<String> args = new ArrayList<>();
      for (String word : line.trim().split("\\s+")) {
        args.add(Files.exists(dir.resolve(word)) ? dir.resolve(word).toString() : word);
      }
      args.add("--store");
      args.add(home.resolve("blobs").toString());
      Outcome o = cli(args.toArray(String[]::new));
      assertThat(o.exit()).as("prepare `%s` of %s: %s", line, dir, o.err()).isZero();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyScriptExamplePrintsWhatItsExpectedFileSays() throws IOException {
    List<Path> scripts = scriptExamples();
    assertThat(scripts)
        .extracting(p -> p.getFileName().toString())
        .contains(
            "hello.mosaic",
            "compose.mosaic",
            "denied.mosaic",
            "runaway.mosaic",
            "signed.mosaic",
            "c-plugin.mosaic",
            "c-command.mosaic",
            "as-plugin.mosaic");
    assertThat(scripts).contains(EXAMPLES.resolve("components").resolve("compose.mosaic"));
    return scripts.stream()
        .map(
            script ->
                DynamicTest.dynamicTest(
                    script.getFileName().toString(),
                    () -> {
                      Path dir = script.getParent();
                      Path home = work.resolve(dir.getFileName().toString());
                      prepare(dir, home);
                      Outcome o =
                          cli(
                              "run",
                              script.toString(),
                              "--store",
                              home.resolve("blobs").toString(),
                              "--audit-dir",
                              home.resolve("audit").toString());
                      String expected = Files.readString(dir.resolve("expected.txt"));
                      Path exitFile = dir.resolve("expected-exit");
                      int expectedExit =
                          Files.exists(exitFile)
                              ? Integer.parseInt(Files.readString(exitFile).strip())
                              : 0;
                      assertThat(o.out()).as("stdout of %s", script).isEqualTo(expected);
                      assertThat(o.exit())
                          .as("exit of %s; stderr: %s", script, o.err())
                          .isEqualTo(expectedExit);
                      try (Stream<Path> logs = Files.list(home.resolve("audit"))) {
                        for (Path tenant : logs.toList()) {
                          assertThat(AuditLogVerifier.verify(tenant.resolve("audit.jsonl")).valid())
                              .isTrue();
                        }
                      }
                    }));
  }

  @Test
  void theComposedComponentsAnswerExecCallWithAWaveArgument() {
    String store = work.resolve("blobs").toString();
    String plan = work.resolve("components.plan").toString();
    Outcome compiled =
        cli(
            "compile",
            EXAMPLES.resolve("components/compose.mosaic").toString(),
            "-o",
            plan,
            "--store",
            store);
    assertThat(compiled.exit()).as(compiled.err()).isZero();
    Outcome call =
        cli(
            "exec",
            plan,
            "--call",
            "app.run",
            "\"Ada \\u{1f600}\"",
            "--store",
            store,
            "--audit-dir",
            work.resolve("audit").toString());
    assertThat(call.exit()).as(call.err()).isZero();
    assertThat(call.out()).isEqualTo("\"hello, Ada \uD83D\uDE00: 5 10\"\n");
  }

  @Test
  void runawayGuestIsStoppedWithE9002AndTheFailureIsAudited() throws IOException {
    Outcome o =
        cli(
            "run",
            EXAMPLES.resolve("runaway/runaway.mosaic").toString(),
            "--store",
            work.resolve("blobs").toString(),
            "--audit-dir",
            work.resolve("audit").toString());
    assertThat(o.exit()).isEqualTo(70);
    assertThat(o.err())
        .startsWith("error[E9002]: call `runaway.spin` ran past its limit of 300 ms");
    assertThat(Files.readString(work.resolve("audit/sandbox/audit.jsonl")))
        .contains("\"code\":\"E9002\"");
  }

  @Test
  void deniedReadIsAuditedWithItsKeyAndTheTailShowsIt() {
    String store = work.resolve("blobs").toString();
    String audit = work.resolve("audit").toString();
    Outcome run =
        cli(
            "run",
            EXAMPLES.resolve("denied/denied.mosaic").toString(),
            "--store",
            store,
            "--audit-dir",
            audit);
    assertThat(run.exit()).isZero();
    Outcome tail = cli("audit", "tail", "--tenant", "plugins", "-n", "1", "--audit-dir", audit);
    assertThat(tail.exit()).isZero();
    assertThat(tail.out())
        .contains("\"event_type\":\"capability\"")
        .contains("\"parameter\":\"private/token\"")
        .contains("\"result\":\"denied\"");
    assertThat(tail.out().lines()).hasSize(1);
  }

  @Test
  void planWithAnUngrantedCapabilityIsDeniedBeforeAnyGuestRuns() throws IOException {
    Path script = work.resolve("ungranted.mosaic");
    Files.copy(EXAMPLES.resolve("denied/plugin.wasm"), work.resolve("plugin.wasm"));
    Files.writeString(
        script,
        Files.readString(EXAMPLES.resolve("denied/denied.mosaic"))
            .replace("allow plugin kv \"public/*\"", "allow plugin log"));
    Outcome o = cli("run", script.toString(), "--store", work.resolve("blobs").toString());
    assertThat(o.exit()).isEqualTo(77);
    assertThat(o.out()).isEmpty();
    assertThat(o.err()).contains("error[E7001]").contains("capability `kv`");
  }

  @Test
  void secretAndHmacComeFromATokenAndTheKeyStaysInIt() throws Exception {
    String conf = System.getenv("SOFTHSM2_CONF");
    assertThat(conf).as("SOFTHSM2_CONF is set by the examples pom").isNotBlank();
    Path tokens = Path.of(conf).getParent().resolve("tokens");
    Files.createDirectories(tokens);
    Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\n");
    String label = "example-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    String module = "/usr/lib/softhsm/libsofthsm2.so";
    tool(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        label,
        "--so-pin",
        "12345678",
        "--pin",
        "1234");
    Files.writeString(work.resolve("api-key.bin"), "sk-example-0123456789");
    tool(
        "pkcs11-tool",
        "--module",
        module,
        "--token-label",
        label,
        "--login",
        "--pin",
        "1234",
        "--write-object",
        work.resolve("api-key.bin").toString(),
        "--type",
        "data",
        "--label",
        "api-key");
    tool(
        "pkcs11-tool",
        "--module",
        module,
        "--token-label",
        label,
        "--login",
        "--pin",
        "1234",
        "--keygen",
        "--key-type",
        "GENERIC:32",
        "--label",
        "hmac-key",
        "--sensitive");
    Files.writeString(work.resolve("msg"), "hello, mosaic");
    tool(
        "pkcs11-tool",
        "--module",
        module,
        "--token-label",
        label,
        "--login",
        "--pin",
        "1234",
        "--sign",
        "--mechanism",
        "SHA256-HMAC",
        "--label",
        "hmac-key",
        "-i",
        work.resolve("msg").toString(),
        "-o",
        work.resolve("mac").toString());
    String mac = HexFormat.of().formatHex(Files.readAllBytes(work.resolve("mac")));
    assertThat(mac).hasSize(64);

    Files.writeString(work.resolve("pin.txt"), "1234");
    Files.setPosixFilePermissions(
        work.resolve("pin.txt"), PosixFilePermissions.fromString("rw-------"));
    Path properties = work.resolve("token.properties");
    Files.writeString(
        properties,
        Files.readString(EXAMPLES.resolve("token/token.properties.example"))
            .replace("token-label=mosaic", "token-label=" + label)
            .replace("pin=file:pin.txt", "pin=file:" + work.resolve("pin.txt")));
    Outcome o =
        cli(
            "run",
            EXAMPLES.resolve("token/token.mosaic").toString(),
            "--store",
            work.resolve("blobs").toString(),
            "--audit-dir",
            work.resolve("audit").toString(),
            "--secrets",
            "pkcs11:" + properties);
    assertThat(o.err()).isEmpty();
    assertThat(o.exit()).isZero();
    assertThat(o.out())
        .isEqualTo(
            Files.readString(EXAMPLES.resolve("token/expected.txt"))
                .replace("HMAC-FROM-PKCS11-TOOL", mac));
    String audit = Files.readString(work.resolve("audit/vault/audit.jsonl"));
    assertThat(audit).contains("\"secret_id\":\"hmac-key\"").contains("\"secret_id\":\"api-key\"");
    assertThat(audit).doesNotContain("sk-example").doesNotContain(mac);
  }

  private void tool(String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
  }

  @Test
  void multiTenantHostKeepsTenantsApart() throws Exception {
    Path dir = EXAMPLES.resolve("multitenant");
    String out =
        runJava(
            List.of(dir.resolve("MultiTenant.java")),
            "MultiTenant",
            work.resolve("run").toString(),
            dir.toString());
    assertThat(out).isEqualTo(Files.readString(dir.resolve("expected.txt")));
  }

  @Test
  void embeddingProjectCompilesAndPrintsWhatItsReadmeSays() throws Exception {
    Path project = EXAMPLES.resolve("embedding");
    List<Path> sources;
    try (Stream<Path> files = Files.walk(project.resolve("src/main/java"))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    String out =
        runJava(
            sources,
            "com.example.embedding.EmbeddingExample",
            EXAMPLES.toString(),
            work.resolve("run").toString());
    assertThat(out).isEqualTo(Files.readString(project.resolve("expected.txt")));
  }

  /** Compiles sources against this test's class path and runs {@code main}, returning stdout. */
  private String runJava(List<Path> sources, String mainClass, String... args) throws Exception {
    Path classes = work.resolve("classes-" + mainClass);
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> options = new ArrayList<>();
    options.addAll(
        List.of(
            "-d",
            classes.toString(),
            "-classpath",
            System.getProperty("java.class.path"),
            "-proc:none",
            "-Xlint:all,-path",
            "-Werror"));
    sources.forEach(s -> options.add(s.toString()));
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status = javac.run(null, diagnostics, diagnostics, options.toArray(String[]::new));
    assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ExamplesTest.class.getClassLoader())) {
      Method main = loader.loadClass(mainClass).getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) args);
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
