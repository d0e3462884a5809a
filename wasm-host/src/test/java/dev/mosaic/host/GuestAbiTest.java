package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.abi.AbiDeclarations;
import dev.mosaic.host.internal.ModuleInspector;
import dev.mosaic.plan.MosaicException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guest ABI v1: strings and bytes through the call API and across bindings. */
class GuestAbiTest {
  @TempDir Path dir;
  private TestPlans plans;
  private WasmHost host;

  @BeforeEach
  void setUp() {
    plans = new TestPlans(dir);
    host = WasmHost.builder().guestLog(line -> {}).build();
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  @Test
  void callPassesStringsAndReturnsTheDeclaredResultKind() {
    try (Composition c = host.instantiate(plans.plan("t1").component("text", "text").validate())) {
      assertThat(c.call("text", "upper", List.of("hello, wörld"))).isEqualTo("HELLO, WöRLD");
      assertThat(c.call("text", "size", List.of(new byte[] {1, 2, 3, 4, 5}))).isEqualTo(5L);
      assertThat(c.call("text", "size", List.of("héllo"))).isEqualTo(6L);
      assertThat(c.call("text", "upper", List.of(""))).isEqualTo("");
    }
  }

  @Test
  void largeArgumentsGrowTheGuestMemoryAndComeBackIntact() {
    String big = "abcdefgh".repeat(20_000);
    // A byte-by-byte loop over 160 KB, interpreted at first: time to spare on a loaded machine.
    try (Composition c =
        host.instantiate(
            plans
                .plan("t1")
                .component("text", "text")
                .limits(100, 256L << 20, 60_000)
                .validate())) {
      assertThat(c.call("text", "upper", List.of(big))).isEqualTo(big.toUpperCase());
    }
  }

  @Test
  void bindingCopiesStringsBetweenTheTwoMemories() {
    try (Composition c =
        host.instantiate(
            plans
                .plan("t1")
                .component("text", "text")
                .component("shout", "shout")
                .bind("shout", "text", "upper", "text", "upper")
                .validate())) {
      assertThat(c.call("shout", "shout", List.of("hi there"))).isEqualTo("HI THERE!");
      assertThat(c.call("shout", "shout", List.of("again"))).isEqualTo("AGAIN!");
    }
  }

  @Test
  void numericChainLinksWasmToWasmThreeModulesDeep() {
    try (Composition c =
        host.instantiate(
            plans
                .plan("t1")
                .component("double", "double")
                .component("quad", "quad")
                .component("octo", "octo")
                .bind("quad", "math", "double", "double", "double")
                .bind("octo", "math", "quad", "quad", "quad")
                .bind("octo", "math", "double", "double", "double")
                .validate())) {
      assertThat(c.call("octo", "octo", List.of(5))).isEqualTo(40L);
      assertThat(c.call("quad", "quad", List.of(3))).isEqualTo(12L);
    }
  }

  @Test
  void numbersPassAsTypedNeverTruncatedOrWrapped() {
    try (Composition c =
        host.instantiate(plans.plan("t1").component("double", "double").validate())) {
      assertThat(c.call("double", "double", List.of(21))).isEqualTo(42L);
      assertThat(c.call("double", "double", List.of(21.0))).isEqualTo(42L);
      assertThat(c.call("double", "double", List.of(new java.math.BigInteger("21"))))
          .isEqualTo(42L);
      for (Object bad :
          List.<Object>of(
              2.9,
              -0.5,
              Double.NaN,
              Double.POSITIVE_INFINITY,
              1e300,
              4_294_967_296L,
              -2_147_483_649L,
              new java.math.BigDecimal("1.5"),
              new java.math.BigInteger("99999999999999999999999"))) {
        assertThatThrownBy(() -> c.call("double", "double", List.of(bad)))
            .as("argument %s", bad)
            .isInstanceOfSatisfying(
                MosaicException.class, e -> assertThat(e.code()).isEqualTo(HostCodes.BAD_CALL))
            .hasMessageContaining("argument 1 of `double.double` is i32, got ");
      }
    }
  }

  @Test
  void wrongArgumentKindsAreRejectedWithACode() {
    try (Composition c = host.instantiate(plans.plan("t1").component("text", "text").validate())) {
      assertThatThrownBy(() -> c.call("text", "upper", List.of(42)))
          .isInstanceOfSatisfying(
              MosaicException.class, e -> assertThat(e.code()).isEqualTo(HostCodes.BAD_CALL))
          .hasMessageContaining("must be string");
      assertThatThrownBy(() -> c.call("text", "upper", List.of("a", "b")))
          .isInstanceOfSatisfying(
              MosaicException.class, e -> assertThat(e.code()).isEqualTo(HostCodes.BAD_CALL));
    }
  }

  @Test
  void declarationsThatDoNotMatchTheExportAreRejected() {
    var exports = ModuleInspector.inspect("text", TestPlans.wasm("text")).exports();
    byte[] section = "upper: string, i32 -> string\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AbiDeclarations.parse("text", section, exports))
        .isInstanceOfSatisfying(
            MosaicException.class, e -> assertThat(e.code()).isEqualTo(HostCodes.ABI))
        .hasMessageContaining("lowers to (i32, i32, i32) -> (i64)");
    byte[] unknown = "missing: string -> string\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AbiDeclarations.parse("text", unknown, exports))
        .hasMessageContaining("does not export");
    byte[] kind = "upper: text -> string\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AbiDeclarations.parse("text", kind, exports))
        .hasMessageContaining("unknown kind `text`");
  }
}
