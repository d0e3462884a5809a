package dev.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mosaic inspect} of a component binary shows its world as WIT. */
class InspectComponentTest {
  static final Path APP = Path.of("src", "test", "resources", "guests", "component-app.wasm");
  static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "inspect-component.txt");

  @TempDir Path dir;

  record Outcome(int exit, String out, String err) {}

  static Outcome mosaic(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exit, out.toString(), err.toString());
  }

  @Test
  void showsTheWorldAndEachInterfaceAsWit() throws Exception {
    Outcome o = mosaic("inspect", APP.toString());
    assertThat(o.exit()).as(o.err()).isZero();
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, o.out());
    }
    assertThat(o.out()).isEqualTo(Files.readString(GOLDEN));
    assertThat(o.out())
        .contains("  import mosaic:calc/ops@0.1.0;\n")
        .contains("  export run: func() -> s32;\n")
        .contains("interface mosaic:calc/ops@0.1.0 {\n  add: func(a: s32, b: s32) -> s32;\n");
  }

  @Test
  void jsonHasTheWorldAndTheInterfaces() throws Exception {
    Outcome o = mosaic("inspect", "--json", APP.toString());
    assertThat(o.exit()).as(o.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(o.out());
    assertThat(json.get("digest").asText()).startsWith("sha256:");
    assertThat(json.get("world").asText()).contains("import mosaic:calc/ops@0.1.0;");
    assertThat(json.at("/interfaces/0/name").asText()).isEqualTo("mosaic:calc/ops@0.1.0");
    assertThat(json.at("/interfaces/0/direction").asText()).isEqualTo("import");
  }

  @Test
  void aWitFileShowsItsInterfacesAndWorlds() throws Exception {
    Path wit = dir.resolve("ops.wit");
    Files.writeString(
        wit,
        """
        package mosaic:calc@0.1.0;
        interface ops { add: func(a: s32, b: s32) -> s32; }
        world calc { export ops; }
        """);
    Outcome o = mosaic("inspect", wit.toString());
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(o.out())
        .isEqualTo(
            """
            package mosaic:calc@0.1.0;

            interface ops {
              add: func(a: s32, b: s32) -> s32;
            }

            world calc {
              export mosaic:calc/ops@0.1.0;
            }
            """);
    Files.writeString(wit, "interface ops {\n  add: func(a: s33);\n}\n");
    Outcome bad = mosaic("inspect", wit.toString());
    assertThat(bad.exit()).isEqualTo(65);
    assertThat(bad.err()).contains("error[E2044]: WIT 2:16: unknown type `s33`");
  }

  @Test
  void aBrokenComponentIsACodedErrorNotAStackTrace() throws Exception {
    byte[] app = Files.readAllBytes(APP);
    Path cut = dir.resolve("cut.wasm");
    Files.write(cut, Arrays.copyOf(app, app.length / 2));
    Outcome o = mosaic("inspect", cut.toString());
    assertThat(o.exit()).isNotZero();
    assertThat(o.err()).contains("error[E421").doesNotContain("Exception").doesNotContain("\tat ");
  }
}
