package dev.mosaic.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mosaic.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file the command line reads, given as a device, a FIFO, a file outside the script's
 * directory, a load bomb or bytes that are not UTF-8: a coded error and exit 65, promptly, no stack
 * trace, nothing of the file shown.
 */
class HostileInputFilesTest {
  static final Path EXAMPLE = Path.of("..", "examples", "hello");
  static final Duration PROMPTLY = Duration.ofSeconds(60);

  @TempDir Path dir;
  Path store;
  String hello;

  @BeforeEach
  void copyExample() throws Exception {
    store = dir.resolve("store");
    Files.copy(EXAMPLE.resolve("hello.wasm"), dir.resolve("hello.wasm"));
    hello = Files.readString(EXAMPLE.resolve("hello.mosaic"));
  }

  record Outcome(int exit, String out, String err) {}

  Outcome mosaic(String... args) {
    return assertTimeoutPreemptively(
        PROMPTLY,
        () -> {
          StringWriter out = new StringWriter();
          StringWriter err = new StringWriter();
          int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
          return new Outcome(exit, out.toString(), err.toString());
        });
  }

  Path script(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  static void assertRejected(Outcome o, String code) {
    assertThat(o.err()).startsWith("error[" + code + "]: ");
    assertThat(o.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(o.exit()).isEqualTo(65);
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

  @Test
  void devZeroIsRefusedWhereverAFileIsRead() throws Exception {
    String s = store.toString();
    Path module = script("module.mosaic", "mosaic 1\ncomponent z from \"/dev/zero\"\n");
    assertRejected(
        mosaic("compile", "--allow-path", "/dev", "--store", s, module.toString()), "E0012");
    Path key =
        script("key.mosaic", "mosaic 1\ncomponent h from \"hello.wasm\" signed by \"/dev/zero\"\n");
    assertRejected(
        mosaic("compile", "--allow-path", "/dev", "--store", s, key.toString()), "E0012");
    assertRejected(mosaic("run", "--store", s, "/dev/zero"), "E0012");
    assertRejected(mosaic("compile", "--store", s, "/dev/zero"), "E0012");
    assertRejected(mosaic("validate", "--store", s, "/dev/zero"), "E0012");
    assertRejected(mosaic("inspect", "--store", s, "/dev/zero"), "E0012");
    assertRejected(mosaic("blob", "add", "/dev/zero", "--tenant", "demo", "--store", s), "E0012");
    Path plan = dir.resolve("hello.cbor");
    Path hello = script("hello.mosaic", this.hello);
    assertThat(mosaic("compile", "--store", s, "-o", plan.toString(), hello.toString()).exit())
        .isZero();
    assertRejected(
        mosaic("verify", plan.toString(), "--sig", "/dev/zero", "--key", "/dev/zero"), "E0012");
    assertRejected(
        mosaic("run", "--store", s, "--trust-anchor", "/dev/zero", hello.toString()), "E0012");
    assertThat(mosaic("@/dev/zero").exit())
        .as("an @ argument is no file of arguments")
        .isEqualTo(64);
    // Without --allow-path, /dev is outside the script's directory.
    Path load = script("load.mosaic", "mosaic 1\nload \"/dev/zero\"\n");
    assertRejected(mosaic("compile", "--store", s, load.toString()), "E2027");
  }

  @Test
  void aFifoNeverBlocks() throws Exception {
    Path fifo = dir.resolve("pipe.mosaic");
    mkfifo(fifo);
    String s = store.toString();
    assertRejected(mosaic("run", "--store", s, fifo.toString()), "E0012");
    assertRejected(mosaic("validate", "--store", s, fifo.toString()), "E0012");
    assertRejected(
        mosaic("blob", "add", fifo.toString(), "--tenant", "demo", "--store", s), "E0012");
    assertThat(mosaic("@" + fifo).exit()).as("an @ argument is no file of arguments").isEqualTo(64);
    Path main = script("main.mosaic", "mosaic 1\nload \"pipe.mosaic\"\n");
    Outcome o = mosaic("compile", "--store", s, main.toString());
    assertRejected(o, "E0012");
    assertThat(o.err()).contains("a FIFO");
  }

  @Test
  void anAtArgumentIsNeverAFileOfMoreArguments() throws Exception {
    Path args = script("args.txt", "run\n'" + script("hello.mosaic", this.hello) + "'\n");
    Outcome o = mosaic("@" + args);
    assertThat(o.exit()).isEqualTo(64);
    assertThat(o.out()).doesNotContain("hello, world");
  }

  @Test
  void aLoadBombCompilesEachFileOnce() throws Exception {
    String padding = "// " + "padding ".repeat(30) + "\n";
    for (int i = 0; i < 15; i++) {
      script("f" + i + ".mosaic", padding + ("load \"f" + (i + 1) + ".mosaic\"\n").repeat(10));
    }
    script("f15.mosaic", hello.replace("mosaic 1\n", ""));
    Outcome o = mosaic("run", "--store", store.toString(), dir.resolve("f0.mosaic").toString());
    assertThat(o.err()).isEmpty();
    assertThat(o.out()).isEqualTo("[hello] hello, world\n42\n");
    assertThat(o.exit()).isZero();
  }

  @Test
  void loadReadsOnlyScriptsInsideTheScriptsDirectoryAndShowsNothingElse() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "TOPSECRET: hunter2\n");
    Path main =
        script(
            "app/main.mosaic", "mosaic 1\nload \"/etc/passwd\"\nload \"../outside/secret.txt\"\n");
    Outcome o = mosaic("compile", "--store", store.toString(), main.toString());
    assertRejected(o, "E2027");
    assertThat(o.err()).contains("main.mosaic:2:1").contains("main.mosaic:3:1");
    assertThat(o.err()).doesNotContain("root:").doesNotContain("TOPSECRET");

    Path notes = script("app/notes.mosaic.txt", "TOPSECRET: hunter2\n");
    Path other = script("app/other.mosaic", "mosaic 1\nload \"" + notes.getFileName() + "\"\n");
    o = mosaic("compile", "--store", store.toString(), other.toString());
    assertRejected(o, "E2027");
    assertThat(o.err()).contains("not a `.mosaic` file").doesNotContain("TOPSECRET");
  }

  @Test
  void allowPathLetsAScriptUseAnotherDirectory() throws Exception {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Files.move(dir.resolve("hello.wasm"), shared.resolve("hello.wasm"));
    Path main =
        script(
            "app/hello.mosaic",
            hello.replace("\"hello.wasm\"", "\"" + shared.resolve("hello.wasm") + "\""));
    assertRejected(mosaic("run", "--store", store.toString(), main.toString()), "E2027");
    Outcome o =
        mosaic(
            "run", "--store", store.toString(), "--allow-path", shared.toString(), main.toString());
    assertThat(o.err()).isEmpty();
    assertThat(o.exit()).isZero();
  }

  @Test
  void aBinaryScriptIsE1005AtItsFirstBadByte() throws Exception {
    Path binary = dir.resolve("binary.mosaic");
    byte[] head = "mosaic 1\nlet x = 1\n  ".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + 4];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xff;
    bytes[head.length + 1] = 0;
    Files.write(binary, bytes);
    Outcome o = mosaic("run", "--store", store.toString(), binary.toString());
    assertRejected(o, "E1005");
    assertThat(o.err()).contains(binary + ":3:3: ").contains("0xff").doesNotContain("Input length");
  }

  @Test
  void aByteOrderMarkIsAccepted() throws Exception {
    Path p = dir.resolve("bom.mosaic");
    Files.writeString(p, "\uFEFF" + hello);
    Outcome o = mosaic("run", "--store", store.toString(), p.toString());
    assertThat(o.err()).isEmpty();
    assertThat(o.out()).isEqualTo("[hello] hello, world\n42\n");
  }
}
