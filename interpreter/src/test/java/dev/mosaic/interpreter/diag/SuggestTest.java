package dev.mosaic.interpreter.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "Did you mean" picks a close name, and only a close one. */
class SuggestTest {
  @Test
  void countsASwapOfNeighboursAsOneEdit() {
    assertThat(Suggest.distance("piont", "point")).isEqualTo(1);
    assertThat(Suggest.help("piont", List.of("s32", "point"))).isEqualTo("did you mean `point`?");
  }

  @Test
  void suggestsNothingWhenNothingIsClose() {
    assertThat(Suggest.help("region", List.of("tenant", "env"))).isNull();
    assertThat(Suggest.help("x", List.of())).isNull();
  }

  @Test
  void prefersTheClosestName() {
    assertThat(Suggest.closest("greter", List.of("greet", "greeter", "reader")))
        .hasValue("greeter");
  }
}
