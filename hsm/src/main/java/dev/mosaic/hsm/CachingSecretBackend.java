package dev.mosaic.hsm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps values read from another backend for a bounded time. Each cached value is wiped when it
 * expires, when it is evicted because the cache is full (least recently used first) and when the
 * cache is closed. Every {@link #read} hands out a fresh copy that the caller closes. A sweeper
 * thread wipes expired values even when nobody reads them; key operations are passed through
 * uncached.
 */
public final class CachingSecretBackend implements SecretBackend {
  private final SecretBackend delegate;
  private final long ttlNanos;
  private final int maxEntries;
  private final LongSupplier nanoClock;
  private final ScheduledExecutorService sweeper;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private boolean closed;

  private record Entry(Secret secret, long expiresAtNanos) {}

  CachingSecretBackend(
      SecretBackend delegate,
      Duration ttl,
      int maxEntries,
      LongSupplier nanoClock,
      ScheduledExecutorService sweeper) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
    this.nanoClock = nanoClock;
    this.sweeper = sweeper;
  }

  /**
   * Caches {@code delegate}'s values for {@code ttl}, at most {@code maxEntries} of them, with a
   * daemon sweeper that wipes expired values every {@code ttl} (but not more often than every 50
   * ms).
   */
  public static CachingSecretBackend of(SecretBackend delegate, Duration ttl, int maxEntries) {
    ScheduledExecutorService sweeper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("mosaic-secret-sweeper").factory());
    CachingSecretBackend cache =
        new CachingSecretBackend(delegate, ttl, maxEntries, System::nanoTime, sweeper);
    long period = Math.max(ttl.toMillis(), 50);
    sweeper.scheduleAtFixedRate(cache::evictExpired, period, period, TimeUnit.MILLISECONDS);
    return cache;
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public Secret read(String name) {
    synchronized (this) {
      ensureOpen();
      evictExpired();
      Entry entry = entries.get(name);
      if (entry != null) {
        return new Secret(name, entry.secret().copyValue());
      }
    }
    Secret loaded = delegate.read(name);
    Secret copy = new Secret(name, loaded.copyValue());
    List<Secret> dropped = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        dropped.add(loaded);
      } else {
        Entry previous = entries.put(name, new Entry(loaded, nanoClock.getAsLong() + ttlNanos));
        if (previous != null) {
          dropped.add(previous.secret());
        }
        Iterator<Entry> oldest = entries.values().iterator();
        while (entries.size() > maxEntries) {
          dropped.add(oldest.next().secret());
          oldest.remove();
        }
      }
    }
    dropped.forEach(Secret::close);
    return copy;
  }

  /** Wipes and drops every value whose time is up. */
  public synchronized void evictExpired() {
    long now = nanoClock.getAsLong();
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Entry entry = it.next().getValue();
      if (now - entry.expiresAtNanos() >= 0) {
        entry.secret().close();
        it.remove();
      }
    }
  }

  /** How many values are cached now. */
  public synchronized int size() {
    return entries.size();
  }

  @Override
  public byte[] hmacSha256(String keyName, byte[] data) {
    return delegate.hmacSha256(keyName, data);
  }

  @Override
  public byte[] sign(String keyName, SignatureAlgorithm algorithm, byte[] data) {
    return delegate.sign(keyName, algorithm, data);
  }

  @Override
  public byte[] encrypt(String keyName, byte[] plaintext) {
    return delegate.encrypt(keyName, plaintext);
  }

  @Override
  public byte[] decrypt(String keyName, byte[] nonceAndCiphertext) {
    return delegate.decrypt(keyName, nonceAndCiphertext);
  }

  /** Wipes every cached value, stops the sweeper and closes the delegate. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      entries.values().forEach(entry -> entry.secret().close());
      entries.clear();
    }
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
    delegate.close();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("secret cache for `" + delegate.id() + "` is closed");
    }
  }

  @Override
  public String toString() {
    return "CachingSecretBackend[" + delegate.id() + "]";
  }
}
