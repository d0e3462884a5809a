package dev.mosaic.host;

import dev.mosaic.host.abi.GuestErrors;
import dev.mosaic.host.audit.AuditLogOptions;
import dev.mosaic.host.audit.JsonLinesAuditLog;
import dev.mosaic.host.http.PinnedHttp;
import dev.mosaic.host.internal.Watchdog;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.audit.AuditSink;
import dev.mosaic.plan.diag.Diagnostic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.graalvm.polyglot.Engine;

/**
 * Runs validated plans on GraalWasm. Each tenant gets its own engine (compiled code and source
 * cache), audit sink, metrics namespace, secret backend, file root, rate limits and resource
 * budget; compositions of one tenant share its engine, so a warm instantiate reuses compiled code.
 * Close the host to release the engines.
 *
 * <p>Each tenant keeps at most {@link Builder#moduleCacheSize} prepared modules and as many module
 * sources (least recently used dropped first), so a tenant loading ever new modules holds bounded
 * memory.
 *
 * <p>Thread-safety: thread-safe; any number of threads may instantiate at once. After {@link
 * #close()} every method that would run a guest or build an engine throws E9008.
 */
public final class WasmHost implements AutoCloseable {
  /** Prepared modules and module sources each tenant keeps by default. */
  public static final int DEFAULT_MODULE_CACHE_SIZE = 256;

  private final Config config;
  private final Watchdog watchdog;
  private final HostServices services;
  private final MeterRegistry meters;
  private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
  private final AtomicInteger liveEngines = new AtomicInteger();
  private volatile boolean closed;

  /** What the builder said, copied at build: a builder used again changes no host. */
  private record Config(
      PrintStream out,
      PrintStream err,
      Function<String, AuditSink> audit,
      Function<String, SecretBackend> secrets,
      Function<String, Path> fileRoots,
      HostLimits limits,
      int moduleCacheSize) {}

