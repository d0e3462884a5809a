package dev.mosaic.interpreter.wit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.component.FuncSig;
import dev.mosaic.host.component.World;
import dev.mosaic.host.component.binary.ComponentReader;
import dev.mosaic.host.component.binary.WorldReader;
import dev.mosaic.plan.MosaicException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WIT text reads into the same world a component binary built from it decodes to. */
class WitParserTest {
  static final Path COMPONENTS = Path.of("src/test/resources/fixtures/components");
  static final Path WASM_HOST = Path.of("..", "wasm-host");

  @Test
  void theFixturePackageIsTheWorldOfTheJavaScriptComponentBuiltFromIt() throws Exception {
    WitParser.Package pkg =
        WitParser.parse(
            Files.readString(WASM_HOST.resolve("src/test/components/fixture/wit/fixture.wit")));
    assertThat(pkg.name()).isEqualTo("mosaic:fixture@0.1.0");
    World fromWit = pkg.worlds().get("fixture");
    World fromBinary =
        WorldReader.read(
            ComponentReader.read(
                Files.readAllBytes(WASM_HOST.resolve("target/test-components/fixture.wasm"))));
    assertSameFunctions(fromWit, fromBinary);
    assertThat(WitFunctions.functions(fromWit.exports()))
        .containsKeys(
            "version",
            "mosaic:fixture/values@0.1.0#[constructor]counter",
            "mosaic:fixture/values@0.1.0#[method]counter.increment",
            "mosaic:fixture/values@0.1.0#sum-counter");
  }

  @Test
  void worldsOfAPackageMatchTheComponentsThatExportAndImportThem() throws Exception {
    WitParser.Package pkg = WitParser.parse(Files.readString(COMPONENTS.resolve("wit/ops.wit")));
    assertSameFunctions(pkg.worlds().get("calc"), world("calc.wasm"));
    World app = pkg.worlds().get("app");
    World binary = world("app.wasm");
    assertThat(WitFunctions.functions(app.imports()).keySet())
        .containsExactlyElementsOf(WitFunctions.functions(binary.imports()).keySet());
    assertSameFunctions(app, binary);
  }

  @Test
  void everyKindOfDefinitionReads() {
    WitParser.Package pkg =
        WitParser.parse(
            """
            package a:b;
            interface types {
              type id = u64;
              record r { x: id, tags: list<string>, }
              variant v { none, one(r), many(list<r>) }
              enum e { x, y }
              flags f { read, write }
              resource handle {
                constructor(name: string);
                name: func() -> string;
                open: static func(name: string) -> result<handle, string>;
              }
              /* a /* nested */ comment */
              @since(version = 0.2.0)
              get: func(h: borrow<handle>, x: option<tuple<e, f>>) -> result<_, v>;
            }
            interface user {
              use types.{r, handle as h};
              take: func(v: r, x: h) -> result;
            }
            world w {
              import types;
              export user;
              export local: interface { ping: func(); }
            }
            """);
    Map<String, FuncSig> user = WitFunctions.functions(pkg.interfaces().get("user"));
    assertThat(WitFunctions.text(user.get("take")))
        .isEqualTo("func(v: record { x: u64, tags: list<string> }, x: own<handle>) -> result");
    assertThat(WitFunctions.functions(pkg.worlds().get("w").exports()))
        .containsKeys("a:b/user#take", "local#ping");
  }

  @Test
  void mistakesAreE2044AtTheirLineAndColumn() {
    assertError(
        "E2044", "WIT 2:14: unknown type `pointt`", "interface i {\n  f: func(p: pointt);\n}");
    assertError(
        "E2044", "type `node` contains itself", "interface i { record node { next: list<node> } }");
    assertError(
        "E2044",
        "WIT 1:18: `wasi:...`: interfaces of other packages",
        "world w { import wasi:cli/stdout@0.2.0; }");
    assertError(
        "E2044",
        "`use` of another package is not supported",
        "interface i { use wasi:io/streams.{x}; }");
    assertError("E2044", "the comment is not closed", "interface i { /* }");
    assertError("E2044", "`x` is declared twice", "interface i { record r { x: u8, x: u8 } }");
    assertError(
        "E2044",
        "`counter` is not a resource",
        "interface i { record counter { x: u8 } f: func(c: borrow<counter>); }");
  }

  @Test
  void hostileTextStopsAtItsLimits() {
    assertError(
        "E2045",
        "nest more than 64",
        "interface i { f: func(x: " + "list<".repeat(10_000) + "u8" + ">".repeat(10_000) + "); }");
    StringBuilder chain = new StringBuilder("interface i {\n");
    for (int i = 0; i < 200; i++) {
      chain.append("type t").append(i).append(" = list<t").append(i + 1).append(">;\n");
    }
    chain.append("type t200 = u8;\n}\n");
    assertError("E2045", "more than 64 deep", chain.toString());
    assertError("E2045", "at most", "x".repeat(WitParser.MAX_CHARS + 1));
    // A type doubling 40 times is shared, not copied: read in linear time.
    StringBuilder doubling = new StringBuilder("interface i {\ntype t0 = u8;\n");
    for (int i = 1; i <= 40; i++) {
      doubling
          .append("type t")
          .append(i)
          .append(" = tuple<t")
          .append(i - 1)
          .append(", t")
          .append(i - 1)
          .append(">;\n");
    }
    doubling.append("f: func(x: t40);\n}\n");
    assertThat(WitParser.parse(doubling.toString()).interfaces()).containsKey("i");
  }

  private static World world(String name) throws Exception {
    return WorldReader.read(ComponentReader.read(Files.readAllBytes(COMPONENTS.resolve(name))));
  }

  private static void assertSameFunctions(World fromWit, World fromBinary) {
    Map<String, FuncSig> a = WitFunctions.functions(fromWit.exports());
    Map<String, FuncSig> b = WitFunctions.functions(fromBinary.exports());
    assertThat(a.keySet()).containsExactlyInAnyOrderElementsOf(b.keySet());
    a.forEach(
        (name, sig) ->
            assertThat(WitFunctions.same(sig, b.get(name)))
                .as(name + ": " + WitFunctions.text(sig) + " vs " + WitFunctions.text(b.get(name)))
                .isTrue());
  }

  private static void assertError(String code, String part, String text) {
    assertThatThrownBy(() -> WitParser.parse(text))
        .isInstanceOfSatisfying(
            MosaicException.class, e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code))
        .hasMessageContaining(part);
  }
}
