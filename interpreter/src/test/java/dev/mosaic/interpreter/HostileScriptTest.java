package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mosaic.interpreter.compiler.Compiler;
import dev.mosaic.interpreter.compiler.Loader;
import dev.mosaic.interpreter.diag.Suggest;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.store.BlobStore;
import dev.mosaic.plan.store.MemoryBlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts as hostile input, through the embedding API: devices, FIFOs, load bombs, huge names,
 * paths outside the script's directory, bytes that are not UTF-8. Each must end in coded
 * diagnostics, promptly, without reading what it should not or showing what it read.
 */
public class HostileScriptTest {
  public static final Path HELLO_WASM =
      Path.of("src", "test", "resources", "fixtures", "hello.wasm");
  static final Duration PROMPTLY = Duration.ofSeconds(60);

  @TempDir Path dir;
  Path app;
  Mosaic mosaic;

  @BeforeEach
  void setUp() throws IOException {
    app = Files.createDirectories(dir.resolve("app"));
    Files.copy(HELLO_WASM, app.resolve("hello.wasm"));
    mosaic = builder().build();
  }

  @AfterEach
  void close() {
    mosaic.close();
  }

  Mosaic.Builder builder() {
    return Mosaic.builder().store(dir.resolve("blobs")).output(l -> {}).guestLog(l -> {});
  }

