package dev.mosaic.interpreter.compiler;

import dev.mosaic.dsl.ParseResult;
import dev.mosaic.dsl.ScriptParser;
import dev.mosaic.dsl.SyntaxError;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.Script;
import dev.mosaic.dsl.ast.Span;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.SourceLocation;
import dev.mosaic.plan.io.InputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiler stage: parses the script and every file it {@code load}s, in place, into one list of
 * items.
 *
 * <ul>
 *   <li>A file is included once: a second {@code load} of a file already loaded, by its real path
 *       or by identical content, does nothing (an include guard).
 *   <li>A file that loads itself, directly or through others, is reported (E2021), and so is a
 *       chain of loads deeper than {@link #MAX_DEPTH} (E2022).
 *   <li>Loaded files must be {@code .mosaic} files inside the script's directory ({@link
 *       SourcePaths}, E2027), regular files of valid UTF-8 ({@link ScriptFiles}).
 *   <li>All loads of one compilation share a budget: {@link #MAX_FILES} files, {@link #MAX_BYTES}
 *       bytes and {@link #MAX_MILLIS} ms (E2028).
 * </ul>
 */
public final class Loader {
  /** Deepest chain of {@code load} statements followed. */
  static final int MAX_DEPTH = 16;

  /** Most files one compilation loads, besides the script itself. */
  public static final int MAX_FILES = 256;

  /** Most bytes of loaded files one compilation reads. */
  static final long MAX_BYTES = 16L << 20;

  /** Longest time one compilation spends loading and parsing files. */
  static final long MAX_MILLIS = 10_000;

  private final Problems problems;
  private final List<Path> allowed;
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final List<Located> items = new ArrayList<>();
  private final Deque<Path> stack = new ArrayDeque<>();
  private final Set<Path> loadedPaths = new HashSet<>();
  private final Set<String> loadedDigests = new HashSet<>();
  private final Map<String, Path> resolved = new HashMap<>();
  private SourcePaths paths;
  private long started;
  private int files;
  private long bytes;
  private boolean exhausted;

  Loader(Problems problems) {
    this(problems, List.of());
  }

  /**
   * @param allowed directories besides the script's own that loaded files may be in
   */
  Loader(Problems problems, List<Path> allowed) {
    this.problems = problems;
    this.allowed = List.copyOf(allowed);
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
    started = System.nanoTime();
    paths = new SourcePaths(baseDir, allowed);
    // Path.of rejects some names (a REPL's "<input>" on Windows), so only real names count.
    Path self = baseDir.resolve(fileName(file)).toAbsolutePath().normalize();
    try {
      self = self.toRealPath();
    } catch (IOException e) {
      // Text that is not (or no longer) a file: its lexical path stands for it.
    }
    loadedPaths.add(self);
    loadedDigests.add(digest(source.getBytes(StandardCharsets.UTF_8)));
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
    if (exhausted || overBudget(file, load.span(), 1)) {
      return;
    }
    Path target;
    try {
      target = resolve(load.path(), baseDir);
    } catch (MosaicException e) {
      report(e, file, load.span());
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
    if (loadedPaths.contains(target)) {
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
    String name = displayName(file, load.path());
    byte[] raw;
    String text;
    try {
      raw = InputFiles.read(target, ScriptFiles.MAX_BYTES, SyntaxError.TOO_LARGE, quoted(load));
      text = ScriptFiles.decode(name, raw);
    } catch (MosaicException e) {
      report(e, file, load.span());
      return;
    }
    loadedPaths.add(target);
    files++;
    bytes += raw.length;
    if (!loadedDigests.add(digest(raw)) || overBudget(file, load.span(), 0)) {
      // The same text under another name: including it again would only declare twice.
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

  private Path resolve(String ref, Path baseDir) {
    String key = baseDir + "\0" + ref;
    Path cached = resolved.get(key);
    if (cached != null) {
      return cached;
    }
    Path target = paths.resolve(ref, baseDir, "loaded file `" + ref + "`");
    if (!target.getFileName().toString().endsWith(".mosaic")) {
      throw new MosaicException(
          Diagnostic.of(
                  LangCodes.PATH_NOT_ALLOWED,
                  "`" + ref + "` is not a `.mosaic` file: `load` reads only scripts")
              .withHelp("name a script whose file name ends in `.mosaic`"));
    }
    resolved.put(key, target);
    return target;
  }

  /** Whether the budget is spent, counting {@code pending} more files; reported once. */
  private boolean overBudget(String file, Span span, int pending) {
    String over = null;
    if (files + pending > MAX_FILES) {
      over = "more than " + MAX_FILES + " files";
    } else if (bytes > MAX_BYTES) {
      over = "more than " + MAX_BYTES + " bytes";
    } else if ((System.nanoTime() - started) / 1_000_000 > MAX_MILLIS) {
      over = "more than " + MAX_MILLIS / 1000 + " s";
    }
    if (over == null) {
      return false;
    }
    exhausted = true;
    problems.error(
        LangCodes.READ_BUDGET,
        "loading stopped: the script's loads read " + over,
        file,
        span,
        "load fewer or smaller files; each file is loaded once, however often it is named");
    return true;
  }

  /** A diagnostic about a loaded file, at the {@code load} that names it. */
  private void report(MosaicException e, String file, Span span) {
    for (Diagnostic d : e.diagnostics()) {
      SourceLocation at = d.location().isKnown() ? d.location() : Problems.at(file, span);
      problems.add(new Diagnostic(d.code(), d.message(), at, d.help()));
    }
  }

  private static String quoted(Item.Load load) {
    return "loaded file `" + load.path() + "`";
  }

  private static String digest(byte[] bytes) {
    return PlanCodec.digestOf(bytes);
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