  private WasmHost(Builder builder) {
    this.config =
        new Config(
            builder.out,
            builder.err,
            builder.audit,
            builder.secrets,
            builder.fileRoots,
            builder.limits,
            builder.moduleCacheSize);
    this.meters = builder.meters != null ? builder.meters : new SimpleMeterRegistry();
    this.watchdog = new Watchdog();
    SSLContext tls;
    try {
      tls = builder.tls != null ? builder.tls : SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
    PinnedHttp http =
        new PinnedHttp(
            tls, builder.limits.httpTimeoutMillis(), builder.limits.maxHttpResponseBytes());
    this.services = new HostServices(builder.guestLog, builder.kv, http, builder.limits, watchdog);
    HostLog.debug("host started");
  }

  /** A builder with the defaults: no audit, no secrets, no file roots, in-memory kv. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Instantiates and links every component of a plan for the plan's tenant. The modules' start
   * functions run under the plan's call time limit, together.
   *
   * @throws dev.mosaic.plan.MosaicException E9xxx when a limit is hit or linking fails: E9002 when
   *     start functions run past the time limit, E9006 when one exhausts the stack, E9001 when one
   *     traps; E9008 when the host is closed
   */
  public Composition instantiate(ValidatedPlan plan) {
    return new Composition(tenant(plan.tenant()), plan, services);
  }

  /**
   * The audit sink of a tenant, for events raised outside the host (validation, blobs).
   *
   * @throws MosaicException E9008 when the host is closed
   */
  public AuditSink audit(String tenant) {
    return tenant(tenant).audit;
  }

  /** The registry holding every tenant's meters (tag {@code tenant}). */
  public MeterRegistry meters() {
    return meters;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Engines built and not yet closed (one per tenant in use). */
  int liveEngines() {
    return liveEngines.get();
  }

  Tenant tenant(String id) {
    checkOpen();
    Tenant tenant = tenants.computeIfAbsent(id, this::newTenant);
    if (closed) {
      // close() ran while this tenant was being made: it may have missed it.
      closeQuietly(tenant);
      throw closedError();
    }
    return tenant;
  }

  /**
   * Builds a tenant. The embedder's hooks run first; whatever was opened before a failure (the
   * engine, the audit sink) is closed again, so a tenant that cannot be made leaks nothing.
   */
  private Tenant newTenant(String t) {
    AuditSink audit = config.audit.apply(t);
    Engine engine = null;
    try {
      SecretBackend secrets = config.secrets.apply(t);
      Path fileRoot = config.fileRoots.apply(t);
      engine =
          Engine.newBuilder("wasm")
              .option("engine.WarnInterpreterOnly", "true")
              .out(config.out)
              .err(config.err)
              .build();
      liveEngines.incrementAndGet();
      Tenant tenant =
          new Tenant(
              t,
              engine,
              audit,
              new HostMetrics(meters, t),
              secrets,
              fileRoot,
              config.limits,
              config.moduleCacheSize,
              liveEngines::decrementAndGet);
      HostLog.debug("tenant " + HostLog.text(t) + " started");
      return tenant;
    } catch (RuntimeException | Error e) {
      if (engine != null) {
        try {
          engine.close(true);
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        liveEngines.decrementAndGet();
      }
      if (audit instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      HostLog.debug(
          "tenant " + HostLog.text(t) + " could not be started: " + e.getClass().getName());
      throw e;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw closedError();
    }
  }

  static MosaicException closedError() {
    return new MosaicException(
        Diagnostic.of(HostCodes.CLOSED, "the host is closed")
            .withHelp("build a new host; a closed one runs nothing"));
  }

  private static void closeQuietly(Tenant tenant) {
    try {
      tenant.close();
    } catch (RuntimeException e) {
      HostLog.warning("cannot close tenant " + HostLog.text(tenant.id), e);
    }
  }

  /**
   * Closes every tenant: its live compositions, its engine and its audit sink. Every tenant is
   * closed even when one fails; the failures are then thrown as one E9012, each attached as a
   * suppressed exception (for the host's logs). Closing again does nothing.
   *
   * @throws MosaicException E9012 when a tenant could not be closed cleanly
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    watchdog.close();
    List<RuntimeException> failures = new ArrayList<>();
    int count = 0;
    for (Tenant tenant : List.copyOf(tenants.values())) {
      count++;
      try {
        tenant.close();
      } catch (RuntimeException e) {
        HostLog.warning("cannot close tenant " + HostLog.text(tenant.id), e);
        failures.add(e);
      }
    }
    tenants.clear();
    HostLog.debug("host closed: " + count + " tenants, " + failures.size() + " failed to close");
    if (!failures.isEmpty()) {
      MosaicException error =
          new MosaicException(
              Diagnostic.of(
                      HostCodes.CLOSE_FAILED,
                      failures.size() + " of " + count + " tenants could not be closed cleanly")
                  .withHelp("the host's log names them; every other tenant was closed"),
              failures.getFirst());
      for (RuntimeException e : failures.subList(1, failures.size())) {
        error.addSuppressed(e);
      }
      throw error;
    }
  }

  /** Configures a {@link WasmHost}. */
  public static final class Builder {
    private Consumer<String> guestLog = line -> System.out.println(line);
    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private Function<String, AuditSink> audit = t -> AuditSink.NONE;
    private Function<String, SecretBackend> secrets = t -> null;
    private Function<String, Path> fileRoots = t -> null;
    private KeyValueStore kv = new MemoryKeyValueStore();
    private HostLimits limits = HostLimits.DEFAULT;
    private MeterRegistry meters;
    private SSLContext tls;
    private int moduleCacheSize = DEFAULT_MODULE_CACHE_SIZE;

    private Builder() {}

    /** Where lines written through the {@code log} capability go, prefixed with the component. */
    public Builder guestLog(Consumer<String> sink) {
      this.guestLog = Objects.requireNonNull(sink);
      return this;
    }

    /** Streams for the engine's own output. */
    public Builder engineStreams(PrintStream out, PrintStream err) {
      this.out = Objects.requireNonNull(out);
      this.err = Objects.requireNonNull(err);
      return this;
    }

    /** Writes each tenant's audit log to {@code dir/<tenant>/audit.jsonl} (hash-chained). */
    public Builder auditDirectory(Path dir) {
      return auditDirectory(dir, AuditLogOptions.defaults());
    }

    /**
     * Writes each tenant's audit log to {@code dir/<tenant>/audit.jsonl}, sealed and synced as
     * {@code options} say (docs/audit.md).
     */
    public Builder auditDirectory(Path dir, AuditLogOptions options) {
      Objects.requireNonNull(dir);
      Objects.requireNonNull(options);
      this.audit = t -> new JsonLinesAuditLog(dir.resolve(t).resolve("audit.jsonl"), t, options);
      return this;
    }

    /** Each tenant's audit sink; the default records nothing. */
    public Builder auditSinks(Function<String, AuditSink> perTenant) {
      this.audit = Objects.requireNonNull(perTenant);
      return this;
    }

    /**
     * Each tenant's secret backend (its secret scope), or {@code null} for none; without a backend
     * {@code secret_*} calls return {@link GuestErrors#UNAVAILABLE}.
     */
    public Builder secrets(Function<String, SecretBackend> perTenant) {
      this.secrets = Objects.requireNonNull(perTenant);
      return this;
    }

    /** Each tenant's file root, which guests see as {@code /}; {@code null} for none. */
    public Builder fileRoots(Function<String, Path> perTenant) {
      this.fileRoots = Objects.requireNonNull(perTenant);
      return this;
    }

    /** The store behind {@code kv}; the default is an in-memory {@link MemoryKeyValueStore}. */
    public Builder keyValueStore(KeyValueStore store) {
      this.kv = Objects.requireNonNull(store);
      return this;
    }

    /** Limits enforced on every tenant on top of what plans ask for. */
    public Builder limits(HostLimits limits) {
      this.limits = Objects.requireNonNull(limits);
      return this;
    }

    /** Where meters go; the default is a {@link SimpleMeterRegistry}. */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meters = Objects.requireNonNull(registry);
      return this;
    }

    /**
     * The TLS context of {@code https} requests (its trust managers decide which servers are
     * trusted); the default is the JDK's. Hostnames are always verified.
     */
    public Builder httpTls(SSLContext context) {
      this.tls = Objects.requireNonNull(context);
      return this;
    }

    /**
     * How many prepared modules, and how many module sources, each tenant keeps for its next
     * instantiations; the least recently used are dropped first. {@link #DEFAULT_MODULE_CACHE_SIZE}
     * by default.
     *
     * @throws IllegalArgumentException when {@code size} is below 1
     */
    public Builder moduleCacheSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("module cache size must be at least 1");
      }
      this.moduleCacheSize = size;
      return this;
    }

    /** Builds the host. */
    public WasmHost build() {
      return new WasmHost(this);
    }
  }
}
