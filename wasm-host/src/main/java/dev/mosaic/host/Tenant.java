package dev.mosaic.host;

import dev.mosaic.host.capability.GuestLog;
import dev.mosaic.host.capability.TokenBucket;
import dev.mosaic.host.files.TenantFileRoot;
import dev.mosaic.host.internal.PreparedModule;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import dev.mosaic.plan.diag.Diagnostic;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;

/**
 * Everything a host keeps for one tenant, apart from every other tenant: its own engine (so its
 * compiled code and source cache are its own), audit sink, metrics namespace, secret backend, file
 * root, rate limiters and the resources its live compositions hold.
 */
public final class Tenant implements AutoCloseable {
  public final String id;
  final Engine engine;
  final AuditSink audit;
  public final HostMetrics metrics;
  public final SecretBackend secrets;
  final Path fileRoot;

  /** The confinement of {@link #fileRoot}, or {@code null} without one. */
  public final TenantFileRoot files;

  final TokenBucket calls;
  final TokenBucket loads;
  public final GuestLog log;
  private final Lru<String, PreparedModule> prepared;
  private final Lru<String, Source> sources;

  /** Compositions built and not yet stopped: the host closes them with the tenant. */
  private final Set<Composition> live = ConcurrentHashMap.newKeySet();

  private final Runnable engineClosed;
  private volatile boolean closed;
  private int liveCompositions;
  private int liveComponents;
  private long reservedMemory;
  private long reservedTableElements;

  Tenant(
      String id,
      Engine engine,
      AuditSink audit,
      HostMetrics metrics,
      SecretBackend secrets,
      Path fileRoot,
      HostLimits limits,
      int cacheSize,
      Runnable engineClosed) {
    this.id = id;
    this.prepared = new Lru<>(cacheSize);
    this.sources = new Lru<>(cacheSize);
    this.engineClosed = engineClosed;
    this.engine = engine;
    this.audit = audit;
    this.metrics = metrics;
    this.secrets = secrets;
    this.fileRoot = fileRoot;
    this.files = fileRoot == null ? null : new TenantFileRoot(fileRoot);
    this.calls = new TokenBucket(limits.callBurst(), limits.callsPerSecond());
    this.loads = new TokenBucket(limits.loadBurst(), limits.loadsPerSecond());
    this.log = new GuestLog(limits);
  }

  /** The tenant's parsed module of a digest, inspected once by {@code inspect}. */
  PreparedModule prepared(String digest, Function<String, PreparedModule> inspect) {
    return prepared.computeIfAbsent(digest, inspect);
  }

  /** The tenant's GraalWasm source for a key, built once by {@code build}. */
  Source source(String key, Function<String, Source> build) {
    return sources.computeIfAbsent(key, build);
  }

  /** A copy of the parsed-module cache, by digest. */
  Map<String, PreparedModule> preparedModules() {
    return prepared.snapshot();
  }

  /** A copy of the source cache, by key. */
  Map<String, Source> sources() {
    return sources.snapshot();
  }

  public void audit(String type, String component, Map<String, String> details) {
    audit.record(AuditEvent.now(id, type, component, details));
  }

  /** Records a limit hit (audit event and metric) and returns the exception to throw. */
  MosaicException limitHit(String limit, String code, String message, String help) {
    metrics.limitHit(limit);
    HostLog.debug("tenant " + HostLog.text(id) + " hit its " + limit + " limit (" + code + ")");
    audit(AuditEvent.LIMIT, "", Map.of("limit", limit, "result", "denied", "reason", message));
    return new MosaicException(Diagnostic.of(code, message).withHelp(help));
  }

