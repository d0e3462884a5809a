package dev.mosaic.cli;

import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.InputFiles;
import dev.mosaic.plan.MosaicException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands {@code @file} arguments: each is replaced by the arguments the file holds, separated by
 * white space, quoted with {@code "} or {@code '}, {@code #} starting a comment line; {@code @@x}
 * stands for the argument {@code @x}. The files are read through {@link InputFiles} (regular files
 * of at most 1 MiB), nested {@code @file}s at most {@link #MAX_DEPTH} deep, and all of them give at
 * most {@link #MAX_ARGUMENTS} arguments. This replaces picocli's own expansion, which reads any
 * file, device or FIFO to its end.
 */
final class ArgFiles {
  static final int MAX_DEPTH = 8;
  static final int MAX_ARGUMENTS = 10_000;

  private ArgFiles() {}

  static String[] expand(String[] args) {
    List<String> out = new ArrayList<>();
    expand(List.of(args), out, 0);
    return out.toArray(String[]::new);
  }

  private static void expand(List<String> args, List<String> out, int depth) {
    for (String arg : args) {
      if (arg.startsWith("@@")) {
        add(out, arg.substring(1));
      } else if (arg.startsWith("@") && arg.length() > 1) {
        if (depth >= MAX_DEPTH) {
          throw new MosaicException(
              Diagnostic.of(
                  InputFiles.TOO_LARGE, "argument files nest deeper than " + MAX_DEPTH + " files"));
        }
        Path file;
        try {
          file = Path.of(arg.substring(1));
        } catch (InvalidPathException e) {
          throw new MosaicException(InputFiles.MISSING, "`" + arg + "` is not a valid path");
        }
        byte[] bytes =
            InputFiles.read(
                file,
                InputFiles.SMALL_FILE_BYTES,
                InputFiles.TOO_LARGE,
                "argument file `" + file + "`");
        expand(split(new String(bytes, StandardCharsets.UTF_8)), out, depth + 1);
      } else {
        add(out, arg);
      }
    }
  }

  private static void add(List<String> out, String arg) {
    if (out.size() >= MAX_ARGUMENTS) {
      throw new MosaicException(
          InputFiles.TOO_LARGE, "argument files give more than " + MAX_ARGUMENTS + " arguments");
    }
    out.add(arg);
  }

  /** The arguments in a file's text. */
  static List<String> split(String text) {
    List<String> args = new ArrayList<>();
    StringBuilder current = null;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
          current.append(text.charAt(++i));
        } else {
          current.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (current != null) {
          args.add(current.toString());
          current = null;
        }
      } else if (c == '#' && current == null) {
        while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
          i++;
        }
      } else {
        if (current == null) {
          current = new StringBuilder();
        }
        if (c == '"' || c == '\'') {
          quote = c;
        } else {
          current.append(c);
        }
      }
    }
    if (current != null) {
      args.add(current.toString());
    }
    return args;
  }
}
