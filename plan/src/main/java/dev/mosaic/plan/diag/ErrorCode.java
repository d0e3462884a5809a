package dev.mosaic.plan.diag;

import java.util.regex.Pattern;

/**
 * A diagnostic's stable code: its id ({@code E3001}) and the band the id belongs to, which gives
 * the command line's exit code (docs/errors.md, "Exit codes"). The modules declare their codes as
 * id constants in their {@code *Codes} classes ({@link PlanCodes}, {@code LangCodes}, {@code
 * HostCodes}, ...); {@link #of} turns any id into its typed code, and {@link Band} is the one place
 * that maps bands to exit codes.
 *
 * @param id the code as printed, {@code E} and four digits
 * @param band the band the id's leading digits name
 */
public record ErrorCode(String id, Band band) {
  private static final Pattern ID = Pattern.compile("E[0-9]{4}");

  /** The bands of docs/errors.md, each with the exit code of a command it stops. */
  public enum Band {
    TOOL("E0", "the tool itself", ExitCodes.INPUT_REJECTED),
    SYNTAX("E1", "syntax", ExitCodes.INPUT_REJECTED),
    MEANING("E2", "meaning", ExitCodes.INPUT_REJECTED),
    PLAN_SCHEMA("E3", "plan schema", ExitCodes.INPUT_REJECTED),
    BLOB_MISSING("E40", "input file or blob missing", ExitCodes.MISSING),
    INTEGRITY("E41", "integrity and signatures", ExitCodes.DENIED),
    BLOB_CONTENT("E4", "blob content rejected", ExitCodes.INPUT_REJECTED),
    GRAPH("E5", "graph", ExitCodes.INPUT_REJECTED),
    BINDINGS("E6", "bindings", ExitCodes.INPUT_REJECTED),
    POLICY("E7", "policy and capabilities", ExitCodes.DENIED),
    LIMITS("E8", "limits", ExitCodes.INPUT_REJECTED),
    RUNTIME("E9", "runtime", ExitCodes.GUEST_FAILED);

    private final String prefix;
    private final String title;
    private final int exitCode;

    Band(String prefix, String title, int exitCode) {
      this.prefix = prefix;
      this.title = title;
      this.exitCode = exitCode;
    }

    /** The leading characters every id of the band starts with ({@code E41}, {@code E7}). */
    public String prefix() {
      return prefix;
    }

    /** The band's heading in docs/errors.md. */
    public String title() {
      return title;
    }

    /** The exit code of a command this band's error stops. */
    public int exitCode() {
      return exitCode;
    }

    /** The band of a well-formed id: the longest prefix that matches wins. */
    static Band of(String id) {
      Band found = null;
      for (Band b : values()) {
        if (id.startsWith(b.prefix)
            && (found == null || b.prefix.length() > found.prefix.length())) {
          found = b;
        }
      }
      return found;
    }
  }

  /** Checks that the id is well formed and that the band is the id's. */
  public ErrorCode {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("an error code is E and four digits, not " + id);
    }
    if (band != Band.of(id)) {
      throw new IllegalArgumentException(id + " belongs to band " + Band.of(id) + ", not " + band);
    }
  }

  /** The typed code of an id such as {@code "E3001"}; throws for anything not E and four digits. */
  public static ErrorCode of(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("an error code is E and four digits, not " + id);
    }
    return new ErrorCode(id, Band.of(id));
  }

  /** Whether the text is a well-formed id. */
  public static boolean isValid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** The exit code of a command this error stops, from the band. */
  public int exitCode() {
    return band.exitCode();
  }

  @Override
  public String toString() {
    return id;
  }
}
