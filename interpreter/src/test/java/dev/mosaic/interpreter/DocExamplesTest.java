package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.dsl.ParseResult;
import dev.mosaic.dsl.ScriptParser;
import dev.mosaic.interpreter.compiler.Compiler;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.store.FileBlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Mosaic example in the documentation (README.md and docs/*.md) does what the text around it
 * says. Conventions, for whoever writes an example:
 *
 * <ul>
 *   <li>a Mosaic block is fenced with {@code ```mosaic}; an untagged block that starts like Mosaic
 *       fails this test, so no example goes unchecked;
 *   <li>the block compiles (with the modules {@code hello.wasm}, {@code calc.wasm}, {@code
 *       vault.wasm}, {@code app.wasm}, the cosign keys {@code keys/vault.pub} and {@code
 *       release.pub}, and an empty {@code common.mosaic} beside it) to a plan that validates, or
 *       reports exactly the errors its {@code // expect error: E2003} comments name, on their
 *       lines;
 *   <li>{@code <!-- mosaic: fragment -->} on the line before the fence: a piece of a script that
 *       names things declared elsewhere; it must parse;
 *   <li>{@code <!-- mosaic: after the first example -->}: compiled after the file's first Mosaic
 *       block, whose declarations it uses.
 * </ul>
 */
class DocExamplesTest {
  static final Path ROOT = Path.of("..");
  static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");
  static final Pattern EXPECT = Pattern.compile("// expect error: (E\\d{4}(?:, E\\d{4})*)");
  static final Pattern MOSAIC_START =
      Pattern.compile(
          "^(mosaic \\d|tenant \"|component \\w|bind \\w|policy \\{|interface \\w|export \\w|let"
              + " \\w|print )");

  @TempDir Path dir;
  Path store;

  /** One fenced block: where it is, its tag, the marker before it, its text. */
  record Block(Path file, int line, String tag, String marker, String text) {
    @Override
    public String toString() {
      return ROOT.relativize(file) + ":" + line;
    }
  }

  @BeforeEach
  void fixtures() throws IOException {
    store = dir.resolve("store");
    for (String m : List.of("calc", "vault", "app")) {
      Files.copy(FIXTURES.resolve(m + ".wasm"), dir.resolve(m + ".wasm"));
    }
    Files.copy(ROOT.resolve("examples/hello/hello.wasm"), dir.resolve("hello.wasm"));
    Files.createDirectories(dir.resolve("keys"));
    Files.copy(FIXTURES.resolve("release.pub"), dir.resolve("keys/vault.pub"));
    Files.copy(FIXTURES.resolve("release.pub"), dir.resolve("release.pub"));
    Files.writeString(dir.resolve("common.mosaic"), "// shared declarations\n");
  }

  static Stream<Block> mosaicBlocks() throws IOException {
    return blocks().stream().filter(b -> b.tag().equals("mosaic"));
  }

  static List<Block> blocks() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<Block> out = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).startsWith("```")) {
          continue;
        }
        String tag = lines.get(i).substring(3).strip();
        String marker = i > 0 ? lines.get(i - 1).strip() : "";
        int start = i + 1;
        int end = start;
        while (end < lines.size() && !lines.get(end).startsWith("```")) {
          end++;
        }
        out.add(
            new Block(
                file, start + 1, tag, marker, String.join("\n", lines.subList(start, end)) + "\n"));
        i = end;
      }
    }
    return out;
  }

  @Test
  void everyBlockThatLooksLikeMosaicIsTaggedSo() throws IOException {
    List<String> untagged = new ArrayList<>();
    for (Block b : blocks()) {
      if (!b.tag().isEmpty()) {
        continue;
      }
      String first =
          b.text().lines().filter(l -> !l.isBlank() && !l.startsWith("//")).findFirst().orElse("");
      if (MOSAIC_START.matcher(first).find()) {
        untagged.add(b.toString());
      }
    }
    assertThat(untagged).as("blocks to fence with ```mosaic").isEmpty();
  }

  @Test
  void theDocumentationHasMosaicExamples() throws IOException {
    assertThat(mosaicBlocks().count()).isGreaterThan(10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mosaicBlocks")
  void exampleDoesWhatTheTextSays(Block block) throws IOException {
    if (block.marker().equals("<!-- mosaic: fragment -->")) {
      ParseResult parsed = ScriptParser.parse(block.toString(), block.text());
      assertThat(parsed.errors()).as("fragment %s must parse", block).isEmpty();
      return;
    }
    String prelude = "";
    if (block.marker().equals("<!-- mosaic: after the first example -->")) {
      prelude =
          mosaicBlocks()
              .filter(b -> b.file().equals(block.file()))
              .findFirst()
              .orElseThrow()
              .text();
    }
    String source = prelude + block.text();
    int offset = (int) prelude.lines().count();
    FileBlobStore blobs = new FileBlobStore(store, 1 << 20);
    CompileResult result = new Compiler(blobs).compile("example.mosaic", source, dir);

    List<String> expected = new ArrayList<>();
    String[] lines = block.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = EXPECT.matcher(lines[i]);
      while (m.find()) {
        for (String code : m.group(1).split(", ")) {
          expected.add((offset + i + 1) + " " + code);
        }
      }
    }
    List<String> actual = new ArrayList<>();
    for (Diagnostic d : result.diagnostics()) {
      actual.add(d.location().line() + " " + d.code());
    }
    assertThat(actual)
        .as("%s\n%s", block, result.render())
        .containsExactlyInAnyOrderElementsOf(expected);
    if (expected.isEmpty()) {
      assertThat(new PlanValidator(SystemLimits.DEFAULT, blobs).checkWithoutBlobs(result.plan()))
          .as("%s compiles to a plan that validates", block)
          .isEmpty();
    }
  }
}
