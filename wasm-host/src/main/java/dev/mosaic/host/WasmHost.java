package dev.mosaic.host;

import dev.mosaic.host.abi.GuestErrors;
import dev.mosaic.host.audit.AuditLogOptions;
import dev.mosaic.host.audit.JsonLinesAuditLog;
import dev.mosaic.host.http.PinnedHttp;
import dev.mosaic.host.internal.Watchdog;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.audit.AuditSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.graalvm.polyglot.Engine;

/**
 * Runs validated plans on GraalWasm. Each tenant gets its own engine (compiled code and source
 * cache), audit sink, metrics namespace, secret backend, file root, rate limits and resource
 * budget; compositions of one tenant share its engine, so a warm instantiate reuses compiled code.
 * Close the host to release the engines. Thread-safe.
 */
public final class WasmHost implements AutoCloseable {
  private final Builder config;
  private final Watchdog watchdog;
  private final HostServices services;
  private final MeterRegistry meters;
  private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

  private WasmHost(Builder builder) {
    this.config = builder;
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
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Instantiates and links every component of a plan for the plan's tenant. The modules' start
   * functions run under the plan's call time limit, together.
   *
   * @throws dev.mosaic.plan.MosaicException E9xxx when a limit is hit or linking fails: E9002 when
   *     start functions run past the time limit, E9006 when one exhausts the stack, E9001 when one
   *     traps
   */
  public Composition instantiate(ValidatedPlan plan) {
    return new Composition(tenant(plan.tenant()), plan, services);
  }

  /** The audit sink of a tenant, for events raised outside the host (validation, blobs). */
  public AuditSink audit(String tenant) {
    return tenant(tenant).audit;
  }

  /** The registry holding every tenant's meters (tag {@code tenant}). */
  public MeterRegistry meters() {
    return meters;
  }

  Tenant tenant(String id) {
    return tenants.computeIfAbsent(
        id,
        t ->
            new Tenant(
                t,
                Engine.newBuilder("wasm")
                    .option("engine.WarnInterpreterOnly", "true")
                    .out(config.out)
                    .err(config.err)
                    .build(),
                config.audit.apply(t),
                new HostMetrics(meters, t),
                config.secrets.apply(t),
                config.fileRoots.apply(t),
                config.limits));
  }

  @Override
  public void close() {
    watchdog.close();
    tenants.values().forEach(Tenant::close);
    tenants.clear();
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

    public WasmHost build() {
      return new WasmHost(this);
    }
  }
}
