package dev.mosaic.host.http;

import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.rules.PolicyEngine;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * How the {@code http} capability's rules decide a request, on the canonical host ({@link
 * HttpTarget}) and on every address it resolves to.
 *
 * <p>A pattern is a host, optionally with a port: {@code "api.example.com"}, {@code
 * "*.example.com"}, {@code "api.example.com:8443"}, {@code "127.0.0.1:*"}, {@code "[::1]:8080"}.
 * Its host is put in canonical form like a URL's (so {@code deny "127.000.000.001"} is {@code deny
 * "127.0.0.1"}), and matched against the URL's canonical host. A pattern without a port covers
 * every port of its host, one with a port only that port (as Deno's {@code --allow-net} reads
 * {@code host} and {@code host:port}). A {@code deny} is matched against the name and each resolved
 * address, so a deny of an address cannot be passed by a name that resolves to it.
 *
 * <p>Loopback, link-local, unspecified, multicast, reserved and cloud metadata addresses (see
 * {@link #special}) are refused, whatever the name, unless an {@code allow} rule names that very
 * address without a wildcard in its host: {@code allow c http "*"} never opens {@code 127.0.0.1}.
 */
final class HttpPolicy {
  private HttpPolicy() {}

  /**
   * The decision: {@code null} when the request may go to {@code addresses}, else why not.
   *
   * @param addresses what the host resolved to (the address itself for an IP literal)
   */
  static String refusal(
      PolicyEngine policy, String component, HttpTarget target, List<InetAddress> addresses) {
    List<PolicyRule> rules = policy.rules(component, "http");
    for (PolicyRule rule : rules) {
      if (rule.effect() != PolicyRule.Effect.DENY) {
        continue;
      }
      if (rule.patterns().isEmpty()) {
        return "denied by a rule without patterns";
      }
      for (String pattern : rule.patterns()) {
        Pattern p = Pattern.of(pattern);
        if (p.matches(target.host(), target.port())) {
          return "denied: `" + target.host() + "` matches deny `" + pattern + "`";
        }
        for (InetAddress a : addresses) {
          for (String text : spellings(a)) {
            if (p.matches(text, target.port())) {
              return "denied: `"
                  + target.host()
                  + "` resolves to "
                  + text
                  + ", which matches deny `"
                  + pattern
                  + "`";
            }
          }
        }
      }
    }
    boolean allowed = false;
    for (PolicyRule rule : rules) {
      if (rule.effect() != PolicyRule.Effect.ALLOW) {
        continue;
      }
      if (rule.patterns().isEmpty()) {
        allowed = true;
      }
      for (String pattern : rule.patterns()) {
        if (Pattern.of(pattern).matches(target.host(), target.port())) {
          allowed = true;
        }
      }
    }
    if (!allowed) {
      return "not allowed: no rule grants `" + target.authority() + "`";
    }
    for (InetAddress a : addresses) {
      String kind = special(a);
      if (kind != null && !namedExactly(rules, a, target)) {
        return "refused: `"
            + target.host()
            + "` resolves to "
            + HttpTarget.ofAddress(a).text()
            + ", a "
            + kind
            + " address, which only an allow rule naming that address opens";
      }
    }
    return null;
  }

  /** Whether an allow rule names the address itself, without a wildcard in its host. */
  private static boolean namedExactly(List<PolicyRule> rules, InetAddress a, HttpTarget target) {
    for (PolicyRule rule : rules) {
      if (rule.effect() != PolicyRule.Effect.ALLOW) {
        continue;
      }
      for (String pattern : rule.patterns()) {
        Pattern p = Pattern.of(pattern);
        if (p.host().indexOf('*') < 0 && p.matches(HttpTarget.ofAddress(a).text(), target.port())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The address's canonical text and, for IPv4 inside IPv6, the IPv4 address it carries. */
  private static List<String> spellings(InetAddress a) {
    InetAddress embedded = embeddedV4(a);
    return embedded == null
        ? List.of(HttpTarget.ofAddress(a).text())
        : List.of(HttpTarget.ofAddress(a).text(), HttpTarget.ofAddress(embedded).text());
  }

  /**
   * What kind of address must not be reached unless named, or {@code null} for an ordinary one.
   * IPv4: {@code 0.0.0.0/8}, loopback {@code 127/8}, link-local {@code 169.254/16} (the metadata
   * service of AWS, GCP, Azure and OpenStack is {@code 169.254.169.254}), {@code 100.100.100.200}
   * (Alibaba Cloud metadata), {@code 168.63.129.16} (Azure host), multicast {@code 224/4}, reserved
   * {@code 240/4} and broadcast. IPv6: {@code ::}, {@code ::1}, link-local {@code fe80::/10},
   * site-local {@code fec0::/10}, multicast {@code ff00::/8}, {@code fd00:ec2::254} (AWS metadata),
   * and any IPv4-compatible, IPv4-mapped, IPv4-translated or NAT64 ({@code 64:ff9b::/96}) address
   * whose IPv4 part is one of the above.
   */
  static String special(InetAddress a) {
    if (a.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (a.isLoopbackAddress()) {
      return "loopback";
    }
    if (a.isLinkLocalAddress()) {
      return "link-local";
    }
    if (a.isMulticastAddress()) {
      return "multicast";
    }
    if (a.isSiteLocalAddress() && a instanceof Inet6Address) {
      return "site-local";
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      String text = a.getHostAddress();
      if (first == 0) {
        return "unspecified";
      }
      if (first >= 240) {
        return "reserved";
      }
      if (text.equals("100.100.100.200") || text.equals("168.63.129.16")) {
        return "cloud metadata";
      }
      return null;
    }
    if (HttpTarget.ofAddress(a).text().equals("[fd00:ec2::254]")) {
      return "cloud metadata";
    }
    InetAddress embedded = embeddedV4(a);
    if (embedded != null) {
      String kind = special(embedded);
      return kind == null ? null : kind + " (inside IPv6)";
    }
    return null;
  }

  /**
   * The IPv4 address inside an IPv4-compatible ({@code ::a.b.c.d}), IPv4-translated ({@code
   * ::ffff:0:a.b.c.d}) or NAT64 ({@code 64:ff9b::a.b.c.d}) IPv6 address, else {@code null}.
   * IPv4-mapped addresses ({@code ::ffff:a.b.c.d}) are IPv4 addresses already ({@link
   * java.net.InetAddress} makes them so).
   */
  private static InetAddress embeddedV4(InetAddress a) {
    if (!(a instanceof Inet6Address v6)) {
      return null;
    }
    byte[] b = v6.getAddress();
    boolean compatible = true;
    for (int i = 0; i < 12; i++) {
      compatible &= b[i] == 0;
    }
    boolean translated = (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0 && b[11] == 0;
    for (int i = 0; translated && i < 8; i++) {
      translated = b[i] == 0;
    }
    boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    for (int i = 4; nat64 && i < 12; i++) {
      nat64 = b[i] == 0;
    }
    if (!compatible && !nat64 && !translated) {
      return null;
    }
    try {
      return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * A rule's pattern split into host and port; the host in canonical form when it has no wildcard,
   * lowercased without a trailing dot otherwise. {@code port} is {@code null} when the pattern
   * names none.
   */
  record Pattern(String host, String port) {
    static Pattern of(String pattern) {
      String host = pattern;
      String port = null;
      if (pattern.startsWith("[")) {
        int close = pattern.indexOf(']');
        if (close > 0 && pattern.startsWith(":", close + 1)) {
          host = pattern.substring(0, close + 1);
          port = pattern.substring(close + 2);
        }
      } else {
        int colon = pattern.lastIndexOf(':');
        if (colon >= 0) {
          host = pattern.substring(0, colon);
          port = pattern.substring(colon + 1);
        }
      }
      String canonical = host.toLowerCase(Locale.ROOT);
      if (canonical.endsWith(".")) {
        canonical = canonical.substring(0, canonical.length() - 1);
      }
      if (canonical.indexOf('*') < 0) {
        HttpTarget.Host h = HttpTarget.canonicalHost(host);
        if (h != null) {
          canonical = h.text();
        }
      }
      return new Pattern(canonical, port);
    }

    /**
     * Whether the pattern covers {@code host} on {@code port}. A pattern without a port covers
     * every port of its host (allow and deny alike); one with a port only that port.
     */
    boolean matches(String host, int port) {
      if (!PolicyEngine.matches(this.host, host)) {
        return false;
      }
      if (this.port == null) {
        return true;
      }
      return PolicyEngine.matches(this.port, Integer.toString(port));
    }
  }
}
