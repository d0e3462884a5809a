package dev.mosaic.interpreter.wit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.dsl.ParseResult;
import dev.mosaic.dsl.ScriptParser;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.host.component.FuncSig;
import dev.mosaic.host.component.WitPrinter;
import dev.mosaic.host.component.World;
import dev.mosaic.host.component.binary.ComponentReader;
import dev.mosaic.host.component.binary.WorldReader;
import dev.mosaic.interpreter.compiler.InterfaceStageAccess;
import dev.mosaic.interpreter.model.InterfaceModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The script's {@code interface} blocks map onto WIT one to one: the WIT text of a block, and the
 * agreement of canonical digests with WIT type equality.
 */
class WitMappingTest {
  static InterfaceModel model(String source) {
    ParseResult parsed = ScriptParser.parse("i.mosaic", source);
    assertThat(parsed.errors()).isEmpty();
    return InterfaceStageAccess.resolve((Item.Interface) parsed.script().items().getFirst());
  }

  @Test
  void aBlockIsTheWitInterfaceOfTheSameText() {
    InterfaceModel shapes =
        model(
            """
            interface shapes {
              record point { x: f64, y: f64 }
              names: func() -> list<string>;
              area: func(p: point, scale: f64) -> f64;
              blob: func(b: bytes, n: u64) -> bool
            }
            """);
    assertThat(WitPrinter.iface("shapes", WitMapping.instance(shapes)))
        .isEqualTo(
            """
            interface shapes {
              record point {
                x: f64,
                y: f64,
              }
              area: func(p: point, scale: f64) -> f64;
              blob: func(b: list<u8>, n: u64) -> bool;
              names: func() -> list<string>;
            }
            """);
  }

  @Test
  void equalDigestsAreEqualWitTypesAndUnequalOnesAreNot() {
    List<String> spellings =
        List.of(
            "interface a { record p { x: s32, y: s32 } f: func(v: p) -> s32; g: func() }",
            "interface b { g: func(); f: func(other: q) -> s32; record q { x: s32, y: s32 } }",
            "interface c { record p { y: s32, x: s32 } f: func(v: p) -> s32; g: func() }",
            "interface d { record p { x: s32, y: s32 } f: func(v: p) -> s64; g: func() }",
            "interface e { record p { x: s32, y: s32 } f: func(v: p) -> s32; g: func(); h: func() }",
            "interface g { f: func(v: bytes) -> s32; g: func() }");
    for (String one : spellings) {
      for (String other : spellings) {
        InterfaceModel a = model(one);
        InterfaceModel b = model(other);
        assertThat(witEqual(a, b)).as(one + " / " + other).isEqualTo(a.digest().equals(b.digest()));
      }
    }
  }

  @Test
  void aBlockMatchesTheInterfaceARealComponentExports() throws Exception {
    byte[] calc = Files.readAllBytes(Path.of("src/test/resources/fixtures/components/calc.wasm"));
    World world = WorldReader.read(ComponentReader.read(calc));
    Map<String, FuncSig> exported =
        WitFunctions.functions(WitFunctions.instance(world.exports(), "mosaic:calc/ops@0.1.0"));
    InterfaceModel ops =
        model("interface ops { add: func(a: s32, b: s32) -> s32; neg: func(a: s32) -> s32 }");
    Map<String, FuncSig> mapped = WitFunctions.functions(WitMapping.instance(ops));
    assertThat(mapped.keySet()).containsExactlyInAnyOrderElementsOf(exported.keySet());
    mapped.forEach((name, sig) -> assertThat(WitFunctions.same(sig, exported.get(name))).isTrue());
  }

  private static boolean witEqual(InterfaceModel a, InterfaceModel b) {
    Map<String, FuncSig> x = WitFunctions.functions(WitMapping.instance(a));
    Map<String, FuncSig> y = WitFunctions.functions(WitMapping.instance(b));
    if (!x.keySet().equals(y.keySet())) {
      return false;
    }
    return x.keySet().stream()
        .allMatch(
            n ->
                WitFunctions.same(
                    WitMapping.positional(x.get(n)), WitMapping.positional(y.get(n))));
  }
}