  /**
   * Reserves room for a composition, or throws when the tenant is at its composition, component or
   * memory limit.
   */
  synchronized void reserve(
      int maxCompositions,
      int components,
      int maxComponents,
      long memory,
      long maxMemory,
      long tableElements,
      long maxTableElements) {
    if (liveCompositions + 1 > maxCompositions) {
      throw limitHit(
          "compositions",
          HostCodes.TOO_MANY_COMPOSITIONS,
          "tenant `"
              + id
              + "` already runs "
              + liveCompositions
              + " compositions, the most allowed",
          "close compositions that are done, or raise the host's compositions-per-tenant limit");
    }
    if (liveComponents + components > maxComponents) {
      throw limitHit(
          "components",
          HostCodes.TOO_MANY_COMPONENTS,
          "tenant `"
              + id
              + "` would run "
              + (liveComponents + components)
              + " components, over its limit of "
              + maxComponents,
          "close compositions that are done, or raise `max-components` in the tenant block");
    }
    if (reservedMemory + memory > maxMemory) {
      throw limitHit(
          "memory",
          HostCodes.TENANT_MEMORY,
          "tenant `"
              + id
              + "` would reserve "
              + (reservedMemory + memory)
              + " bytes of linear memory, over the host's limit of "
              + maxMemory,
          "close compositions that are done, declare smaller memory maximums or a smaller"
              + " `max-memory` in the tenant block");
    }
    if (reservedTableElements + tableElements > maxTableElements) {
      throw limitHit(
          "table_elements",
          HostCodes.TENANT_TABLES,
          "tenant `"
              + id
              + "` would reserve "
              + (reservedTableElements + tableElements)
              + " table elements, over the host's limit of "
              + maxTableElements,
          "close compositions that are done, or declare table maximums in the modules");
    }
    liveCompositions++;
    liveComponents += components;
    reservedMemory += memory;
    reservedTableElements += tableElements;
  }

  synchronized void release(int components, long memory, long tableElements) {
    liveCompositions--;
    liveComponents -= components;
    reservedMemory -= memory;
    reservedTableElements -= tableElements;
  }

  synchronized long reservedMemory() {
    return reservedMemory;
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Records a composition that finished building; returns false (and records nothing) when the
   * tenant was closed meanwhile, so the composition must close itself.
   */
  boolean attach(Composition c) {
    live.add(c);
    if (closed) {
      live.remove(c);
      return false;
    }
    return true;
  }

  void detach(Composition c) {
    live.remove(c);
  }

  /**
   * Closes the tenant's live compositions, then its engine, then its audit sink when the host owns
   * one that is closeable. Each step runs even when one before it failed; the first failure is
   * thrown with the others suppressed. Closing again does nothing.
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    for (Composition c : List.copyOf(live)) {
      try {
        c.close();
      } catch (RuntimeException e) {
        failure = add(failure, e);
      }
    }
    live.clear();
    try {
      engine.close(true);
    } catch (RuntimeException e) {
      failure =
          add(failure, new IllegalStateException("cannot close the engine of tenant " + id, e));
    } finally {
      engineClosed.run();
    }
    if (audit instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        failure =
            add(
                failure,
                new IllegalStateException("cannot close the audit log of tenant " + id, e));
      }
    }
    prepared.clear();
    sources.clear();
    HostLog.debug(
        "tenant "
            + HostLog.text(id)
            + " closed: "
            + metrics.denials()
            + " capability calls denied, "
            + metrics.limitHits()
            + " limit hits");
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException add(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  /**
   * A map that keeps at most {@code size} entries, dropping the least recently used. The value of a
   * missing key is computed outside the lock (two threads may compute the same one; the first kept
   * wins), so one slow module preparation does not hold up the tenant's other instantiations.
   */
  static final class Lru<K, V> {
    private final int size;
    private final Map<K, V> map;

    Lru(int size) {
      this.size = size;
      this.map =
          new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
              return size() > Lru.this.size;
            }
          };
    }

    V computeIfAbsent(K key, Function<K, V> compute) {
      synchronized (map) {
        V v = map.get(key);
        if (v != null) {
          return v;
        }
      }
      V computed = compute.apply(key);
      synchronized (map) {
        V v = map.putIfAbsent(key, computed);
        return v != null ? v : computed;
      }
    }

    /** The value of {@code key}, or {@code null}; counts as a use. */
    V get(K key) {
      synchronized (map) {
        return map.get(key);
      }
    }

    /** A copy of the entries. */
    Map<K, V> snapshot() {
      synchronized (map) {
        return Map.copyOf(map);
      }
    }

    int size() {
      synchronized (map) {
        return map.size();
      }
    }

    void clear() {
      synchronized (map) {
        map.clear();
      }
    }
  }
}
