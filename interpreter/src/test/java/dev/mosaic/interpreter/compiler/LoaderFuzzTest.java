package dev.mosaic.interpreter.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mosaic.interpreter.CompileOptions;
import dev.mosaic.interpreter.CompileResult;
import dev.mosaic.interpreter.FuzzBudget;
import dev.mosaic.interpreter.HostileScriptTest;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.store.MemoryBlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz target for the loader and the files a script names ({@code load}, {@code from}, {@code
 * signed by}): whatever the script, compiling it ends in a result with coded diagnostics, never an
 * exception, never reads a file outside its directory (a secret there never appears in the output),
 * and each input takes less than {@link FuzzBudget#MAX_CPU_MILLIS} of CPU. The script's directory
 * holds what an attacker would point at: files loading each other, symbolic links to {@code
 * /dev/zero}, {@code /etc/passwd} and a directory outside, a FIFO, a directory, a binary file; the
 * dictionary adds device, {@code /proc} and escaping paths. In a normal build it runs the seeds in
 * {@code LoaderFuzzTestInputs/load}.
 */
class LoaderFuzzTest {
  private static final Path ROOT = setUp();
  private static final Path APP = ROOT.resolve("app");

  private static Path setUp() {
    try {
      Path root = Files.createTempDirectory("mosaic-loader-fuzz");
      root.toFile().deleteOnExit();
      Path app = Files.createDirectories(root.resolve("app"));
      Path outside = Files.createDirectories(root.resolve("outside"));
      Files.writeString(outside.resolve("secret.mosaic"), "TOPSECRET\n");
      Files.writeString(app.resolve("secret.txt"), "TOPSECRET\n");
      Files.copy(HostileScriptTest.HELLO_WASM, app.resolve("hello.wasm"));
      Files.writeString(app.resolve("a.mosaic"), "load \"b.mosaic\"\nlet a = 1\n");
      Files.writeString(app.resolve("b.mosaic"), "load \"a.mosaic\"\nload \"sub/c.mosaic\"\n");
      Files.createDirectories(app.resolve("sub"));
      Files.writeString(app.resolve("sub/c.mosaic"), "load \"../a.mosaic\"\nlet c = 2\n");
      Files.writeString(app.resolve("bom.mosaic"), "\uFEFFlet bom = 3\n");
      Files.write(app.resolve("bin.mosaic"), new byte[] {0, (byte) 0xff, (byte) 0xfe, 10, 0});
      Files.createDirectories(app.resolve("dir.mosaic"));
      Files.createSymbolicLink(app.resolve("link-zero.mosaic"), Path.of("/dev/zero"));
      Files.createSymbolicLink(app.resolve("link-passwd.mosaic"), Path.of("/etc/passwd"));
      Files.createSymbolicLink(app.resolve("link-out.mosaic"), outside.resolve("secret.mosaic"));
      Files.createSymbolicLink(app.resolve("link-dir"), outside);
      for (String fifo : new String[] {"fifo.mosaic", "fifo.wasm", "fifo.pub"}) {
        try {
          new ProcessBuilder("mkfifo", app.resolve(fifo).toString()).start().waitFor();
        } catch (IOException e) {
          // Without mkfifo the other files are still fuzzed.
        }
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  @DictionaryEntries({
    "load \"",
    "component x from \"",
    "\" signed by \"",
    ".mosaic",
    ".wasm",
    "../",
    "./",
    "//",
    "/dev/zero",
    "/dev/stdin",
    "/dev/urandom",
    "/dev/null",
    "/proc/self/environ",
    "/proc/self/fd/0",
    "/proc/self/mem",
    "/etc/passwd",
    "/tmp",
    "a.mosaic",
    "sub/c.mosaic",
    "bom.mosaic",
    "bin.mosaic",
    "dir.mosaic",
    "fifo.mosaic",
    "fifo.wasm",
    "fifo.pub",
    "link-zero.mosaic",
    "link-passwd.mosaic",
    "link-out.mosaic",
    "link-dir/secret.mosaic",
    "../outside/secret.mosaic",
    "secret.txt",
    "hello.wasm",
    "sha256:",
    "\u0000",
    "\uFEFF"
  })
  void load(FuzzedDataProvider data) {
    String source = data.consumeRemainingAsString();
    CompileResult result =
        FuzzBudget.within(
            () ->
                new Compiler(new MemoryBlobStore())
                    .compile("fuzz.mosaic", source, APP, CompileOptions.DEFAULT));
    for (Diagnostic d : result.diagnostics()) {
      assertThat(d.code()).matches("E[0-9]{4}").isNotEqualTo("E0001");
    }
    assertThat(result.render()).doesNotContain("TOPSECRET");
    assertThat(result.sources().keySet()).allMatch(name -> name.endsWith(".mosaic"));
  }
}
