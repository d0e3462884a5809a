package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mosaic.host.component.WitPrinter;
import dev.mosaic.host.component.World;
import dev.mosaic.interpreter.wit.WitFunctions;
import dev.mosaic.interpreter.wit.WitParser;
import dev.mosaic.plan.MosaicException;

/**
 * Fuzz target for the WIT reader: any text is a package or E2044/E2045, never another exception;
 * what it reads prints as WIT and compares equal to itself; each input takes at most a second of
 * CPU ({@link FuzzBudget}). In a normal build it runs the seeds in {@code
 * WitParserFuzzTestInputs/parse}.
 */
class WitParserFuzzTest {
  @FuzzTest(maxDuration = "30s")
  @DictionaryEntries({
    "package a:b@1.0.0;",
    "interface i {",
    "world w {",
    "record r { x: u8 }",
    "variant v { a, b(r) }",
    "resource h { constructor(); m: func(); s: static func() -> h; }",
    "use i.{r as q};",
    "type t = list<t>;",
    "borrow<h>",
    "result<_, string>",
    "tuple<u8, char>",
    "export f: func();",
    "import i;",
    "@since(version = 1.0.0)",
    "/* /* */ */"
  })
  void parse(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    FuzzBudget.within(() -> check(text));
  }

  private static boolean check(String text) {
    WitParser.Package pkg;
    try {
      pkg = WitParser.parse(text);
    } catch (MosaicException e) {
      assertThat(e.code()).isIn("E2044", "E2045");
      return true;
    }
    pkg.interfaces().forEach((name, i) -> assertThat(WitPrinter.iface(name, i)).isNotEmpty());
    for (World w : pkg.worlds().values()) {
      assertThat(WitPrinter.world(w)).startsWith("world root {");
      WitFunctions.functions(w.exports())
          .values()
          .forEach(sig -> assertThat(WitFunctions.same(sig, sig)).isTrue());
    }
    return true;
  }
}