  Path write(String name, String text) throws IOException {
    Path p = app.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  static List<String> codes(CompileResult r) {
    return r.diagnostics().stream().map(Diagnostic::code).toList();
  }

  static CompileResult compile(Mosaic m, Path script) {
    return assertTimeoutPreemptively(PROMPTLY, () -> m.compile(script));
  }

  static void mkfifo(Path p) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    } catch (IOException e) {
      Assumptions.abort("mkfifo is not installed: " + e.getMessage());
      return;
    }
    assertThat(process.waitFor()).isZero();
  }

  // Item 1: devices and FIFOs are refused from their attributes, never read or opened.

  @Test
  void devZeroAsComponentKeyOrScriptIsRefusedNotRead() throws Exception {
    try (Mosaic wide = builder().allowPath(Path.of("/dev")).build()) {
      Path module = write("module.mosaic", "mosaic 1\ncomponent z from \"/dev/zero\"\n");
      CompileResult r = compile(wide, module);
      assertThat(codes(r)).containsExactly("E0012");
      assertThat(r.diagnostics().getFirst().message()).contains("character device");
      assertThat(r.diagnostics().getFirst().location().line()).isEqualTo(2);

      Path key =
          write(
              "key.mosaic", "mosaic 1\ncomponent h from \"hello.wasm\" signed by \"/dev/zero\"\n");
      assertThat(codes(compile(wide, key))).containsExactly("E0012");

      assertThatThrownBy(
              () -> assertTimeoutPreemptively(PROMPTLY, () -> wide.run(Path.of("/dev/zero"))))
          .isInstanceOfSatisfying(
              MosaicException.class, e -> assertThat(e.code()).isEqualTo("E0012"));
    }
    // Without the host's permission, /dev is outside the script's directory.
    Path load = write("load.mosaic", "mosaic 1\nload \"/dev/zero\"\n");
    assertThat(codes(compile(mosaic, load))).containsExactly("E2027");
  }

  @Test
  void fifosAreRefusedWithoutBlocking() throws Exception {
    mkfifo(app.resolve("pipe.mosaic"));
    mkfifo(app.resolve("pipe.wasm"));
    mkfifo(app.resolve("pipe.pub"));
    CompileResult loads = compile(mosaic, write("load.mosaic", "mosaic 1\nload \"pipe.mosaic\"\n"));
    Path script =
        write(
            "main.mosaic",
            "mosaic 1\n"
                + "component a from \"pipe.wasm\"\n"
                + "component b from \"hello.wasm\" signed by \"pipe.pub\"\n");
    CompileResult r = compile(mosaic, script);
    assertThat(codes(loads)).containsExactly("E0012");
    assertThat(codes(r)).containsExactly("E0012", "E0012");
    assertThat(loads.diagnostics().getFirst().message()).contains("a FIFO");
    assertThat(r.diagnostics()).allSatisfy(d -> assertThat(d.message()).contains("a FIFO"));
    assertThatThrownBy(
            () -> assertTimeoutPreemptively(PROMPTLY, () -> mosaic.run(app.resolve("pipe.mosaic"))))
        .isInstanceOfSatisfying(
            MosaicException.class, e -> assertThat(e.code()).isEqualTo("E0012"));
  }

  @Test
  void aDirectoryIsNotAFile() throws Exception {
    Files.createDirectories(app.resolve("sub.mosaic"));
    Files.createDirectories(app.resolve("sub.wasm"));
    CompileResult r = compile(mosaic, write("load.mosaic", "mosaic 1\nload \"sub.mosaic\"\n"));
    assertThat(codes(r)).containsExactly("E0012");
    assertThat(r.diagnostics().getFirst().message()).contains("a directory");
    r = compile(mosaic, write("module.mosaic", "mosaic 1\ncomponent a from \"sub.wasm\"\n"));
    assertThat(codes(r)).containsExactly("E0012");
  }

  // Item 2: each file is included once; loads share a budget.

  static final String PADDING = "// " + "padding ".repeat(30) + "\n";

  @Test
  void aLoadBombIsIncludedOncePerFile() throws Exception {
    // 16 files of about 300 bytes, each loading the next ten times: 10^15 loads unguarded.
    for (int i = 0; i < 15; i++) {
      write("f" + i + ".mosaic", PADDING + ("load \"f" + (i + 1) + ".mosaic\"\n").repeat(10));
    }
    write(
        "f15.mosaic",
        PADDING
            + "tenant \"demo\"\ncomponent hello from \"hello.wasm\"\n"
            + "policy {\n  allow hello log\n}\nexport hello.greet\nlet answer = 42\n");
    CompileResult r = compile(mosaic, app.resolve("f0.mosaic"));
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.plan().components()).hasSize(1);
    assertThat(r.sources()).hasSize(16);
  }

  @Test
  void loadingAFileAgainOrACopyOfItDoesNothing() throws Exception {
    String common = "component hello from \"hello.wasm\"\n";
    write("common.mosaic", common);
    write("copy.mosaic", common);
    write("parts/more.mosaic", "load \"../common.mosaic\"\n");
    Path main =
        write(
            "main.mosaic",
            "mosaic 1\ntenant \"demo\"\n"
                + "load \"common.mosaic\"\nload \"common.mosaic\"\nload \"./common.mosaic\"\n"
                + "load \"copy.mosaic\"\nload \"parts/more.mosaic\"\n"
                + "policy {\n  allow hello log\n}\nexport hello.greet\n");
    CompileResult r = compile(mosaic, main);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.plan().components()).hasSize(1);
  }

  @Test
  void tooManyLoadedFilesStopWithACode() throws Exception {
    StringBuilder main = new StringBuilder("mosaic 1\n");
    for (int i = 0; i < Loader.MAX_FILES + 10; i++) {
      write("many/m" + i + ".mosaic", "// file " + i + "\n");
      main.append("load \"many/m").append(i).append(".mosaic\"\n");
    }
    CompileResult r = compile(mosaic, write("main.mosaic", main.toString()));
    assertThat(codes(r)).containsExactly("E2028");
    assertThat(r.diagnostics().getFirst().message()).contains("more than 256 files");
    assertThat(r.diagnostics().getFirst().location().line()).isEqualTo(Loader.MAX_FILES + 2);
  }

  @Test
  void aModuleDeclaredManyTimesIsReadOnce() throws Exception {
    MemoryBlobStore store = new MemoryBlobStore();
    String digest = store.put("demo", Files.readAllBytes(HELLO_WASM));
    int[] reads = {0};
    BlobStore counting =
        new BlobStore() {
          @Override
          public String put(String tenant, byte[] bytes) {
            return store.put(tenant, bytes);
          }

          @Override
          public java.util.Optional<byte[]> get(String tenant, String d) {
            reads[0]++;
            return store.get(tenant, d);
          }

          @Override
          public boolean contains(String tenant, String d) {
            return store.contains(tenant, d);
          }

          @Override
          public List<String> list(String tenant) {
            return store.list(tenant);
          }
        };
    StringBuilder script = new StringBuilder("mosaic 1\ntenant \"demo\"\n");
    for (int i = 0; i < 200; i++) {
      script.append("component c").append(i).append(" from ").append(digest).append('\n');
    }
    new Compiler(counting).compile("many.mosaic", script.toString(), app);
    assertThat(reads[0]).isEqualTo(1);
  }

  // Item 3: suggestions are bounded; huge names are never echoed whole.

  @Test
  void aHugeNameGetsNoSuggestionAndIsShortenedInMessages() throws Exception {
    String name = "n".repeat(40_000);
    String nearMiss = name.substring(1) + "m";
    Path script = write("names.mosaic", "mosaic 1\nlet " + name + " = 1\nprint " + nearMiss + "\n");
    CompileResult r = compile(mosaic, script);
    assertThat(codes(r)).containsExactly("E2007");
    Diagnostic d = r.diagnostics().getFirst();
    assertThat(d.message()).contains("…` (40000 characters)").hasSizeLessThan(200);
    assertThat(d.help() == null ? "" : d.help()).hasSizeLessThan(200);
  }

  @Test
  void suggestionsOfOneCompilationShareABudget() throws Exception {
    // 1,000 names and 5,000 near misses: unbounded, 5 million distance computations.
    Random random = new Random(3);
    StringBuilder script = new StringBuilder("mosaic 1\n");
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String n = "v" + Integer.toString(random.nextInt(1 << 30), 36) + "x" + i;
      names.add(n);
      script.append("let ").append(n).append(" = 1\n");
    }
    for (int i = 0; i < 5_000; i++) {
      script.append("print ").append(names.get(random.nextInt(names.size()))).append("q\n");
    }
    CompileResult r = compile(mosaic, write("many.mosaic", script.toString()));
    assertThat(codes(r)).hasSize(5_000).containsOnly("E2007");
    assertThat(r.diagnostics().getFirst().help()).startsWith("did you mean");
    assertThat(r.diagnostics().getLast().help()).isNull();
  }

  @Test
  void bandedDistanceAgreesWithTheFullOne() {
    Random random = new Random(17);
    for (int i = 0; i < 20_000; i++) {
      String a = randomWord(random);
      String b = random.nextBoolean() ? mutate(a, random) : randomWord(random);
      int full = fullDistance(a, b);
      int limit = random.nextInt(10);
      assertThat(Suggest.distance(a, b, limit))
          .as("%s %s limit %d", a, b, limit)
          .isEqualTo(Math.min(full, limit + 1));
    }
  }

  static String randomWord(Random r) {
    StringBuilder s = new StringBuilder();
    int n = r.nextInt(14);
    for (int i = 0; i < n; i++) {
      s.append((char) ('a' + r.nextInt(4)));
    }
    return s.toString();
  }

  static String mutate(String a, Random r) {
    StringBuilder s = new StringBuilder(a);
    for (int k = r.nextInt(4); k > 0; k--) {
      int at = s.isEmpty() ? 0 : r.nextInt(s.length());
      switch (r.nextInt(4)) {
        case 0 -> s.insert(at, (char) ('a' + r.nextInt(4)));
        case 1 -> {
          if (!s.isEmpty()) {
            s.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (!s.isEmpty()) {
            s.setCharAt(at, (char) ('a' + r.nextInt(4)));
          }
        }
        default -> {
          if (at + 1 < s.length()) {
            char c = s.charAt(at);
            s.setCharAt(at, s.charAt(at + 1));
            s.setCharAt(at + 1, c);
          }
        }
      }
    }
    return s.toString();
  }

  /** Optimal string alignment distance, the textbook way. */
  static int fullDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  // Item 4: files a script names stay inside its directory; other files are never shown.

  @Test
  void absolutePathsAndEscapesAreRefusedAndNothingIsShown() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "TOPSECRET: hunter2\n");
    Files.writeString(outside.resolve("secret.mosaic"), "TOPSECRET: hunter2\n");
    Files.copy(HELLO_WASM, outside.resolve("hello.wasm"));
    Files.createSymbolicLink(app.resolve("link.mosaic"), outside.resolve("secret.mosaic"));
    Files.createSymbolicLink(app.resolve("link.wasm"), outside.resolve("hello.wasm"));
    Path loads =
        write(
            "loads.mosaic",
            "mosaic 1\n"
                + "load \"/etc/passwd\"\n"
                + "load \"../outside/secret.txt\"\n"
                + "load \"../outside/secret.mosaic\"\n"
                + "load \"link.mosaic\"\n");
    CompileResult r = compile(mosaic, loads);
    assertThat(r.diagnostics())
        .extracting(d -> d.code() + " " + d.location().line())
        .containsExactly("E2027 2", "E2027 3", "E2027 4", "E2027 5");
    assertThat(r.diagnostics().getFirst().message()).contains("absolute path");
    assertThat(r.diagnostics().get(3).message()).contains("symbolic link");
    assertThat(r.render()).doesNotContain("TOPSECRET").doesNotContain("root:");
    Path modules =
        write(
            "modules.mosaic",
            "mosaic 1\n"
                + "component a from \"../outside/hello.wasm\"\n"
                + "component b from \"link.wasm\"\n"
                + "component c from \"hello.wasm\" signed by \"../outside/secret.txt\"\n"
                + "component d from \"hello.wasm\" signed by \"/etc/passwd\"\n");
    r = compile(mosaic, modules);
    assertThat(r.diagnostics())
        .extracting(d -> d.code() + " " + d.location().line())
        .containsExactly("E2027 2", "E2027 3", "E2027 4", "E2027 5");
    assertThat(r.render()).doesNotContain("TOPSECRET").doesNotContain("root:");
  }

  @Test
  void onlyMosaicScriptsAreLoadedSoOtherFilesAreNeverShown() throws Exception {
    write("notes.txt", "TOPSECRET: hunter2\n");
    write(".env", "TOKEN=TOPSECRET\n");
    Path script = write("main.mosaic", "mosaic 1\nload \"notes.txt\"\nload \".env\"\n");
    CompileResult r = compile(mosaic, script);
    assertThat(codes(r)).containsExactly("E2027", "E2027");
    assertThat(r.diagnostics().getFirst().message()).contains("not a `.mosaic` file");
    assertThat(r.render()).doesNotContain("TOPSECRET");
    assertThat(r.sources()).containsOnlyKeys(script.toString());
  }

  @Test
  void theHostCanAllowAnotherDirectory() throws Exception {
    Path library = Files.createDirectories(dir.resolve("library"));
    Files.copy(HELLO_WASM, library.resolve("hello.wasm"));
    Files.writeString(library.resolve("policy.mosaic"), "policy {\n  allow hello log\n}\n");
    Path script =
        write(
            "main.mosaic",
            "mosaic 1\ntenant \"demo\"\ncomponent hello from \"../library/hello.wasm\"\n"
                + "load \""
                + library.resolve("policy.mosaic")
                + "\"\nexport hello.greet\n");
    assertThat(codes(compile(mosaic, script))).containsExactly("E2027");
    try (Mosaic wide = builder().allowPath(library).build()) {
      CompileResult r = compile(wide, script);
      assertThat(r.diagnostics()).isEmpty();
      assertThat(r.plan().components()).hasSize(1);
    }
  }

  // Item 8: bytes that are not UTF-8 are E1005 at their position; a byte order mark is fine.

  @Test
  void invalidUtf8IsE1005AtTheFirstBadByte() throws Exception {
    Path script = app.resolve("bad.mosaic");
    Files.write(
        script,
        concat(
            "mosaic 1\n\nlet s = \"caf".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xe9, '"', '\n'}));
    assertThatThrownBy(() -> mosaic.compile(script))
        .isInstanceOfSatisfying(
            MosaicException.class,
            e -> {
              Diagnostic d = e.diagnostics().getFirst();
              assertThat(d.code()).isEqualTo("E1005");
              assertThat(d.location().toString()).isEqualTo(script + ":3:13");
              assertThat(d.message()).contains("not UTF-8").contains("0xe9");
            });
    Path main = write("main.mosaic", "mosaic 1\nload \"bad.mosaic\"\n");
    CompileResult r = compile(mosaic, main);
    assertThat(r.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("E1005");
              assertThat(d.location().line()).isEqualTo(3);
              assertThat(d.location().column()).isEqualTo(13);
            });
    assertThat(r.sources()).hasSize(1);
  }

  @Test
  void aByteOrderMarkIsAccepted() throws Exception {
    Path script = app.resolve("bom.mosaic");
    Files.write(
        script,
        concat(
            new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
            "mosaic 1\nlet answer = 42\nprint answer\n".getBytes(StandardCharsets.UTF_8)));
    CompileResult r = compile(mosaic, script);
    assertThat(codes(r)).doesNotContain("E1001", "E1002");
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
