package dev.mosaic.interpreter.diag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.SourceLocation;
import org.junit.jupiter.api.Test;

/** What the renderer prints for text a script controls: escapes, widths, line ends, sizes. */
class DiagnosticRendererTest {
  private static Diagnostic at(int line, int column, int length, String message, String help) {
    return new Diagnostic(
        "E2001", message, new SourceLocation("f.mosaic", line, column, length), help);
  }

  @Test
  void controlCharactersAreShownAsEscapesEverywhere() {
    String source = "allow x\u001b]0;owned\u0007 log // \u009b2J \u202eevil\u202c \u0000\n";
    String out =
        DiagnosticRenderer.render(
            at(1, 7, 1, "unknown component `x\u001b[2J`", "did you mean `\u001bc`?")
                .withLabel(new SourceLocation("other.mosaic", 3, 1, 1), "see \u0007 here"),
            source);
    assertThat(out)
        .contains("unknown component `x\\u{1b}[2J`")
        .contains("1 | allow x\\u{1b}]0;owned\\u{7} log // \\u{9b}2J \\u{202e}evil\\u{202c} \\u{0}")
        .contains("help: did you mean `\\u{1b}c`?")
        .contains("= note: see \\u{7} here at other.mosaic:3:1");
    assertThat(out.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
    assertThat(out).doesNotContain("\u009b").doesNotContain("\u202e");
  }

  @Test
  void caretsAreCountedInDisplayColumns() {
    // Wide (CJK, emoji), zero-width (combining acute) and tab before the span.
    String source = "print \"\u65e5\u672c\uD83D\uDE42e\u0301\"\tnope\n";
    String out = DiagnosticRenderer.render(at(1, 15, 4, "unknown name `nope`", null), source);
    String[] lines = out.split("\n");
    String code = lines[2].substring(lines[2].indexOf("| ") + 2);
    String caret = lines[3].substring(lines[3].indexOf("| ") + 2);
    // `print "` 7, two CJK 4, the emoji 2, e 1, the accent 0, `"` 1, the tab 4: 19 columns.
    assertThat(caret).isEqualTo(" ".repeat(19) + "^^^^");
    assertThat(code).endsWith("    nope");
  }

  @Test
  void loneCarriageReturnsEndLinesAsTheParserCountsThem() {
    String source = "component a from \"a.wasm\"\rpolicy {\r  allow b log\r}\r";
    assertThat(dev.mosaic.dsl.ScriptParser.parse("f.mosaic", source).ok()).isTrue();
    String out = DiagnosticRenderer.render(at(3, 9, 1, "unknown component `b`", null), source);
    assertThat(out).contains("3 |   allow b log\n  |         ^\n");
  }

  @Test
  void hugeLinesAndNamesAreShortened() {
    String name = "n".repeat(500_000);
    String source = "allow " + name + " log\n";
    String out =
        DiagnosticRenderer.render(
            at(1, 7, name.length(), "unknown component `" + name + "`", null), source);
    assertThat(out.length()).isLessThan(1_000);
    assertThat(out).contains("(500000 characters)").contains("1 | allow nnnn").contains("...");
  }
}
