package dev.mosaic.host.http;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a guest's URL points, in one canonical spelling, so that a rule written one way cannot be
 * passed by a URL written another. The host is lowercased, loses one trailing dot and is converted
 * to ASCII (IDNA, {@link IDN#toASCII}); a host whose last label is a number is an IPv4 address in
 * any of the forms {@code inet_aton} and the WHATWG URL standard accept (decimal {@code
 * 2130706433}, octal or zero-padded {@code 0177.0.0.01}, hex {@code 0x7f.1}, short forms {@code
 * 127.1}) and is written in dotted decimal; an IPv6 literal is written in RFC 5952 form in
 * brackets, and an IPv4-mapped one ({@code [::ffff:127.0.0.1]}) as the IPv4 address it is. This is
 * what curl and browsers do with such hosts, and what Envoy's and curl's advice on SSRF asks a
 * filter to do before it decides.
 *
 * @param scheme {@code http} or {@code https}
 * @param host the canonical host: an ASCII name, a dotted IPv4 address or a bracketed IPv6 address
 * @param address the address when the host is an IP literal, else {@code null}
 * @param port the port, the scheme's default when the URL names none
 * @param pathAndQuery the request target: raw path (at least {@code /}) and query
 */
record HttpTarget(String scheme, String host, InetAddress address, int port, String pathAndQuery) {

  /** The default port of the scheme. */
  int defaultPort() {
    return defaultPort(scheme);
  }

  static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }

  /** The host and, when it is not the scheme's default, the port, as a Host header says them. */
  String authority() {
    return port == defaultPort() ? host : host + ":" + port;
  }

  /** Scheme, host, port and path, without the query (which may carry tokens), for the audit. */
  String forAudit() {
    int q = pathAndQuery.indexOf('?');
    return scheme
        + "://"
        + host
        + ":"
        + port
        + (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
  }

  /** Parses a guest's URL; {@code null} when it is malformed or not {@code http(s)}. */
  static HttpTarget parse(String url) {
    if (url == null || url.length() > 8192) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String authority = uri.getRawAuthority();
    if (!(scheme.equals("http") || scheme.equals("https"))
        || authority == null
        || uri.isOpaque()
        || uri.getRawFragment() != null
        || authority.indexOf('@') >= 0
        || authority.indexOf('%') >= 0
        || authority.indexOf('\\') >= 0) {
      return null;
    }
    String hostText;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return null;
      }
      hostText = authority.substring(0, close + 1);
      String rest = authority.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return null;
        }
        portText = rest.substring(1);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      hostText = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? null : authority.substring(colon + 1);
    }
    int port = defaultPort(scheme);
    if (portText != null && !portText.isEmpty()) {
      if (portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      port = Integer.parseInt(portText);
      if (port < 1 || port > 65535) {
        return null;
      }
    }
    Host host = canonicalHost(hostText);
    if (host == null) {
      return null;
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery();
    String target = query == null ? path : path + "?" + query;
    if (!target.startsWith("/") || target.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
      return null;
    }
    return new HttpTarget(scheme, host.text(), host.address(), port, target);
  }

  /** A canonical host: its text and, for an IP literal, its address. */
  record Host(String text, InetAddress address) {}

  /**
   * The canonical form of a host as a URL or a policy rule writes it, or {@code null} when it is
   * not a valid host.
   */
  static Host canonicalHost(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > 255) {
      return null;
    }
    if (raw.startsWith("[")) {
      if (!raw.endsWith("]") || raw.indexOf('%') >= 0) {
        return null; // zone ids name an interface of this host, never a remote one
      }
      String inner = raw.substring(1, raw.length() - 1);
      if (inner.isEmpty() || !inner.chars().allMatch(c -> c == ':' || c == '.' || hex(c))) {
        return null;
      }
      try {
        return ofAddress(InetAddress.getByName("[" + inner + "]"));
      } catch (UnknownHostException e) {
        return null;
      }
    }
    String host = raw.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty() || host.startsWith(".") || host.contains("..")) {
      return null;
    }
    String last = host.substring(host.lastIndexOf('.') + 1);
    if (isNumber(last)) {
      InetAddress v4 = ipv4(host);
      return v4 == null ? null : ofAddress(v4);
    }
    String ascii;
    try {
      ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (ascii.isEmpty() || ascii.length() > 253 || ascii.endsWith(".")) {
      return null;
    }
    return new Host(ascii, null);
  }

  /** The canonical text of an address: dotted IPv4, or RFC 5952 IPv6 in brackets. */
  static Host ofAddress(InetAddress address) {
    if (address instanceof Inet4Address) {
      return new Host(address.getHostAddress(), address);
    }
    return new Host("[" + compress((Inet6Address) address) + "]", address);
  }

  /**
   * RFC 5952: lowercase hex, no leading zeros, the longest run of two or more zero groups as ::.
   */
  private static String compress(Inet6Address address) {
    byte[] b = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  private static boolean hex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isNumber(String label) {
    if (label.startsWith("0x")) {
      return label.substring(2).chars().allMatch(HttpTarget::hex);
    }
    return !label.isEmpty() && label.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * An IPv4 address in the forms {@code inet_aton} accepts: one to four parts, each decimal, octal
   * (leading {@code 0}) or hex ({@code 0x}), the last filling the remaining bytes; {@code null}
   * when a part is malformed or out of range.
   */
  static InetAddress ipv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length > 4) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      int radix = 10;
      if (p.startsWith("0x")) {
        radix = 16;
        p = p.substring(2);
      } else if (p.length() > 1 && p.startsWith("0")) {
        radix = 8;
        p = p.substring(1);
      }
      if (p.isEmpty()) {
        if (radix != 16) {
          return null;
        }
        p = "0"; // "0x" alone is zero, as inet_aton reads it
      }
      if (p.length() > 32) {
        return null;
      }
      try {
        values[i] = Long.parseLong(p, radix);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    long result = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i] > 255) {
        return null;
      }
      result |= values[i] << (8 * (3 - i));
    }
    long last = values[values.length - 1];
    int lastBytes = 4 - (values.length - 1);
    if (last >= (1L << (8 * lastBytes))) {
      return null;
    }
    result |= last;
    byte[] bytes = {
      (byte) (result >>> 24), (byte) (result >>> 16), (byte) (result >>> 8), (byte) result
    };
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
