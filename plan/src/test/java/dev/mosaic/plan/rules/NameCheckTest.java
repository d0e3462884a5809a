package dev.mosaic.plan.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mosaic.plan.store.FileBlobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Component ids, tenant names and digests are checked by loops instead of regex matchers (a plan
 * checks one of each per component); the loops must accept exactly what the grammar in the
 * documentation says, shown here against that grammar written as a regex.
 */
class NameCheckTest {
  private static final Pattern COMPONENT_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  @Test
  void loopsAgreeWithTheGrammarOnEdgesAndRandomStrings() {
    List<String> cases = new ArrayList<>(edgeCases());
    Random random = new Random(18);
    String alphabet = "aZ09_.-:/ \u00e9\u0000A\u0130\u212a";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(4) == 0 ? 60 + random.nextInt(80) : random.nextInt(8);
      for (int j = 0; j < length; j++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      cases.add(s.toString());
      cases.add("sha256:" + hex(random, 63 + random.nextInt(3)));
    }
    for (String s : cases) {
      assertEquals(COMPONENT_ID.matcher(s).matches(), PlanRules.isComponentId(s), "id " + s);
      assertEquals(
          TENANT.matcher(s).matches() && !s.contains(".."),
          FileBlobStore.isTenant(s),
          "tenant " + s);
      assertEquals(DIGEST.matcher(s).matches(), FileBlobStore.isDigest(s), "digest " + s);
    }
  }

  private static List<String> edgeCases() {
    return List.of(
        "",
        "a",
        "_",
        "-a",
        ".a",
        "0a",
        "a..b",
        "a.",
        "..",
        "a-b_c.d",
        "x".repeat(64),
        "x".repeat(65),
        "x".repeat(128),
        "x".repeat(129),
        "sha256:" + "0".repeat(64),
        "sha256:" + "A".repeat(64),
        "sha256:" + "0".repeat(63) + "g",
        "SHA256:" + "0".repeat(64),
        "sha256:" + "0".repeat(65));
  }

  private static String hex(Random random, int digits) {
    StringBuilder s = new StringBuilder();
    String chars = "0123456789abcdefABg";
    for (int i = 0; i < digits; i++) {
      s.append(chars.charAt(random.nextInt(random.nextInt(10) == 0 ? chars.length() : 16)));
    }
    return s.toString();
  }
}
