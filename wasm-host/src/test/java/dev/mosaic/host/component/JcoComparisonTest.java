package dev.mosaic.host.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same component gives the same results under Mosaic and under {@code jco transpile} on node:
 * src/test/components/jco-compare.mjs runs the cases under jco and prints them in a neutral
 * notation; this test runs them under {@link ComponentInstance} and writes them the same way.
 */
class JcoComparisonTest {
  private static final String VALUES = "mosaic:fixture/values@0.1.0";

  @TempDir Path dir;

  @Test
  void everyKindOfValueComesOutAsUnderJco() throws Exception {
    assumeTrue(node(), "node is not installed: the comparison with jco needs it (CI has it)");
    List<String> mosaic = new ArrayList<>();
    try (ComponentInstance c =
        ComponentInstance.instantiate(
            TestComponents.bytes("fixture"), ComponentLimits.DEFAULT, 16 << 20)) {
      Map<String, Supplier<String>> cases = new java.util.LinkedHashMap<>();
      cases.put("greet", () -> neutral(call(c, "greet", "wörld ✓")));
      cases.put("shout", () -> neutral(call(c, "shout", List.of("ab", "ç", ""))));
      cases.put("move-point", () -> neutral(call(c, "move-point", Map.of("x", 1, "y", -2), 3, 4)));
      cases.put("area-circle", () -> neutral(call(c, "area", new VariantValue("circle", 2.0))));
      cases.put(
          "area-rect",
          () -> neutral(call(c, "area", new VariantValue("rect", Map.of("x", 2, "y", 3)))));
      cases.put("area-empty", () -> neutral(call(c, "area", new VariantValue("empty", null))));
      cases.put("find-some", () -> neutral(call(c, "find", List.of("a", "b"), "b")));
      cases.put("find-none", () -> neutral(call(c, "find", List.of("a"), "z")));
      cases.put("parse-ok", () -> neutral(call(c, "parse-number", "-9007199254740993")));
      cases.put("parse-err", () -> neutral(call(c, "parse-number", "x")));
      cases.put("grant", () -> neutral(call(c, "grant", Set.of("read"), Set.of("exec"))));
      cases.put("next-color", () -> neutral(call(c, "next-color", "blue")));
      cases.put("pair", () -> neutral(call(c, "pair", List.of(200, "✓"), false)));
      cases.put("version", () -> neutral(c.call("version", List.of())));
      cases.forEach((name, f) -> mosaic.add(name + " = " + f.get()));
    }
    assertThat(mosaic).containsExactlyElementsOf(jco());
  }

  private static Object call(ComponentInstance c, String function, Object... args) {
    return c.call(VALUES, function, List.of(args));
  }

  private List<String> jco() throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "node",
                Path.of("src/test/components/jco-compare.mjs").toAbsolutePath().toString(),
                TestComponents.dir().toAbsolutePath().toString(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    return text.lines().filter(l -> l.contains(" = ")).toList();
  }

  private static boolean node() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** The notation jco-compare.mjs writes: JSON strings, sorted record keys, tag(payload). */
  static String neutral(Object v) {
    return switch (v) {
      case null -> "none";
      case String s -> json(s);
      case Boolean b -> b.toString();
      case Integer i -> i.toString();
      case Long l -> l.toString();
      case Float f -> number(f.doubleValue());
      case Double d -> number(d);
      case Optional<?> o -> o.isEmpty() ? "none" : "some(" + neutral(o.get()) + ")";
      case WitResult.Ok ok -> "ok(" + neutral(ok.value()) + ")";
      case WitResult.Err err -> "err(" + neutral(err.value()) + ")";
      case VariantValue vv ->
          vv.caseName() + "(" + (vv.payload() == null ? "" : neutral(vv.payload())) + ")";
      case Set<?> flags ->
          "[" + String.join(",", flags.stream().map(f -> json((String) f)).sorted().toList()) + "]";
      case List<?> l ->
          "[" + String.join(",", l.stream().map(JcoComparisonTest::neutral).toList()) + "]";
      case Map<?, ?> m -> {
        List<String> fields = new ArrayList<>();
        new TreeMap<>(m).forEach((k, x) -> fields.add(k + ":" + neutral(x)));
        yield "{" + String.join(",", fields) + "}";
      }
      default -> v.toString();
    };
  }

  private static String number(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d)
        ? Long.toString((long) d)
        : Double.toString(d);
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> b.append(ch);
      }
    }
    return b.append('"').toString();
  }
}
