package dev.mosaic.interpreter.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.dsl.ParseResult;
import dev.mosaic.dsl.ScriptParser;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.model.Abi;
import dev.mosaic.interpreter.model.InterfaceModel;
import org.junit.jupiter.api.Test;

/** Two spellings of one interface compare equal; a change a caller would notice does not. */
class CanonicalizerTest {

  static InterfaceModel model(String source) {
    ParseResult parsed = ScriptParser.parse("i.mosaic", source);
    assertThat(parsed.errors()).isEmpty();
    Problems problems = new Problems();
    InterfaceModel m =
        new InterfaceStage(problems)
            .resolve("i.mosaic", (Item.Interface) parsed.script().items().getFirst());
    assertThat(problems.list()).isEmpty();
    return m;
  }

  static final String SHAPES =
      """
      interface shapes {
        record point { x: f64, y: f64 }
        area: func(p: point, scale: f64) -> f64;
        names: func() -> list<string>;
      }
      """;

  @Test
  void canonicalTextIsSortedRenamedAndValidMosaic() {
    assertThat(model(SHAPES).canonical())
        .isEqualTo(
            """
            interface _ {
              record r0 { x: f64, y: f64 }
              area: func(p0: r0, p1: f64) -> f64;
              names: func() -> list<string>;
            }
            """);
    assertThat(model(SHAPES).digest()).matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void spellingDoesNotChangeTheDigest() {
    String respelled =
        """
        interface geometry {   // another name, comments, other order and names
          names: func( ) -> list< string >
          record pt {
            x: f64,
            y: f64,
          }
          /* parameters are positional */ area: func(where: pt, factor: f64,) -> f64
        }
        """;
    assertThat(model(respelled).digest()).isEqualTo(model(SHAPES).digest());
    assertThat(model(respelled).canonical()).isEqualTo(model(SHAPES).canonical());
  }

  @Test
  void structurallyEqualRecordsShareOneName() {
    InterfaceModel m =
        model(
            """
            interface t {
              record a { v: s32 }
              record b { v: s32 }
              f: func(x: a, y: b) -> list<a>;
            }
            """);
    assertThat(m.canonical()).contains("record r0 { v: s32 }").doesNotContain("r1");
  }

  @Test
  void changesACallerWouldNoticeChangeTheDigest() {
    String base = model(SHAPES).digest();
    assertThat(model(SHAPES.replace("scale: f64", "scale: f32")).digest()).isNotEqualTo(base);
    assertThat(model(SHAPES.replace("x: f64, y: f64", "y: f64, x: f64")).digest())
        .isNotEqualTo(base);
    assertThat(model(SHAPES.replace("names: func() -> list<string>;", "names: func();")).digest())
        .isNotEqualTo(base);
    assertThat(model(SHAPES.replace("area:", "size:")).digest()).isNotEqualTo(base);
  }

  @Test
  void canonicalTextCanonicalizesToItself() {
    InterfaceModel m = model(SHAPES);
    InterfaceModel again = model(m.canonical());
    assertThat(again.canonical()).isEqualTo(m.canonical());
    assertThat(again.digest()).isEqualTo(m.digest());
  }

  @Test
  void nestedRecordsAreDefinedBeforeTheirUsers() {
    InterfaceModel m =
        model(
            """
            interface t {
              record line { start: point, end: point }
              record point { x: s64, y: s64 }
              length: func(l: line) -> u64;
            }
            """);
    assertThat(m.canonical())
        .isEqualTo(
            """
            interface _ {
              record r0 { x: s64, y: s64 }
              record r1 { start: r0, end: r0 }
              length: func(p0: r1) -> u64;
            }
            """);
  }

  @Test
  void abiLowersEveryPrimitive() {
    InterfaceModel m =
        model(
            """
            interface t {
              f: func(a: s32, b: u32, c: bool, d: s64, e: u64, g: f32, h: f64, i: string, j: bytes) -> string;
              n: func(l: list<u8x>) -> s64;
            }
            """
                .replace("u8x", "s32"));
    assertThat(Abi.lower(m.function("f").orElseThrow()).toString())
        .isEqualTo("(i32, i32, i32, i64, i64, f32, f64, i32, i32, i32, i32) -> (i64)");
    assertThat(Abi.lower(m.function("n").orElseThrow()).toString())
        .isEqualTo("(i32, i32) -> (i64)");
  }
}
