package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tenant's module caches keep the modules used last and no more, whatever number of distinct
 * modules the tenant loads.
 */
class ModuleCacheTest {
  @Test
  void theCacheKeepsTheEntriesUsedLastAndNoMore() {
    Map<String, String> cache = Tenant.boundedCache(3);
    for (int i = 0; i < 10_000; i++) {
      cache.computeIfAbsent("module-" + i, k -> k);
      cache.computeIfAbsent("module-0", k -> k); // used at every step: never dropped
    }
    assertThat(cache).hasSize(3).containsKeys("module-0", "module-9999", "module-9998");
  }

  @Test
  void aTenantsCachesAreBounded() {
    assertThat(Tenant.MAX_CACHED_MODULES).isPositive();
    Map<String, Integer> cache = Tenant.boundedCache(Tenant.MAX_CACHED_MODULES);
    for (int i = 0; i < Tenant.MAX_CACHED_MODULES * 10; i++) {
      cache.put("digest-" + i, i);
    }
    assertThat(cache).hasSize(Tenant.MAX_CACHED_MODULES);
  }
}
