package dev.mosaic.plan.rules;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.util.regex.Pattern;

/**
 * The one canonical form of a secret name, checked on every path a name takes: policy patterns when
 * a plan is validated (compiling validates too), guest calls to {@code secret_*}, and the {@code
 * ScopedSecrets} facade. A name is one or more {@code /}-separated segments of ASCII letters,
 * digits, {@code .}, {@code _} and {@code -}, no {@code .} or {@code ..} segment, at most 256
 * characters, optionally ending in {@code #field}. Names are case-sensitive and are never
 * rewritten: a name that is not canonical is refused, not repaired, so the policy decides on the
 * exact name a backend receives. Backends must not map two canonical names to one secret (the
 * {@code env} backend's variable names are injective for that reason).
 */
public final class SecretNameRules {
  /** A secret name is empty, too long, or has characters or segments that are not allowed. */
  public static final String BAD_SECRET_NAME = "E7119";

  /** Longest name accepted. */
  public static final int MAX_LENGTH = 256;

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

  private SecretNameRules() {}

  /** Whether {@code name} is a canonical secret name. */
  public static boolean valid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    String path = name;
    int hash = name.indexOf('#');
    if (hash >= 0) {
      if (!SEGMENT.matcher(name.substring(hash + 1)).matches()) {
        return false;
      }
      path = name.substring(0, hash);
    }
    for (String segment : path.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns {@code name} when it is canonical.
   *
   * @throws MosaicException with {@value #BAD_SECRET_NAME}
   */
  public static String check(String name) {
    if (!valid(name)) {
      throw new MosaicException(problem(name == null ? "" : name, "secret name"));
    }
    return name;
  }

  /**
   * Whether a policy pattern for the {@code secret} capability can only match canonical names apart
   * from what its {@code *} stands for: the pattern with each {@code *} read as one letter is a
   * canonical name.
   */
  public static boolean validPattern(String pattern) {
    return pattern != null && valid(pattern.replace('*', 'x'));
  }

  /** The diagnostic for a name or pattern that is not canonical; {@code what} names it. */
  public static Diagnostic problem(String name, String what) {
    return Diagnostic.of(BAD_SECRET_NAME, what + " `" + printable(name) + "` is not allowed")
        .withHelp(
            "use segments of letters, digits, `.`, `_` and `-` separated by `/` (at most "
                + MAX_LENGTH
                + " characters, case-sensitive), optionally ending in `#field`");
  }

  private static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints()
        .limit(64)
        .forEach(
            c ->
                out.append(
                    c < 0x20
                            || (c >= 0x7f && c < 0xa0)
                            || c == '`'
                            || Character.getType(c) == Character.FORMAT
                        ? "?"
                        : Character.toString(c)));
    return out.toString();
  }
}
