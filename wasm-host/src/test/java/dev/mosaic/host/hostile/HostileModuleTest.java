package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.WasmHost;
import dev.mosaic.host.internal.ModuleInspector;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Modules of a few bytes that claim huge counts where a parser that trusts counts allocates first:
 * a type with 2^28 parameters, an element segment of 2^28 entries, a data segment of 2^28 bytes.
 * Each is a coded error, at compile time and at instantiation, without the heap.
 */
class HostileModuleTest {
  private static final byte F = (byte) 0x80;

  /** (type (func (param ...2^28 params))) in a 7-byte section. */
  static final byte[] HUGE_PARAMS = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 7, 1, 0x60, F, F, F, F, 0x01};

  /** A table and an element segment claiming 2^28 function indices in a 10-byte section. */
  static final byte[] HUGE_ELEMENTS = {
    0, 'a', 's', 'm', 1, 0, 0, 0, 4, 4, 1, 0x70, 0, 1, 9, 10, 1, 0, 0x41, 0, 0x0B, F, F, F, F, 0x01
  };

  /** A passive data segment claiming 2^28 bytes in an 8-byte section. */
  static final byte[] HUGE_DATA = {0, 'a', 's', 'm', 1, 0, 0, 0, 11, 8, 1, 1, F, F, F, F, 0x01, 0};

  @Test
  void theCompilersReaderRefusesHugeClaimsWithACode() {
    assertThatThrownBy(() -> ModuleInspector.inspect("evil.wasm", HUGE_PARAMS))
        .isInstanceOfSatisfying(
            MosaicException.class, e -> assertThat(e.code()).isEqualTo("E4201"));
  }

  @Test
  void aComponentWhereACoreModuleIsRequiredIsE4205SayingComponentsRunAsPlanComponents() {
    byte[] component = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};
    assertThatThrownBy(() -> ModuleInspector.inspect("app.wasm", component))
        .isInstanceOfSatisfying(
            MosaicException.class,
            e -> {
              assertThat(e.code()).isEqualTo("E4205");
              assertThat(e.getMessage())
                  .contains(
                      "`app.wasm` is a WebAssembly component (component model) where a core module"
                          + " is required")
                  .doesNotContain("do not run");
              assertThat(e.diagnostics().getFirst().help())
                  .contains("components run as the blob of a plan component");
            });
  }

  @Test
  void theHostRefusesHugeClaimsWithACode() {
    try (WasmHost host = WasmHost.builder().guestLog(line -> {}).build()) {
      for (byte[] module : List.of(HUGE_PARAMS, HUGE_ELEMENTS, HUGE_DATA)) {
        Component c = new Component("evil", PlanCodec.digestOf(module), List.of(), List.of());
        assertThatThrownBy(
                () ->
                    host.instantiate(
                        ForgedPlans.unchecked("t1", List.of(c), Map.of("evil", module))))
            .isInstanceOfSatisfying(
                MosaicException.class, e -> assertThat(e.code()).isIn("E4201", "E9005"));
      }
    }
  }
}
