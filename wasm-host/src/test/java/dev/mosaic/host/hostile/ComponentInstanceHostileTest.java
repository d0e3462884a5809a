package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.component.ComponentBytes;
import dev.mosaic.host.component.ComponentCodes;
import dev.mosaic.host.component.ComponentInstance;
import dev.mosaic.host.component.ComponentLimits;
import dev.mosaic.host.component.TestComponents;
import dev.mosaic.plan.MosaicException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Components whose lifted functions lie about their core functions, or that alias a core memory as
 * a function: instantiating or calling them fails with a coded error, never a Java exception.
 */
class ComponentInstanceHostileTest {

  private static void assertCode(Runnable r, String code, String message) {
    assertThatThrownBy(r::run)
        .isInstanceOf(MosaicException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(code);
  }

  @Test
  void liftedFunctionsThatDoNotMatchTheirCoreFunctionsTrap() {
    try (ComponentInstance c =
        ComponentInstance.instantiate(
            TestComponents.bytes("hostile-mismatch"), ComponentLimits.DEFAULT, 1 << 20)) {
      assertCode(() -> c.call("wide", List.of()), "E9001", "where an i32 belongs");
      assertCode(() -> c.call("two", List.of(1L)), "E9001", "`two`");
      // A host built-in lifted as a component function runs as the built-in: it makes a handle.
      assertThat(c.call("new", List.of(5L))).isEqualTo(1L);
      assertThat(c.state().handles().live()).isEqualTo(1);
    }
  }

  @Test
  void aComponentCannotInstantiateCoreModulesWithoutEnd() {
    // one core module with a page of memory, instantiated 1,001 times
    byte[] module = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01};
    ComponentBytes instances = ComponentBytes.empty().u32(1001);
    for (int i = 0; i < 1001; i++) {
      instances.raw(0x00).u32(0).u32(0);
    }
    byte[] bytes =
        ComponentBytes.component()
            .section(1, ComponentBytes.empty().raw(module))
            .section(2, instances)
            .bytes();
    assertCode(
        () -> ComponentInstance.instantiate(bytes, ComponentLimits.DEFAULT, 1 << 20),
        ComponentCodes.LIMIT,
        "more than 1000 core modules");
  }

  @Test
  void aMemoryAliasedAsAFunctionIsInvalid() {
    assertCode(
        () ->
            ComponentInstance.instantiate(
                TestComponents.bytes("hostile-alias-kind"), ComponentLimits.DEFAULT, 1 << 20),
        ComponentCodes.INVALID,
        "export `memory` of core instance 0 is not a core func");
  }
}
