package dev.mosaic.interpreter.diag;

import dev.mosaic.interpreter.compiler.Loader;

/**
 * Error codes for the meaning of a script (E2xxx), and the few shared codes the compiler raises
 * outside that band. Every code is listed in docs/errors.md with a bad example and its fix.
 */
public final class LangCodes {
  /** A name refers to no declared component. */
  public static final String UNKNOWN_COMPONENT = "E2001";

  /** A component, interface, record, field, parameter or function is declared twice. */
  public static final String DUPLICATE_NAME = "E2002";

  /** A policy rule names a capability this version does not know. */
  public static final String UNKNOWN_CAPABILITY = "E2003";

  /** A component has no export of that name. */
  public static final String UNKNOWN_EXPORT = "E2004";

  /** A tenant limit this version does not know. */
  public static final String UNKNOWN_LIMIT = "E2005";

  /** A limit has a missing or wrong unit. */
  public static final String BAD_UNIT = "E2006";

  /** A statement refers to a name no {@code let} defined. */
  public static final String UNKNOWN_NAME = "E2007";

  /** More than one {@code tenant} declaration. */
  public static final String DUPLICATE_TENANT = "E2008";

  /** The {@code mosaic N} line names a version this compiler does not read. */
  public static final String UNSUPPORTED_VERSION = "E2009";

  /** A call passes the wrong number of arguments. */
  public static final String WRONG_ARGUMENTS = "E2010";

  /** A value's type does not fit where it is used. */
  public static final String TYPE_MISMATCH = "E2011";

  /** A type name in an interface is neither a primitive nor a record of that interface. */
  public static final String UNKNOWN_TYPE = "E2012";

  /** A record contains itself. */
  public static final String RECURSIVE_TYPE = "E2013";

  /** A name refers to no declared interface. */
  public static final String UNKNOWN_INTERFACE = "E2014";

  /** A component's exports do not provide its declared interface. */
  public static final String NOT_IMPLEMENTED = "E2015";

  /** The two ends of a binding disagree on the function type or interface. */
  public static final String INCOMPATIBLE_BINDING = "E2016";

  /** A component has no import of that module and name. */
  public static final String UNKNOWN_IMPORT = "E2017";

  /** A policy condition compares something other than {@code tenant} or {@code env}. */
  public static final String UNKNOWN_CONDITION = "E2018";

  /** A capability without parameters is given parameters. */
  public static final String UNEXPECTED_PARAMETERS = "E2019";

  /** An {@code assert} statement failed when the script ran. */
  public static final String ASSERTION_FAILED = "E2020";

  /** {@code load} reaches a file that is already being loaded. */
  public static final String LOAD_CYCLE = "E2021";

  /** {@code load} nests deeper than {@link Loader#MAX_DEPTH} files. */
  public static final String LOAD_TOO_DEEP = "E2022";

  /** A limit's value is zero or does not fit. */
  public static final String BAD_LIMIT_VALUE = "E2023";

  /** The same import is bound twice. */
  public static final String DUPLICATE_BINDING = "E2024";

  /**
   * The key named by {@code signed by} is not a PEM public key, a PGP public key or an X.509
   * certificate, so no verifier can be chosen for it.
   */
  public static final String UNKNOWN_KEY_KIND = "E2025";

  /**
   * A {@code require signature} rule does not allow the verifier that a component's {@code signed
   * by} key implies, or two rules for one component allow no common verifier.
   */
  public static final String SIGNATURE_CONFLICT = "E2026";

  /**
   * A path in {@code load}, {@code from} or {@code signed by} is absolute, climbs out of the
   * script's directory or leaves it through a symbolic link, or a {@code load} names a file that is
   * not a {@code .mosaic} script.
   */
  public static final String PATH_NOT_ALLOWED = "E2027";

  /**
   * The files a compilation reads exceed its budget: too many loaded files, too many bytes, or too
   * much time.
   */
  public static final String READ_BUDGET = "E2028";

  /**
   * The two ends of a binding disagree about strings and bytes: the interface the script names
   * passes them where the exporter's {@code mosaic.abi} section declares numbers (or none), or the
   * reverse (an error); or neither declares anything and the type looks like pointer and length
   * pairs (a warning).
   */
  public static final String ABI_MISMATCH = "E2040";

  /**
   * The two ends of a binding by WIT interface differ: the exporter's interface lacks a function
   * the importer's needs, or has it with another type.
   */
  public static final String WIT_MISMATCH = "E2042";

  /**
   * A binding by WIT interface name that cannot be one: an end is a core module, not a component,
   * or the name is not an interface name ({@code namespace:package/interface[@version]}).
   */
  public static final String NOT_WIT = "E2043";

  /** A file named by the script (component source, loaded script) does not exist. */
  public static final String FILE_MISSING = "E4002";

  private LangCodes() {}
}
