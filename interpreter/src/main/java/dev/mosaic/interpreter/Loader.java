package dev.mosaic.interpreter;

import dev.mosaic.dsl.ParseResult;
import dev.mosaic.dsl.ScriptParser;
import dev.mosaic.dsl.SyntaxError;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiler stage: parses the script and every file it {@code load}s, in place, into one list of
 * items. A file that loads itself, directly or through others, is reported (E2021), and so is a
 * chain of loads deeper than {@link #MAX_DEPTH} (E2022).
 */
final class Loader {
  /** Deepest chain of {@code load} statements followed. */
  static final int MAX_DEPTH = 16;

  private final Problems problems;
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final List<Located> items = new ArrayList<>();
  private final Deque<Path> stack = new ArrayDeque<>();

  Loader(Problems problems) {
    this.problems = problems;
  }

  /**
   * The outcome of loading.
   *
   * @param items items of all files, loads expanded in place
   * @param sources file name to text, for rendering diagnostics
   */
  record Loaded(List<Located> items, Map<String, String> sources) {}

  /** Parses {@code source} and everything it loads, relative to {@code baseDir}. */
  Loaded run(String file, String source, Path baseDir) {
    // Path.of rejects some names (a REPL's "<input>" on Windows), so only real names count.
    Path self = baseDir.resolve(fileName(file)).toAbsolutePath().normalize();
    Script main = parse(file, source);
    if (main != null) {
      stack.push(self);
      expand(file, main, baseDir);
      stack.pop();
    }
    return new Loaded(List.copyOf(items), Map.copyOf(sources));
  }

  private Script parse(String file, String source) {
    sources.putIfAbsent(file, source);
    ParseResult parsed = ScriptParser.parse(file, source);
    for (SyntaxError e : parsed.errors()) {
      problems.error(e.code(), e.message(), file, e.span(), null);
    }
    Script script = parsed.script();
    if (script != null && script.version() != 0 && script.version() != 1) {
      problems.error(
          LangCodes.UNSUPPORTED_VERSION,
          "unsupported language version " + script.version(),
          file,
          script.versionSpan(),
          "this compiler reads `mosaic 1`");
    }
    return script;
  }

  private void expand(String file, Script script, Path baseDir) {
    for (Item item : script.items()) {
      if (item instanceof Item.Load load) {
        load(file, load, baseDir);
      } else {
        items.add(new Located(file, baseDir, item));
      }
    }
  }

  private void load(String file, Item.Load load, Path baseDir) {
    Path target;
    String name;
    try {
      target = baseDir.resolve(load.path()).toAbsolutePath().normalize();
      name = displayName(file, load.path());
    } catch (InvalidPathException e) {
      problems.error(
          LangCodes.FILE_MISSING,
          "`" + load.path() + "` is not a valid path",
          file,
          load.span(),
          null);
      return;
    }
    if (stack.contains(target)) {
      problems.error(
          LangCodes.LOAD_CYCLE,
          "`" + load.path() + "` is already being loaded",
          file,
          load.span(),
          "a file cannot load itself, directly or through the files it loads");
      return;
    }
    if (stack.size() >= MAX_DEPTH) {
      problems.error(
          LangCodes.LOAD_TOO_DEEP,
          "loads nest deeper than " + MAX_DEPTH + " files",
          file,
          load.span(),
          null);
      return;
    }
    String text;
    try {
      if (Files.size(target) > 4L * ScriptParser.MAX_CHARS) {
        problems.error(
            dev.mosaic.dsl.SyntaxError.TOO_LARGE,
            "`" + load.path() + "` is larger than a script may be",
            file,
            load.span(),
            null);
        return;
      }
      text = Files.readString(target);
    } catch (NoSuchFileException e) {
      problems.error(
          LangCodes.FILE_MISSING,
          "loaded file `" + load.path() + "` does not exist",
          file,
          load.span(),
          null);
      return;
    } catch (IOException e) {
      problems.error(
          LangCodes.FILE_MISSING,
          "cannot read loaded file `" + load.path() + "`",
          file,
          load.span(),
          null);
      return;
    }
    Script script = parse(name, text);
    if (script == null) {
      return;
    }
    stack.push(target);
    expand(name, script, target.getParent());
    stack.pop();
  }

  private static String fileName(String file) {
    try {
      Path name = Path.of(file).getFileName();
      return name == null ? "" : name.toString();
    } catch (InvalidPathException e) {
      return "";
    }
  }

  /** The loaded file's name as the user would write it from where the main script lives. */
  private static String displayName(String includingFile, String path) {
    Path p = Path.of(path);
    if (p.isAbsolute()) {
      return p.normalize().toString();
    }
    Path parent = Path.of(includingFile).getParent();
    return (parent == null ? p : parent.resolve(p)).normalize().toString();
  }
}
