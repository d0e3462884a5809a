package dev.mosaic.interpreter;

/** Error codes for the meaning of a script (E2xxx). Every code is listed in docs/errors.md. */
public final class LangCodes {
  public static final String UNKNOWN_COMPONENT = "E2001";
  public static final String DUPLICATE_NAME = "E2002";
  public static final String UNKNOWN_CAPABILITY = "E2003";
  public static final String UNKNOWN_EXPORT = "E2004";
  public static final String UNKNOWN_LIMIT = "E2005";
  public static final String BAD_UNIT = "E2006";
  public static final String UNKNOWN_NAME = "E2007";
  public static final String DUPLICATE_TENANT = "E2008";
  public static final String UNSUPPORTED_VERSION = "E2009";
  public static final String WRONG_ARGUMENTS = "E2010";

  /** A file named by the script (component source, loaded script) does not exist. */
  public static final String FILE_MISSING = "E4002";

  private LangCodes() {}
}
