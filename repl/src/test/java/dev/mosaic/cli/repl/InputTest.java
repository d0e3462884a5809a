package dev.mosaic.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.interpreter.Mosaic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Continuation, highlighting and completion, each alone. */
class InputTest {
  final InputParser parser = new InputParser();

  @Test
  void openBracketsAskForMoreInput() {
    assertThatThrownBy(() -> parser.parse("policy {", 8, ParseContext.ACCEPT_LINE))
        .isInstanceOf(EOFError.class)
        .satisfies(e -> assertThat(((EOFError) e).getMissing()).isEqualTo("}"));
    assertThatThrownBy(() -> parser.parse("policy {\n print a.f(1,", 20, ParseContext.ACCEPT_LINE))
        .isInstanceOf(EOFError.class)
        .satisfies(e -> assertThat(((EOFError) e).getOpenBrackets()).isEqualTo(2));
  }

  @Test
  void balancedInputCommandsAndBracketsInStringsOrCommentsAreComplete() throws Exception {
    assertThat(parser.parse("policy {\n allow a log\n}", 0, ParseContext.ACCEPT_LINE).line())
        .isEqualTo("policy {\n allow a log\n}");
    parser.parse("print \"{\" // (", 0, ParseContext.ACCEPT_LINE);
    parser.parse(":load a{b", 0, ParseContext.ACCEPT_LINE);
    // a stray closer is the compiler's to report, not a reason to wait
    parser.parse("}", 0, ParseContext.ACCEPT_LINE);
  }

  @Test
  void highlightingFollowsTheLexer() {
    AttributedString s = SyntaxHighlighter.highlight("print \"hi\" 42 // note ~");
    assertThat(s.toString()).isEqualTo("print \"hi\" 42 // note ~");
    assertThat(s.styleAt(0)).isEqualTo(SyntaxHighlighter.KEYWORD);
    assertThat(s.styleAt(6)).isEqualTo(SyntaxHighlighter.STRING);
    assertThat(s.styleAt(11)).isEqualTo(SyntaxHighlighter.NUMBER);
    assertThat(s.styleAt(14)).isEqualTo(SyntaxHighlighter.COMMENT);
    AttributedString bad = SyntaxHighlighter.highlight("print ~");
    assertThat(bad.styleAt(6)).isEqualTo(SyntaxHighlighter.ERROR);
    assertThat(SyntaxHighlighter.highlight(":load x").styleAt(1))
        .isEqualTo(SyntaxHighlighter.COMMAND);
  }

  @Test
  void keywordsComeFromTheGrammar() {
    assertThat(Lexing.keywords()).contains("component", "policy", "allow", "deny", "print");
    assertThat(Lexing.keywords()).doesNotContain("{", "->");
  }

  @Test
  void completionOffersCommandsAndLanguageWords() throws Exception {
    SessionCompleter completer = new SessionCompleter(() -> null, Commands.all());
    List<Candidate> commands = new ArrayList<>();
    completer.complete(null, parser.parse(":ex", 3, ParseContext.COMPLETE), commands);
    assertThat(commands).extracting(Candidate::value).contains(":explain", ":help", ":quit");
  }

  @Test
  void completionKnowsTheSessionsComponentsExportsAndVariables(@TempDir Path dir) throws Exception {
    Files.copy(Path.of("..", "examples", "hello", "hello.wasm"), dir.resolve("hello.wasm"));
    StringWriter out = new StringWriter();
    try (Mosaic mosaic = Mosaic.builder().store(dir.resolve("store")).build();
        Session session = new Session(mosaic, new PrintWriter(out, true), dir)) {
      session.eval(
          "component hello from \"hello.wasm\"\npolicy { allow hello log }\nlet answer = 42");
      SessionCompleter completer = new SessionCompleter(() -> session, Commands.all());
      List<Candidate> words = new ArrayList<>();
      completer.complete(null, parser.parse("print hel", 9, ParseContext.COMPLETE), words);
      assertThat(words)
          .extracting(Candidate::value)
          .contains("hello", "hello.greet", "answer", "component", "log");
      List<Candidate> explain = new ArrayList<>();
      completer.complete(null, parser.parse(":explain h", 10, ParseContext.COMPLETE), explain);
      assertThat(explain).extracting(Candidate::value).containsExactly("hello");
    }
  }
}
