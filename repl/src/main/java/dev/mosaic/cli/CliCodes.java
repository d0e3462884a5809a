package dev.mosaic.cli;

/** Error codes of the command line itself (E0xxx). Every code is listed in docs/errors.md. */
public final class CliCodes {
  /** Something failed that no user input should cause: a bug. */
  public static final String INTERNAL = "E0001";

  /** Reading or writing a file failed (permissions, disk full, a directory given as a file). */
  public static final String IO = "E0002";

  /** A file changed size while {@code mosaic blob add} read it. */
  public static final String FILE_CHANGED = "E0003";

  private CliCodes() {}
}
