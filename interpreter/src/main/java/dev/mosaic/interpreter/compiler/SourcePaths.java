package dev.mosaic.interpreter.compiler;

import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.io.InputFiles;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the files a script names ({@code load}, {@code from}, {@code signed by}) may be: inside the
 * directory of the script being compiled, or inside a directory the host allowed explicitly ({@link
 * Compiler#allowing}, {@code --allow-path}). An absolute path outside the allowed directories, a
 * path that climbs out with {@code ..}, and a path that leaves through a symbolic link (its real
 * path is checked) are refused with E2027 before anything is read.
 */
final class SourcePaths {
  private final List<Path> roots = new ArrayList<>();
  private final List<Path> realRoots = new ArrayList<>();

  /**
   * @param root the directory of the script being compiled
   * @param allowed further directories the host allows
   */
  SourcePaths(Path root, List<Path> allowed) {
    add(root);
    allowed.forEach(this::add);
  }

  private void add(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    roots.add(absolute);
    try {
      realRoots.add(absolute.toRealPath());
    } catch (IOException e) {
      // A directory that does not exist holds no file; its lexical form is all there is.
      realRoots.add(absolute);
    }
  }

  /**
   * The real path of the file {@code ref}, written in a file in {@code dir}.
   *
   * @param what how the file is named in messages, e.g. {@code loaded file `a.mosaic`}
   * @throws MosaicException E2027 when the path is not allowed, E4002 when it does not exist or is
   *     not a valid path, E0002 when it cannot be resolved
   */
  Path resolve(String ref, Path dir, String what) {
    Path given;
    try {
      given = Path.of(ref);
    } catch (InvalidPathException e) {
      throw new MosaicException(LangCodes.FILE_MISSING, "`" + ref + "` is not a valid path");
    }
    Path target = dir.resolve(given).toAbsolutePath().normalize();
    if (!inside(target, roots)) {
      throw new MosaicException(
          Diagnostic.of(
                  LangCodes.PATH_NOT_ALLOWED,
                  given.isAbsolute()
                      ? "absolute path `" + ref + "` is outside the script's directory"
                      : "`" + ref + "` is outside the script's directory")
              .withHelp(
                  "name files inside the script's directory with relative paths; the host can"
                      + " allow another directory (`--allow-path DIR`)"));
    }
    Path real;
    try {
      real = target.toRealPath();
    } catch (NoSuchFileException e) {
      throw new MosaicException(LangCodes.FILE_MISSING, what + " does not exist");
    } catch (IOException e) {
      throw new MosaicException(
          InputFiles.UNREADABLE, "cannot read " + what + ": " + e.getClass().getSimpleName());
    }
    if (!inside(real, realRoots)) {
      throw new MosaicException(
          Diagnostic.of(
                  LangCodes.PATH_NOT_ALLOWED,
                  "`" + ref + "` leads outside the script's directory through a symbolic link")
              .withHelp(
                  "copy the file into the script's directory; the host can allow another"
                      + " directory (`--allow-path DIR`)"));
    }
    return real;
  }

  private static boolean inside(Path path, List<Path> dirs) {
    for (Path dir : dirs) {
      if (path.startsWith(dir)) {
        return true;
      }
    }
    return false;
  }
}
