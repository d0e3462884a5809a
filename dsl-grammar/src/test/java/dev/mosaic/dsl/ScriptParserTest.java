package dev.mosaic.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.dsl.ast.Expr;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.RuleDecl;
import dev.mosaic.dsl.ast.Span;
import dev.mosaic.dsl.ast.TypeRef;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the parser accepts, what it builds, and how it holds up against hostile input. */
class ScriptParserTest {

  @Test
  void parsesEveryConstruct() {
    ParseResult r =
        ScriptParser.parse(
            "all.mosaic",
            """
            mosaic 1
            tenant "acme" { max-memory 16 MiB  max-time 200 ms }
            interface shapes {
              record point { x: f64, y: f64, }
              area: func(p: point, tags: list<list<string>>) -> f64;
              reset: func()
            }
            component geo from "geo.wasm" signed by "keys/geo.pub" implements shapes
            component db from sha256:00ff
            bind geo.env.now -> db.now
            bind geo.store: shapes -> db
            policy {
              allow geo secret "db/*", "api-key" when tenant == "acme" and env != "prod"
              deny * http
            }
            export geo.area
            let x = geo.area((1), -2.5, true, "s")
            assert x == 3, "three"
            assert false != true
            load "more.mosaic"
            print x
            """);
    assertThat(r.errors()).isEmpty();
    var items = r.script().items();
    assertThat(r.script().version()).isEqualTo(1);
    assertThat(items).hasSize(13);

    Item.Interface shapes = (Item.Interface) items.get(1);
    assertThat(shapes.records().getFirst().fields()).hasSize(2);
    var area = shapes.functions().getFirst();
    assertThat(area.params().get(1).type())
        .isInstanceOfSatisfying(
            TypeRef.ListOf.class, l -> assertThat(l.element()).isInstanceOf(TypeRef.ListOf.class));
    assertThat(shapes.functions().get(1).result()).isNull();

    Item.Component geo = (Item.Component) items.get(2);
    assertThat(geo.signedBy()).isEqualTo("keys/geo.pub");
    assertThat(geo.implementsInterface()).isEqualTo("shapes");
    assertThat(((Item.Component) items.get(3)).byDigest()).isTrue();

    Item.Bind module = (Item.Bind) items.get(5);
    assertThat(module.field()).isNull();
    assertThat(module.export()).isNull();
    assertThat(module.expectedInterface()).isEqualTo("shapes");

    RuleDecl allow = ((Item.Policy) items.get(6)).rules().getFirst();
    assertThat(allow.patterns()).containsExactly("db/*", "api-key");
    assertThat(allow.conditions()).hasSize(2);
    assertThat(allow.conditions().get(1).equals()).isFalse();

    Item.Let let = (Item.Let) items.get(8);
    Expr.Call call = (Expr.Call) let.expr();
    assertThat(call.args())
        .containsExactly(
            new Expr.IntLit(1, new Span(17, 19, 1)),
            new Expr.FloatLit(-2.5, new Span(17, 23, 4)),
            new Expr.BoolLit(true, new Span(17, 29, 4)),
            new Expr.StringLit("s", new Span(17, 35, 3)));
    Item.Assert a = (Item.Assert) items.get(9);
    assertThat(a.message()).isEqualTo("three");
    assertThat(((Item.Assert) items.get(10)).equals()).isFalse();
    assertThat(((Item.Load) items.get(11)).path()).isEqualTo("more.mosaic");
  }

  @Test
  void atMostTwentyFiveErrorsAreReportedWhicheverStageFindsThem() {
    // Unknown escapes are found after parsing, by the AST builder; unterminated strings by the
    // lexical checks. Neither may report more than the cap.
    String escapes = "mosaic 1\n" + "print \"\\q\"\n".repeat(100);
    String strings = "mosaic 1\n" + "print \"open\n".repeat(100);
    for (String source : List.of(escapes, strings)) {
      ParseResult r = ScriptParser.parse("many.mosaic", source);
      assertThat(r.ok()).isFalse();
      assertThat(r.errors()).hasSize(ScriptParser.MAX_ERRORS + 1);
      assertThat(r.errors().getLast().code()).isEqualTo(SyntaxError.TOO_MANY);
      assertThat(r.errors().subList(0, ScriptParser.MAX_ERRORS))
          .noneMatch(e -> e.code().equals(SyntaxError.TOO_MANY));
    }
  }

