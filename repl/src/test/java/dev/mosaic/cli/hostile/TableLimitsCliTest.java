package dev.mosaic.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guests that grow their tables without end, or start with a huge one, under {@code mosaic run}.
 */
class TableLimitsCliTest {
  static final Path GUESTS = Path.of("src", "test", "resources", "hostile");

  @TempDir Path dir;

  record Outcome(int exit, String out, String err) {}

  Outcome run(String guest, String statement) throws Exception {
    Files.copy(GUESTS.resolve(guest + ".wasm"), dir.resolve(guest + ".wasm"));
    Path script =
        Files.writeString(
            dir.resolve("t.mosaic"),
            "mosaic 1\n"
                + "tenant \"t1\" {\n  max-memory 16 MiB\n  max-time 30 s\n}\n"
                + "component g from \""
                + guest
                + ".wasm\"\n"
                + statement
                + "\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.execute(
            new String[] {"run", script.toString(), "--store", dir.resolve("store").toString()},
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return new Outcome(exit, out.toString(), err.toString());
  }

  @Test
  void tableGrowStopsAtTheDefaultCapOfAMillionElements() throws Exception {
    // Growing by 100,000 until refused: 1 + 9 * 100,000 elements, then table.grow returns -1.
    Outcome o = run("tables", "print g.grow_until_refused(100000)");
    assertThat(o.err()).isEmpty();
    assertThat(o.out()).isEqualTo("900001\n");
    assertThat(o.exit()).isZero();
  }

  @Test
  void aModuleStartingWithAHugeTableIsRefusedBeforeItRuns() throws Exception {
    Outcome o = run("bigtable", "print g.ok()");
    assertThat(o.exit()).isEqualTo(70);
    assertThat(o.err())
        .startsWith(
            "error[E9009]: component `g` starts with 2000000 table elements, over the host's"
                + " limit of 1000000 per module");
    assertThat(o.out()).isEmpty();
  }
}
