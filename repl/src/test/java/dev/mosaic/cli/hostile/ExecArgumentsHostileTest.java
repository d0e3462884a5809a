package dev.mosaic.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments of `mosaic exec --call` that try to make the host read or hold too much. */
class ExecArgumentsHostileTest {
  @TempDir Path dir;

  record Outcome(int exit, String out, String err) {}

  Outcome mosaic(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exit, out.toString(), err.toString());
  }

  @Test
  void aDeviceAsArgumentFileIsRefusedWithoutReadingIt() throws Exception {
    Files.copy(
        Path.of("src", "test", "resources", "guests", "text.wasm"), dir.resolve("text.wasm"));
    Path script = dir.resolve("text.mosaic");
    Files.writeString(script, "component text from \"text.wasm\"\nexport text.size\n");
    Path plan = dir.resolve("text.cbor");
    String store = dir.resolve("store").toString();
    assertThat(mosaic("compile", script.toString(), "-o", plan.toString(), "--store", store).exit())
        .isZero();
    Outcome o =
        mosaic("exec", plan.toString(), "--call", "text.size", "@/dev/zero", "--store", store);
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err()).startsWith("error[E0012]: ").contains("`/dev/zero`");
    assertThat(o.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