  @Test
  void unclosedBlocksAreIncompleteNotWrong() {
    assertThat(ScriptParser.parse("repl", "tenant \"t\" {\n  max-time 2 s").incomplete()).isTrue();
    assertThat(ScriptParser.parse("repl", "print calc.add(1,").incomplete()).isTrue();
    assertThat(ScriptParser.parse("repl", "policy { allow a log {").incomplete()).isFalse();
    assertThat(ScriptParser.parse("repl", "print 1").incomplete()).isFalse();
  }

  @Test
  void aVersionNumberTooLargeForAnIntIsParsedNotThrown() {
    ParseResult r = ScriptParser.parse("v.mosaic", "mosaic 1444444444444444444444444444\n");
    assertThat(r.ok()).isTrue();
    assertThat(r.script().version()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void anArrowNeedsNoSpaces() {
    ParseResult r = ScriptParser.parse("a", "bind app.env.f->lib.f");
    assertThat(r.errors()).isEmpty();
    Item.Bind b = (Item.Bind) r.script().items().getFirst();
    assertThat(b.field()).isEqualTo("f");
    assertThat(b.exporter()).isEqualTo("lib");
  }

  @Test
  void reportsSeveralSyntaxErrorsInSourceOrderWithPositions() {
    ParseResult r = ScriptParser.parse("x", "component a from\npolicy { allow a log {\n}\n@");
    assertThat(r.errors()).extracting(SyntaxError::code).containsExactly("E1001", "E1001", "E1002");
    assertThat(r.errors().getFirst().message())
        .isEqualTo("missing a digest or a string before `policy`");
    assertThat(r.errors().get(2).span()).isEqualTo(new Span(4, 1, 1));
  }

  @Test
  void expectedTokensAreListedOnceAndWhole() {
    // After `=` an expression may start with an integer or a float: both are "a number".
    String afterEquals = ScriptParser.parse("x", "let x =").errors().getFirst().message();
    assertThat(afterEquals).startsWith("unexpected end of input, expected ");
    assertThat(afterEquals.split("a number", -1).length).isLessThanOrEqualTo(2);
    List<String> listed =
        List.of(afterEquals.substring(afterEquals.indexOf(", expected ") + 11).split(", | or "));
    assertThat(listed).doesNotHaveDuplicates();

    // At the top level every declaration and statement could start: too many to list.
    String topLevel = ScriptParser.parse("x", "}").errors().getFirst().message();
    assertThat(topLevel)
        .startsWith("unexpected `}`, expected ")
        .matches(".* or one of \\d+ more")
        .doesNotContain("...");
    for (String item : topLevel.substring(topLevel.indexOf(", expected ") + 11).split(", | or ")) {
      assertThat(item)
          .matches(
              "`[^`]+`|a name|a number|a string|a char|a digest|end of input|one of \\d+ more");
    }
  }

  @Test
  void unterminatedStringsCommentsAndUnknownEscapesHaveTheirOwnMessages() {
    ParseResult string = ScriptParser.parse("x", "print \"open\nprint 1\n");
    assertThat(string.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.code()).isEqualTo(SyntaxError.BAD_TOKEN);
              assertThat(e.message()).startsWith("unterminated string");
              assertThat(e.span()).isEqualTo(new Span(1, 7, 1));
            });
    ParseResult comment = ScriptParser.parse("x", "print 1\n/* open\nprint 2\n");
    assertThat(comment.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.message()).startsWith("unterminated block comment");
              assertThat(e.atEnd()).isTrue();
            });
    assertThat(comment.incomplete()).isTrue();
    ParseResult escape = ScriptParser.parse("x", "print \"a\\qb\"");
    assertThat(escape.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.code()).isEqualTo(SyntaxError.BAD_ESCAPE);
              assertThat(e.span()).isEqualTo(new Span(1, 9, 2));
            });
    assertThat(ScriptParser.parse("x", "print \"\\n\\t\\r\\\"\\\\\"").ok()).isTrue();
  }

  @Test
  void deepNestingIsRejectedBeforeParsing() {
    String source = "print " + "(".repeat(100_000) + "1" + ")".repeat(100_000);
    ParseResult r = ScriptParser.parse("deep", source);
    assertThat(r.script()).isNull();
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.code()).isEqualTo(SyntaxError.TOO_DEEP);
              assertThat(e.message()).isEqualTo("nesting is deeper than 64 levels");
              assertThat(e.span().column()).isEqualTo(6 + ScriptParser.MAX_DEPTH + 1);
            });
  }

  @Test
  void nestingUpToTheCapParses() {
    int depth = ScriptParser.MAX_DEPTH;
    ParseResult r =
        ScriptParser.parse("ok", "print " + "(".repeat(depth) + "1" + ")".repeat(depth));
    assertThat(r.errors()).isEmpty();
    assertThat(((Item.Print) r.script().items().getFirst()).expr()).isInstanceOf(Expr.IntLit.class);
  }

  @Test
  void deeplyNestedWaveValuesAreRejectedBeforeParsing() {
    for (String open : new String[] {"[", "{a: ", "some(", "[{a: ("}) {
      String source = "c.f(" + open.repeat(100_000) + "1)";
      ParseResult r = ScriptParser.parse("deep", source);
      assertThat(r.script()).as(open).isNull();
      assertThat(r.errors()).extracting(SyntaxError::code).containsExactly(SyntaxError.TOO_DEEP);
    }
  }

  @Test
  void waveValuesAreKeptAsTheirSourceText() {
    String value = "[{name: \"a\", qty: 2}, {%for: some('x'), b: %c(-inf)}, (1, 2), none]";
    ParseResult r = ScriptParser.parse("w", "c.\"ns:p/i@1.0.0#f\"(" + value + ", ok)");
    assertThat(r.errors()).isEmpty();
    Expr.Call call = (Expr.Call) ((Item.Eval) r.script().items().getFirst()).expr();
    assertThat(call.function()).isEqualTo("ns:p/i@1.0.0#f");
    assertThat(call.args().getFirst())
        .isEqualTo(new Expr.Wave(value, new Span(1, 20, value.length())));
    assertThat(call.args().get(1)).isInstanceOf(Expr.Name.class);
  }

  @Test
  void deeplyNestedListTypesAreRejected() {
    String source =
        "interface t { f: func(x: " + "list<".repeat(10_000) + "s32" + ">".repeat(10_000) + ") }";
    ParseResult r = ScriptParser.parse("deep", source);
    assertThat(r.errors()).extracting(SyntaxError::code).containsExactly(SyntaxError.TOO_DEEP);
  }

  @Test
  void oversizedInputIsRejectedWithoutLexing() {
    String source = "// " + "x".repeat(2 << 20);
    ParseResult r = ScriptParser.parse("big", source);
    assertThat(r.errors()).extracting(SyntaxError::code).containsExactly(SyntaxError.TOO_LARGE);
  }

  @Test
  void garbageStopsAfterTheErrorCap() {
    byte[] bytes = new byte[64 * 1024];
    new Random(7).nextBytes(bytes);
    String garbage = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    ParseResult r = ScriptParser.parse("garbage", garbage);
    assertThat(r.script()).isNull();
    assertThat(r.errors()).hasSizeLessThanOrEqualTo(ScriptParser.MAX_ERRORS + 1);
    assertThat(r.errors().getLast().code()).isEqualTo(SyntaxError.TOO_MANY);
    assertThat(r.errors()).allSatisfy(e -> assertThat(e.code()).startsWith("E100"));
  }

  @Test
  void manyParserErrorsAreCapped() {
    ParseResult r = ScriptParser.parse("many", "export a.b.c\n".repeat(500));
    assertThat(r.errors()).hasSize(ScriptParser.MAX_ERRORS + 1);
    assertThat(r.errors().getLast().message())
        .isEqualTo("too many syntax errors, stopped after 25");
  }

  @Test
  void unterminatedInputPointsAtTheEndOfTheLastToken() {
    ParseResult r = ScriptParser.parse("eof", "mosaic 1\nexport hello.");
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.message()).isEqualTo("missing a name or a string before end of input");
              assertThat(e.span()).isEqualTo(new Span(2, 14, 1));
            });
  }
}
