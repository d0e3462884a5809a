package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.WasmHost;
import dev.mosaic.host.internal.ModuleInspector;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.ValidatedPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The host compares each module's imports and exports with the plan again before linking, so a plan
 * that slipped past validation still cannot declare less than its module imports.
 */
class HostInterfaceCheckTest {
  @Test
  void aPlanDeclaringFewerImportsThanItsModuleIsRefusedBeforeLinking() {
    // `hostile` imports mosaic.log; the forged plan declares no import at all.
    byte[] bytes = LimitGuests.wasm("hostile");
    ModuleInspector.ModuleInterface shape = ModuleInspector.inspect("hostile", bytes);
    Component c = new Component("h", PlanCodec.digestOf(bytes), List.of(), shape.exports());
    ValidatedPlan forged = ForgedPlans.unchecked("t1", List.of(c), Map.of("h", bytes));
    List<String> logged = new ArrayList<>();
    try (WasmHost host = WasmHost.builder().guestLog(logged::add).build()) {
      assertThatThrownBy(() -> host.instantiate(forged))
          .isInstanceOfSatisfying(
              MosaicException.class,
              e -> {
                assertThat(e.code()).isEqualTo("E4203");
                assertThat(e.getMessage()).contains("component `h`'s module imports `mosaic.log`");
              });
    }
    assertThat(logged).isEmpty();
  }
}
