package dev.mosaic.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingSecretBackendTest {
  /** Counts reads and keeps every secret it handed out, to see when the cache wipes them. */
  static final class CountingBackend implements SecretBackend {
    final List<Secret> handedOut = new ArrayList<>();
    boolean closed;

    @Override
    public String id() {
      return "test://counting";
    }

    @Override
    public synchronized Secret read(String name) {
      Secret secret = new Secret(name, ("value-of-" + name).getBytes(StandardCharsets.UTF_8));
      handedOut.add(secret);
      return secret;
    }

    @Override
    public byte[] hmacSha256(String keyName, byte[] data) {
      return LocalKeys.hmacSha256(this, keyName, data);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final AtomicLong now = new AtomicLong();
  private final CountingBackend backend = new CountingBackend();

  private CachingSecretBackend cache(int max) {
    return new CachingSecretBackend(backend, Duration.ofSeconds(10), max, now::get, null);
  }

  @Test
  void servesCopiesWithinTheTtlAndWipesOnExpiry() {
    CachingSecretBackend cache = cache(10);
    try (Secret first = cache.read("a");
        Secret second = cache.read("a")) {
      assertThat(first.copyValue()).isEqualTo(second.copyValue());
      assertThat(backend.handedOut).hasSize(1);
    }
    assertThat(backend.handedOut.getFirst().isWiped()).isFalse();

    now.addAndGet(Duration.ofSeconds(10).toNanos());
    cache.evictExpired();
    assertThat(backend.handedOut.getFirst().isWiped()).isTrue();
    assertThat(cache.size()).isZero();
    try (Secret again = cache.read("a")) {
      assertThat(again.copyValue()).isEqualTo("value-of-a".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(backend.handedOut).hasSize(2);
  }

  @Test
  void evictsTheLeastRecentlyUsedWhenFull() {
    CachingSecretBackend cache = cache(2);
    cache.read("a").close();
    cache.read("b").close();
    cache.read("a").close();
    cache.read("c").close();
    assertThat(cache.size()).isEqualTo(2);
    assertThat(backend.handedOut.get(1).name()).isEqualTo("b");
    assertThat(backend.handedOut.get(1).isWiped()).isTrue();
    assertThat(backend.handedOut.get(0).isWiped()).isFalse();
  }

  @Test
  void closeWipesEverythingAndClosesTheDelegate() {
    CachingSecretBackend cache = cache(10);
    Secret handed = cache.read("a");
    cache.close();
    assertThat(backend.handedOut.getFirst().isWiped()).isTrue();
    assertThat(backend.closed).isTrue();
    assertThat(handed.isWiped()).isFalse();
    handed.close();
    assertThatThrownBy(() -> cache.read("a")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closingACopyLeavesTheCachedValueIntact() {
    CachingSecretBackend cache = cache(10);
    cache.read("a").close();
    try (Secret again = cache.read("a")) {
      assertThat(again.copyValue()).isEqualTo("value-of-a".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void theSweeperWipesExpiredValuesNobodyReads() throws InterruptedException {
    CountingBackend delegate = new CountingBackend();
    try (CachingSecretBackend cache = CachingSecretBackend.of(delegate, Duration.ofMillis(60), 4)) {
      cache.read("a").close();
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!delegate.handedOut.getFirst().isWiped() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(delegate.handedOut.getFirst().isWiped()).isTrue();
      assertThat(cache.size()).isZero();
    }
  }
}
