package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.WasmHost;
import dev.mosaic.plan.MosaicException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guests that start with more memory or table elements than they may use, or grow their tables
 * without end: refused before they run, or {@code table.grow} returns -1 at the cap.
 */
class TableAndMemoryLimitsTest {
  @TempDir Path dir;

  private WasmHost host(HostLimits limits) {
    return WasmHost.builder().guestLog(line -> {}).limits(limits).build();
  }

  private static Consumer<MosaicException> code(String code, int exit) {
    return e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.exitCode()).isEqualTo(exit);
    };
  }

  @Test
  void aModuleStartingWithMoreMemoryThanItsTenantMayUseIsRefusedAtValidation() {
    // 4096 pages (256 MiB) in a tenant of 16 MiB: refused before anything is instantiated.
    LimitGuests plan = new LimitGuests(dir).component("big", "bigmemory").maxMemory(16L << 20);
    assertThatThrownBy(plan::validate)
        .isInstanceOfSatisfying(MosaicException.class, code("E8008", 65));
    // The same module in a tenant that may use 256 MiB runs, with all its pages.
    try (WasmHost host = host(HostLimits.DEFAULT);
        Composition c =
            host.instantiate(
                new LimitGuests(dir.resolve("b"))
                    .component("big", "bigmemory")
                    .maxMemory(256L << 20)
                    .validate())) {
      assertThat(c.call("big", "pages", List.of())).isEqualTo(4096L);
    }
  }

  @Test
  void aModuleStartingWithMoreMemoryThanTheHostsModuleCapIsRefusedBeforeItRuns() {
    try (WasmHost host = host(HostLimits.DEFAULT.withMaxModuleMemoryBytes(64L << 20))) {
      var plan =
          new LimitGuests(dir).component("big", "bigmemory").maxMemory(256L << 20).validate();
      assertThatThrownBy(() -> host.instantiate(plan))
          .isInstanceOfSatisfying(MosaicException.class, code("E9003", 70));
    }
  }

  @Test
  void tableGrowPastTheModuleCapReturnsMinusOne() {
    try (WasmHost host = host(HostLimits.DEFAULT.withTableLimits(1_000, 10_000, 10));
        Composition c =
            host.instantiate(new LimitGuests(dir).component("t", "tables").validate())) {
      // one element declared, no maximum: the host caps the table at 1,000 elements
      assertThat(c.call("t", "grow_table", List.of(999))).isEqualTo(1L);
      assertThat(c.call("t", "grow_table", List.of(1))).isEqualTo(-1L);
      assertThat(c.call("t", "table_size", List.of())).isEqualTo(1_000L);
    }
  }

  @Test
  void aGuestGrowingItsTableWithoutEndStopsAtTheDefaultCap() {
    // The attack of the report: table.grow until something gives. The default cap is 1,000,000
    // elements per module; growing by 100,000 at a time ends at 900,001.
    try (WasmHost host = host(HostLimits.DEFAULT);
        Composition c =
            host.instantiate(new LimitGuests(dir).component("t", "tables").validate())) {
      assertThat(c.call("t", "grow_until_refused", List.of(100_000))).isEqualTo(900_001L);
      assertThat(c.call("t", "grow_table", List.of(99_999))).isEqualTo(900_001L);
      assertThat(c.call("t", "grow_table", List.of(1))).isEqualTo(-1L);
    }
  }

  @Test
  void aModuleStartingWithATableOverTheCapIsRefusedBeforeItRuns() {
    // (table 2000000 funcref) against the default cap of 1,000,000 elements per module
    try (WasmHost host = host(HostLimits.DEFAULT)) {
      var plan = new LimitGuests(dir).component("t", "bigtable").validate();
      assertThatThrownBy(() -> host.instantiate(plan))
          .isInstanceOfSatisfying(MosaicException.class, code("E9009", 70))
          .hasMessageContaining("starts with 2000000 table elements");
    }
  }

  @Test
  void aModuleWithMoreTablesThanTheHostAllowsIsRefused() {
    // 200 empty tables, each of which could grow to the module's cap on its own
    try (WasmHost host = host(HostLimits.DEFAULT)) {
      var plan = new LimitGuests(dir).component("t", "manytables").validate();
      assertThatThrownBy(() -> host.instantiate(plan))
          .isInstanceOfSatisfying(MosaicException.class, code("E9009", 70))
          .hasMessageContaining("defines 200 tables, over the host's limit of 100");
    }
  }

  @Test
  void theTenantsTableElementsAreATotalOverItsCompositions() {
    try (WasmHost host = host(HostLimits.DEFAULT.withTableLimits(1_000, 2_500, 10))) {
      var plan = new LimitGuests(dir).component("t", "tables").validate();
      Composition first = host.instantiate(plan);
      Composition second = host.instantiate(plan);
      assertThatThrownBy(() -> host.instantiate(plan))
          .isInstanceOfSatisfying(MosaicException.class, code("E9106", 70))
          .hasMessageContaining("would reserve 3000 table elements, over the host's limit of 2500");
      first.close();
      try (Composition third = host.instantiate(plan)) {
        assertThat(third.call("t", "grow_table", List.of(999))).isEqualTo(1L);
      }
      second.close();
    }
  }
}
