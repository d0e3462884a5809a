package dev.mosaic.plan.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonToken;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.PlanFixtures;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The token reader that replaced Jackson's parser on the decode path. */
class CborTokensTest {
  private static final HexFormat HEX = HexFormat.of();
  private final PlanCodec codec = new PlanCodec();

  @Test
  void bytesCutAnywhereEndInAnIOExceptionNeverInAnIndexError() {
    // The scanner refuses these first; the reader must still stay inside the array on its own.
    byte[] plan = codec.encode(PlanFixtures.typical());
    for (int length = 0; length < plan.length; length++) {
      CborTokens tokens = new CborTokens(Arrays.copyOf(plan, length));
      try {
        for (JsonToken t = tokens.nextToken(); t != null; t = tokens.nextToken()) {
          if (t == JsonToken.VALUE_STRING) {
            tokens.getText();
          }
        }
      } catch (IOException expected) {
        // the only way out besides the end
      }
    }
  }

  @Test
  void textThatIsNotWellFormedUtf8IsMalformed() {
    // {"tenant": <text>} with an encoded surrogate (ed a0 80), an overlong `/` (c0 af), a code
    // point above U+10FFFF (f4 90 80 80) and a cut sequence (e2 82)
    for (String text : new String[] {"63eda080", "62c0af", "64f4908080", "62e282"}) {
      MosaicException e =
          catchThrowableOfType(
              MosaicException.class, () -> codec.decode(HEX.parseHex("a16674656e616e74" + text)));
      assertThat(e).as(text).isNotNull();
      assertThat(e.code()).as(text).isEqualTo("E3001");
    }
  }

  @Test
  void nonAsciiTextDecodes() {
    Plan plan = PlanFixtures.typical();
    // two-, three- and four-byte UTF-8 sequences
    Plan renamed =
        new Plan(
            plan.formatVersion(),
            "t\u00e9\u20ac\ud834\udd1e",
            plan.components(),
            plan.bindings(),
            plan.policy(),
            plan.limits(),
            plan.entryPoints());
    assertThat(codec.decode(codec.encode(renamed))).isEqualTo(renamed);
  }

  @Test
  void valueTypesDecodeToOneSharedInstance() {
    Plan decoded = codec.decode(codec.encode(PlanFixtures.typical()));
    String first = decoded.components().getFirst().exports().getFirst().type().results().getFirst();
    assertThat(first).isEqualTo("i32");
    decoded.components().stream()
        .flatMap(c -> c.exports().stream())
        .flatMap(f -> f.type().results().stream())
        .filter("i32"::equals)
        .forEach(t -> assertThat(t).isSameAs(first));
  }
}
