package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A tenant's module caches keep the modules used last and no more, whatever number of distinct
 * modules the tenant loads (the tenant-level case is in {@code HostLifecycleTest}).
 */
class ModuleCacheTest {
  @Test
  void theCacheKeepsTheEntriesUsedLastAndNoMore() {
    Tenant.Lru<String, String> cache = new Tenant.Lru<>(3);
    for (int i = 0; i < 10_000; i++) {
      cache.computeIfAbsent("module-" + i, k -> k);
      cache.computeIfAbsent("module-0", k -> k); // used at every step: never dropped
    }
    assertThat(cache.snapshot()).hasSize(3).containsKeys("module-0", "module-9999", "module-9998");
  }

  @Test
  void theHostsDefaultCacheIsBounded() {
    assertThat(WasmHost.DEFAULT_MODULE_CACHE_SIZE).isBetween(1, 4096);
    Tenant.Lru<String, Integer> cache = new Tenant.Lru<>(WasmHost.DEFAULT_MODULE_CACHE_SIZE);
    for (int i = 0; i < WasmHost.DEFAULT_MODULE_CACHE_SIZE * 10; i++) {
      cache.computeIfAbsent("digest-" + i, k -> 0);
    }
    assertThat(cache.size()).isEqualTo(WasmHost.DEFAULT_MODULE_CACHE_SIZE);
  }
}
