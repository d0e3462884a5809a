package dev.mosaic.hsm;

import java.util.regex.Pattern;

/**
 * The names a guest may ask for: one or more {@code /}-separated segments of letters, digits,
 * {@code .}, {@code _} and {@code -}, no {@code .} or {@code ..} segment, at most 256 characters.
 * Vault names may end in {@code #field}.
 */
public final class SecretNames {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
  private static final int MAX_LENGTH = 256;

  private SecretNames() {}

  /**
   * Returns {@code name} when valid.
   *
   * @throws dev.mosaic.plan.MosaicException with {@link SecretCodes#BAD_SECRET_NAME}
   */
  public static String check(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      throw bad(name == null ? "" : name.substring(0, Math.min(name.length(), 64)));
    }
    String path = name;
    int hash = name.indexOf('#');
    if (hash >= 0) {
      String field = name.substring(hash + 1);
      if (!SEGMENT.matcher(field).matches()) {
        throw bad(name);
      }
      path = name.substring(0, hash);
    }
    for (String segment : path.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        throw bad(name);
      }
    }
    return name;
  }

  private static RuntimeException bad(String name) {
    return SecretErrors.error(
        SecretCodes.BAD_SECRET_NAME,
        "secret name `" + printable(name) + "` is not allowed",
        "use segments of letters, digits, `.`, `_` and `-` separated by `/` (at most "
            + MAX_LENGTH
            + " characters), optionally ending in `#field`");
  }

  private static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints()
        .limit(64)
        .forEach(c -> out.append(c < 0x20 || c == 0x7f || c == '`' ? '?' : (char) c));
    return out.toString();
  }
}
