package dev.mosaic.host.component;

import dev.mosaic.plan.MosaicException;

/**
 * The name of a component import or export: a plain name ({@code greet}, {@code
 * [method]counter.increment}) or an interface name ({@code wasi:cli/stdout@0.2.3}).
 */
public sealed interface ExternName {
  /** The name as it appears in the binary. */
  String text();

  /** {@code label}. */
  record Plain(String label) implements ExternName {
    @Override
    public String text() {
      return label;
    }
  }

  /** {@code [constructor]resource}. */
  record Constructor(String resource) implements ExternName {
    @Override
    public String text() {
      return "[constructor]" + resource;
    }
  }

  /** {@code [method]resource.name}. */
  record Method(String resource, String name) implements ExternName {
    @Override
    public String text() {
      return "[method]" + resource + "." + name;
    }
  }

  /** {@code [static]resource.name}. */
  record Static(String resource, String name) implements ExternName {
    @Override
    public String text() {
      return "[static]" + resource + "." + name;
    }
  }

  /**
   * {@code namespace:package/interface@version}; {@code version} is null when the name has none.
   */
  record Interface(String namespace, String packageName, String interfaceName, String version)
      implements ExternName {
    @Override
    public String text() {
      return namespace
          + ":"
          + packageName
          + "/"
          + interfaceName
          + (version == null ? "" : "@" + version);
    }

    /** {@code namespace:package}, without interface or version. */
    public String packageId() {
      return namespace + ":" + packageName;
    }

    /** The name without its version, {@code namespace:package/interface}. */
    public String unversioned() {
      return namespace + ":" + packageName + "/" + interfaceName;
    }
  }

  /**
   * Parses a name by the grammar of the component model's Explainer.
   *
   * @throws MosaicException E4212 when the text is not a valid plain or interface name
   */
  static ExternName parse(String text) {
    if (text.indexOf(':') >= 0 || text.indexOf('/') >= 0) {
      return parseInterface(text);
    }
    if (text.startsWith("[constructor]")) {
      String resource = text.substring("[constructor]".length());
      requireLabel(resource, text);
      return new Constructor(resource);
    }
    for (String prefix : new String[] {"[method]", "[static]"}) {
      if (text.startsWith(prefix)) {
        String rest = text.substring(prefix.length());
        int dot = rest.indexOf('.');
        if (dot < 0) {
          throw invalid(text, "expected `" + prefix + "resource.name`");
        }
        String resource = rest.substring(0, dot);
        String name = rest.substring(dot + 1);
        requireLabel(resource, text);
        requireLabel(name, text);
        return prefix.equals("[method]") ? new Method(resource, name) : new Static(resource, name);
      }
    }
    requireLabel(text, text);
    return new Plain(text);
  }

  private static Interface parseInterface(String text) {
    int colon = text.indexOf(':');
    int slash = text.indexOf('/');
    if (colon <= 0 || slash < colon) {
      throw invalid(text, "expected `namespace:package/interface[@version]`");
    }
    String namespace = text.substring(0, colon);
    String pkg = text.substring(colon + 1, slash);
    String rest = text.substring(slash + 1);
    String version = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      version = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!isSemver(version)) {
        throw invalid(text, "`" + version + "` is not a semantic version such as `1.2.3`");
      }
    }
    if (!isWords(namespace) || !isWords(pkg)) {
      throw invalid(
          text, "namespace and package are lowercase words joined by `-`, e.g. `wasi:cli`");
    }
    if (rest.indexOf('/') >= 0) {
      throw new MosaicException(
          ComponentCodes.UNSUPPORTED,
          "nested package names such as `" + text + "` are not supported yet");
    }
    requireLabel(rest, text);
    return new Interface(namespace, pkg, rest, version);
  }

  /** A label: fragments joined by {@code -}, each all lowercase or all uppercase. */
  static boolean isLabel(String s) {
    if (s.isEmpty() || !(isLower(s.charAt(0)) || isUpper(s.charAt(0)))) {
      return false;
    }
    for (String f : s.split("-", -1)) {
      if (f.isEmpty()) {
        return false;
      }
      boolean lower = true;
      boolean upper = true;
      for (int j = 0; j < f.length(); j++) {
        char c = f.charAt(j);
        lower &= isLower(c) || isDigit(c);
        upper &= isUpper(c) || isDigit(c);
      }
      if (!lower && !upper) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWords(String s) {
    return isLabel(s) && s.equals(s.toLowerCase(java.util.Locale.ROOT));
  }

  /** {@code MAJOR.MINOR.PATCH[-prerelease][+build]} as semver.org defines it. */
  static boolean isSemver(String v) {
    int plus = v.indexOf('+');
    String build = plus >= 0 ? v.substring(plus + 1) : null;
    String core = plus >= 0 ? v.substring(0, plus) : v;
    int dash = core.indexOf('-');
    String pre = dash >= 0 ? core.substring(dash + 1) : null;
    String main = dash >= 0 ? core.substring(0, dash) : core;
    String[] parts = main.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    for (String p : parts) {
      if (!isNumber(p)) {
        return false;
      }
    }
    if (pre != null) {
      for (String id : pre.split("\\.", -1)) {
        if (!isIdentifier(id) || (isDigits(id) && !isNumber(id))) {
          return false;
        }
      }
    }
    if (build != null) {
      for (String id : build.split("\\.", -1)) {
        if (!isIdentifier(id)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isNumber(String s) {
    return isDigits(s) && (s.length() == 1 || s.charAt(0) != '0');
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(isDigit(c) || isLower(c) || isUpper(c) || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static void requireLabel(String label, String name) {
    if (!isLabel(label)) {
      throw invalid(
          name,
          "`"
              + label
              + "` is not a label (lowercase or uppercase words of letters and digits joined by"
              + " `-`)");
    }
  }

  private static MosaicException invalid(String name, String why) {
    return new MosaicException(
        ComponentCodes.INVALID, "invalid import or export name `" + name + "`: " + why);
  }
}
