package dev.mosaic.host.component.binary;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mosaic.host.component.Component;
import dev.mosaic.host.component.ComponentLimits;
import dev.mosaic.host.component.Item;
import dev.mosaic.host.component.WitPrinter;
import dev.mosaic.host.component.WitType;
import dev.mosaic.host.component.World;
import dev.mosaic.host.component.abi.Layouts;
import dev.mosaic.plan.MosaicException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target {@code read_component}: read arbitrary bytes as a component, resolve its world, print
 * it as WIT and lay out every function's types. Anything but a {@link MosaicException} with an
 * E42xx code is a finding (an unchecked exception, a stack overflow, running out of memory, a
 * hang).
 *
 * <p>In a normal build this runs the seeds in {@code
 * src/test/resources/dev/mosaic/host/component/ComponentReaderFuzzTestInputs/read_component}; with
 * {@code JAZZER_FUZZ=1} it fuzzes (see {@code scripts/fuzz}).
 */
class ComponentReaderFuzzTest {
  private static final ComponentLimits LIMITS =
      new ComponentLimits(1 << 20, 8, 1000, 20_000, 2000, 256, 32);

  @Test
  void seedsReadAsExpected() throws IOException {
    Map<String, String> expected = new TreeMap<>();
    expected.put("text", "ok");
    expected.put("echo-latin1-utf16", "ok");
    expected.put("types-and-imports", "ok");
    expected.put("nested", "ok");
    expected.put("truncated", "E4210");
    Map<String, String> actual = new TreeMap<>();
    for (String seed : expected.keySet()) {
      try (InputStream in =
          ComponentReaderFuzzTest.class.getResourceAsStream(
              "ComponentReaderFuzzTestInputs/read_component/" + seed)) {
        try {
          exercise(in.readAllBytes());
          actual.put(seed, "ok");
        } catch (MosaicException e) {
          actual.put(seed, e.code());
        }
      }
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void theTypesSeedResolvesToItsWorld() throws IOException {
    try (InputStream in =
        ComponentReaderFuzzTest.class.getResourceAsStream(
            "ComponentReaderFuzzTestInputs/read_component/types-and-imports")) {
      World world = WorldReader.read(ComponentReader.read(in.readAllBytes()));
      assertThat(WitPrinter.world(world))
          .isEqualTo(
              """
              world root {
                import ns:pkg/iface@1.2.3;
                record point {
                  x: s32,
                  y: s32,
                }
                export greet: func(s: string) -> string;
              }
              """);
    }
  }

  private static void exercise(byte[] input) {
    Component c = ComponentReader.read(input, LIMITS);
    World world = WorldReader.read(c, LIMITS);
    WitPrinter.world(world);
    Layouts layouts = new Layouts();
    for (Item.Named n : world.exports()) {
      if (n.item() instanceof Item.FuncItem f) {
        layouts.flatCount(f.type().paramTypes(), Layouts.MAX_FLAT_PARAMS);
        for (WitType t : f.type().paramTypes()) {
          layouts.size(t);
          layouts.alignment(t);
        }
      }
    }
  }

  @FuzzTest(maxDuration = "60s")
  void read_component(byte[] input) {
    try {
      exercise(input);
    } catch (MosaicException e) {
      if (!e.code().startsWith("E42")) {
        throw new IllegalStateException("unexpected code " + e.code(), e);
      }
    }
  }
}
