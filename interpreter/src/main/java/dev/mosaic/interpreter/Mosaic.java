package dev.mosaic.interpreter;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostCodes;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.HostLog;
import dev.mosaic.host.KeyValueStore;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.audit.AuditLogOptions;
import dev.mosaic.host.audit.JsonLinesAuditLog;
import dev.mosaic.hsm.HostMode;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.attest.PlanAttestation;
import dev.mosaic.hsm.signature.SignatureCodes;
import dev.mosaic.hsm.signature.StoredSignatureVerifier;
import dev.mosaic.hsm.signature.TrustAnchors;
import dev.mosaic.hsm.signature.Verifiers;
import dev.mosaic.interpreter.compiler.Compiler;
import dev.mosaic.interpreter.compiler.ScriptFiles;
import dev.mosaic.interpreter.host.AuditWiring;
import dev.mosaic.interpreter.host.BackendConfig;
import dev.mosaic.interpreter.host.SecretBackendSet;
import dev.mosaic.interpreter.run.ScriptRunner;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.store.BlobStore;
import dev.mosaic.plan.store.FileBlobStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The embedding facade: compile Mosaic scripts to plans, load (decode and validate) plans, and run
 * them on GraalWasm.
 *
 * <pre>{@code
 * try (Mosaic mosaic = Mosaic.builder().store(Path.of("blobs")).build()) {
 *   Object result = mosaic.run(Path.of("hello.mosaic"));
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> A {@code Mosaic} holds one wasm engine per tenant, the tenants' audit logs
 * and the secret backends it opened ({@link Builder#secretBackend}); {@link #close()} releases them
 * all. Close every {@link Composition} before the {@code Mosaic} that made it.
 *
 * <p>After {@link #close()} every method that would compile, load, run or instantiate throws {@link
 * MosaicException} E9008, and compositions it made are closed (their calls throw E9008 too); no
 * engine is built after close. Closing twice does nothing.
 *
 * <p><b>Thread-safety.</b> A {@code Mosaic} is thread-safe: any number of threads may compile, load
 * and instantiate at once, and compositions of one tenant share that tenant's compiled code. A
 * {@link Composition} serializes its own calls (one guest call at a time); use one composition per
 * thread for parallel calls. {@link Builder} is not thread-safe.
 *
 * <p><b>Logging and metrics.</b> Host-side events (host, tenant and composition lifecycle, limit
 * hits, denials in summary, failures with their codes) go to the {@link System.Logger} named {@code
 * dev.mosaic} ({@link dev.mosaic.host.HostLog}); no secret value and no unescaped guest text is
 * ever logged. Meters go to the registry given to {@link Builder#meterRegistry}.
 *
 * <p><b>Errors.</b> Everything a script, plan or guest can cause is a {@link MosaicException}
 * carrying coded {@link dev.mosaic.plan.diag.Diagnostic}s (docs/errors.md) and {@link
 * MosaicException#exitCode()}, the command line's exit code for it.
 *
 * <p><b>Audit.</b> With {@link Builder#auditDirectory} each tenant gets a hash-chained JSON Lines
 * log at {@code dir/<tenant>/audit.jsonl} (docs/audit.md) holding plan validation, blob,
 * capability, secret, execution and limit events.
 */
public final class Mosaic implements AutoCloseable {
  private final BlobStore blobs;
  private final SystemLimits limits;
  private final PlanCodec codec;
  private final Compiler compiler;
  private final String environment;

  /** Directories besides a script's own that its paths may name. */
  private final List<Path> allowedPaths;

  private final WasmHost host;
  private final Consumer<String> output;
  private final AuditWiring audit;
  private final PlanValidator validator;
  private final List<PublicKey> planKeys;
  private final SecretBackendSet backends;
  private volatile boolean closed;

  private Mosaic(MosaicConfig c) {
    HostMode mode = c.resolvedMode();
    // The resolved mode: production set by mosaic.mode or MOSAIC_MODE needs an audit destination
    // as much as production set on the builder.
    if (mode == HostMode.PRODUCTION && c.auditSinks() == null) {
      throw new IllegalStateException(
          "a production host needs an audit destination: set auditDirectory or auditSinks");
    }
    this.audit = new AuditWiring(c.audit(), c.auditSinks());
    BlobStore store =
        c.blobs() != null ? c.blobs() : new FileBlobStore(c.store(), c.limits().maxBlobBytes());
    this.blobs = audit.blobs(store);
    this.limits = c.limits();
    this.codec = new PlanCodec(limits);
    this.environment = c.environment();
    this.allowedPaths = c.allowedPaths();
    this.output = c.output();
    // One validator: signature requirements are checked with the built-in and plugin verifiers
    // against the builder's trust anchors; decisions go to the builder's sink and, when an audit
    // destination is set, to each tenant's log.
    this.compiler =
        new Compiler(blobs, c.environment(), limits, audit.validation()).allowing(allowedPaths);
    this.validator =
        StoredSignatureVerifier.install(
                PlanValidator.builder(blobs).limits(limits).audit(audit.validation()),
                Verifiers.load(),
                c.namedAnchors(),
                c.trustAnchors())
            .build();
    this.planKeys = c.planKeys();
    SecretBackendSet opened = null;
    try {
      opened = SecretBackendSet.open(c.backendConfigs(), mode, audit);
      WasmHost.Builder hb =
          WasmHost.builder()
              .guestLog(c.guestLog())
              .limits(c.hostLimits())
              .fileRoots(c.fileRoots())
              .secrets(opened.over(c.secrets()));
      if (c.kv() != null) {
        hb.keyValueStore(c.kv());
      }
      if (c.meters() != null) {
        hb.meterRegistry(c.meters());
      }
      if (audit.on()) {
        // The tenant audit logs have one owner, the audit wiring (closed in close()): the host
        // gets sinks that only record, so it never closes them a second time.
        hb.auditSinks(audit.hostSinks());
      }
      this.host = hb.build();
    } catch (RuntimeException | Error e) {
      // Whatever was opened for a facade that is not returned is closed here.
      if (opened != null) {
        try {
          opened.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      try {
        audit.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    this.backends = opened;
    HostLog.log(
        System.Logger.Level.DEBUG,
        "mosaic started in "
            + mode
            + " mode: "
            + backends.size()
            + " secret backends opened, audit "
            + (audit.on() ? "on" : "off"),
        null);
  }

  /** Throws E9008 when this facade is closed. */
  private void checkOpen() {
    if (closed) {
      throw new MosaicException(
          Diagnostic.of(HostCodes.CLOSED, "this Mosaic is closed")
              .withHelp("build a new one with Mosaic.builder(); a closed one runs nothing"));
    }
  }

  /**
   * A builder with the defaults: file store under {@link #defaultStore()}, no audit, no secrets.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The default store directory: {@code $MOSAIC_HOME/blobs}, else {@code ~/.mosaic/blobs}. */
  public static Path defaultStore() {
    String home = System.getenv("MOSAIC_HOME");
    Path base =
        home != null && !home.isBlank()
            ? Path.of(home)
            : Path.of(System.getProperty("user.home"), ".mosaic");
    return base.resolve("blobs");
  }

  /** The blob store scripts and plans read components from (audited when audit is on). */
  public BlobStore blobs() {
    return blobs;
  }

  /** Compiles script text; relative component paths resolve against {@code baseDir}. */
  public CompileResult compile(String name, String source, Path baseDir) {
    checkOpen();
    return compiler.compile(name, source, baseDir);
  }

  /** Compiles script text with options, e.g. {@link CompileOptions#session} for a REPL input. */
  public CompileResult compile(String name, String source, Path baseDir, CompileOptions options) {
    checkOpen();
    return compiler.compile(name, source, baseDir, options);
  }

  /** Compiles a script file. */
  public CompileResult compile(Path script) {
    return compile(script.toString(), read(script), parentOf(script));
  }

  /** Canonical CBOR bytes of a plan. */
  public byte[] encode(Plan plan) {
    return codec.encode(plan);
  }

  /**
   * Decodes and validates plan bytes; the result is the only thing a host accepts. Components whose
   * plan requires a signature are checked with the built-in and plugin verifiers against the
   * builder's trust anchors.
   *
   * @throws MosaicException E4121 when the host runs only signed plans ({@link
   *     Builder#requireSignedPlans}); use {@link #load(byte[], byte[])}
   */
  public ValidatedPlan load(byte[] planBytes) {
    checkOpen();
    if (!planKeys.isEmpty()) {
      throw refused(
          planBytes,
          new MosaicException(
              Diagnostic.of(SignatureCodes.ENVELOPE_NOT_TRUSTED, "plan is not signed")
                  .withHelp(
                      "this host runs only plans signed by its trusted keys; see `mosaic sign`")));
    }
    return validator.validate(planBytes);
  }

  /**
   * Checks a signed plan's DSSE envelope ({@code mosaic sign}) against the keys given to {@link
   * Builder#requireSignedPlans}, then decodes and validates the plan. A supplied envelope is always
   * checked: without trusted plan keys no envelope is trusted (E4121), so an envelope is never
   * silently ignored.
   *
   * @param envelopeJson the envelope, or {@code null} to load as {@link #load(byte[])} does
   * @throws MosaicException E4120 to E4122 when the envelope is malformed, not signed by a trusted
   *     key, or about another plan
   */
  public ValidatedPlan load(byte[] planBytes, byte[] envelopeJson) {
    checkOpen();
    if (envelopeJson == null) {
      return load(planBytes);
    }
    try {
      PlanAttestation.verify(envelopeJson, planBytes, planKeys);
    } catch (MosaicException e) {
      throw refused(planBytes, e);
    }
    return validator.validate(planBytes);
  }

  /**
   * Audits a plan refused before validation and returns the refusal. The plan's tenant is not
   * trusted before its signature is, so the event goes to the host's log ({@code _host}).
   */
  private MosaicException refused(byte[] planBytes, MosaicException e) {
    HostLog.log(
        System.Logger.Level.DEBUG,
        "plan " + PlanCodec.digestOf(planBytes) + " refused before validation: " + e.code(),
        null);
    audit
        .validation()
        .record(
            AuditEvent.now(
                "",
                AuditEvent.PLAN_VALIDATION,
                "",
                Map.of(
                    "plan_digest",
                    PlanCodec.digestOf(planBytes),
                    "result",
                    "rejected",
                    "codes",
                    e.code())));
    return e;
  }

  /**
   * The meters of every tenant (tag {@code tenant}): {@code mosaic.capability.calls} counts every
   * capability call by {@code capability} and {@code result}, including the successful {@code log},
   * {@code clock}, {@code random} and {@code kv} calls that are not audited one by one
   * (docs/audit.md); also {@code mosaic.calls}, {@code mosaic.limit.hits} and {@code
   * mosaic.instantiations}.
   */
  public MeterRegistry meters() {
    return host.meters();
  }

  /**
   * The audit sink of a tenant, for an application's own events; {@link AuditSink#NONE} when the
   * builder set no audit destination.
   */
  public AuditSink audit(String tenant) {
    checkOpen();
    return audit.sink(tenant);
  }

  /** Instantiates and links a validated plan. Close the composition when done. */
  public Composition instantiate(ValidatedPlan plan) {
    checkOpen();
    return host.instantiate(plan);
  }

  /**
   * A handle that loads, instantiates and runs only plans of tenant {@code name}, refusing any
   * other with E7004: use it whenever plans come from someone who may not choose their tenant.
   *
   * @throws MosaicException E3011 when {@code name} is not a valid tenant name
   */
  public TenantHandle tenant(String name) {
    checkOpen();
    return new TenantHandle(this, name);
  }

  /** A compiler whose blob store is {@code store} (the tenant handle's view of this one's). */
  Compiler compiler(BlobStore store) {
    checkOpen();
    return new Compiler(store, environment, limits, audit.validation()).allowing(allowedPaths);
  }

  /** Decodes plan bytes without validating them (the tenant handle reads the tenant first). */
  Plan decode(byte[] planBytes) {
    return codec.decode(planBytes);
  }

  /**
   * Compiles a script, encodes the plan, decodes and validates it, instantiates it and runs the
   * script's statements; {@code print} output goes to the builder's output.
   *
   * @return the value of the last statement, or {@code null}
   * @throws MosaicException with coded diagnostics for any failure
   */
  public Object run(Path script) {
    checkOpen();
    CompileResult compiled = compile(script).orThrow();
    return run(compiled);
  }

  /** Runs a compiled script; see {@link #run(Path)}. */
  public Object run(CompileResult compiled) {
    checkOpen();
    compiled.orThrow();
    ValidatedPlan plan = load(encode(compiled.plan()));
    try (Composition composition = instantiate(plan)) {
      return new ScriptRunner(composition, output, compiled.file()).run(compiled.statements());
    }
  }

  /**
   * Closes the compositions still open, the wasm engines, the audit logs and the secret backends
   * this {@code Mosaic} opened. Every one is closed even when another fails; the failures are then
   * thrown as one {@link MosaicException} E9012 whose cause and suppressed exceptions hold them,
   * for the host's logs. Closing again does nothing.
   *
   * @throws MosaicException E9012 when something could not be closed cleanly
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    List<RuntimeException> failures = new ArrayList<>();
    try {
      host.close();
    } catch (RuntimeException e) {
      failures.add(e);
    }
    try {
      audit.close();
    } catch (RuntimeException e) {
      failures.add(e);
    }
    try {
      backends.close();
    } catch (RuntimeException e) {
      failures.add(e);
    }
    HostLog.log(
        System.Logger.Level.DEBUG, "mosaic closed: " + failures.size() + " close failures", null);
    if (!failures.isEmpty()) {
      MosaicException error =
          new MosaicException(
              Diagnostic.of(
                      HostCodes.CLOSE_FAILED,
                      "closing Mosaic left "
                          + failures.size()
                          + " part(s) not closed cleanly; everything else was closed")
                  .withHelp("the host's log (System.Logger `dev.mosaic`) names them"),
              failures.getFirst());
      for (RuntimeException e : failures.subList(1, failures.size())) {
        error.addSuppressed(e);
      }
      throw error;
    }
  }

  static Path parentOf(Path script) {
    Path parent = script.toAbsolutePath().getParent();
    return parent == null ? Path.of(".") : parent;
  }

  static String read(Path script) {
    return ScriptFiles.read(script, script.toString());
  }

  /**
   * Configures a {@link Mosaic}.
   *
   * <p>Thread-safety: not thread-safe; configure it on one thread, then {@link #build()}.
   */
  public static final class Builder {
    private Path store = defaultStore();
    private BlobStore blobs;
    private SystemLimits limits = SystemLimits.DEFAULT;
    private Consumer<String> output = System.out::println;
    private Consumer<String> guestLog = System.out::println;
    private String environment = Compiler.DEFAULT_ENVIRONMENT;
    private TrustAnchors trustAnchors = TrustAnchors.none();
    private final Map<String, TrustAnchors> namedAnchors = new LinkedHashMap<>();
    private AuditSink audit = AuditSink.NONE;
    private List<PublicKey> planKeys = List.of();
    private Function<String, AuditSink> auditSinks;
    private Function<String, SecretBackend> secrets = t -> null;
    private final Map<String, BackendConfig> backendConfigs = new HashMap<>();
    private Function<String, Path> fileRoots = t -> null;
    private KeyValueStore kv;
    private HostLimits hostLimits = HostLimits.DEFAULT;
    private HostMode mode;
    private MeterRegistry meters;
    private final List<Path> allowedPaths = new ArrayList<>();

    private Builder() {}

    /**
     * Lets scripts name files ({@code load}, {@code from}, {@code signed by}) inside {@code dir}
     * too, by absolute or relative paths. Without it a script names only files inside its own
     * directory; anything else is E2027.
     */
    public Builder allowPath(Path dir) {
      allowedPaths.add(dir.toAbsolutePath().normalize());
      return this;
    }

    /**
     * What component signatures are checked against when a plan's requirement names no key; {@link
     * TrustAnchors#none()} by default. Keys named in a plan by digest come from the blob store.
     */
    public Builder trustAnchors(TrustAnchors anchors) {
      this.trustAnchors = Objects.requireNonNull(anchors);
      return this;
    }

    /** Trust anchors a plan's signature requirement may name as a trusted key, by {@code name}. */
    public Builder trustAnchors(String name, TrustAnchors anchors) {
      namedAnchors.put(Objects.requireNonNull(name), Objects.requireNonNull(anchors));
      return this;
    }

    /** Where plan validation and component signature decisions are audited. */
    public Builder audit(AuditSink sink) {
      this.audit = Objects.requireNonNull(sink);
      return this;
    }

    /**
     * Runs only plans whose DSSE envelope is signed by one of these keys: {@link #load(byte[])}
     * then refuses every plan, and {@link #load(byte[], byte[])} checks the envelope first.
     */
    public Builder requireSignedPlans(PublicKey... publicKeys) {
      if (publicKeys.length == 0) {
        throw new IllegalArgumentException("at least one public key");
      }
      this.planKeys = List.of(publicKeys);
      return this;
    }

    /**
     * Writes each tenant's hash-chained audit log to {@code dir/<tenant>/audit.jsonl}: plan
     * validation, blob, capability, secret, execution and limit events (docs/audit.md). Events that
     * name no usable tenant go to {@code dir/_host/audit.jsonl}.
     */
    public Builder auditDirectory(Path dir) {
      return auditDirectory(dir, AuditLogOptions.defaults());
    }

    /**
     * As {@link #auditDirectory(Path)}, with each log sealed and synced as {@code options} say
     * (docs/audit.md).
     */
    public Builder auditDirectory(Path dir, AuditLogOptions options) {
      Objects.requireNonNull(dir);
      Objects.requireNonNull(options);
      this.auditSinks =
          t -> new JsonLinesAuditLog(dir.resolve(t).resolve("audit.jsonl"), t, options);
      return this;
    }

    /**
     * Each tenant's audit sink, opened on first use (tenant {@code _host} for events that name no
     * usable tenant); sinks that are {@link AutoCloseable} are closed with the {@code Mosaic}.
     */
    public Builder auditSinks(Function<String, AuditSink> perTenant) {
      this.auditSinks = Objects.requireNonNull(perTenant);
      return this;
    }

    /**
     * Each tenant's secret backend (its secret scope), or {@code null} for none; components with a
     * {@code secret} grant read through it. The caller keeps ownership of these backends.
     */
    public Builder secrets(Function<String, SecretBackend> perTenant) {
      this.secrets = Objects.requireNonNull(perTenant);
      return this;
    }

    /**
     * Opens a secret backend for one tenant when the {@code Mosaic} is built, through the backend
     * providers on the class path ({@code pkcs11}, {@code vault}, {@code env}, plugins; see
     * docs/secrets.md), and closes it with the {@code Mosaic}. Wins over {@link #secrets(Function)}
     * for that tenant. Development-only backends are refused in {@link HostMode#PRODUCTION}.
     *
     * @param scheme e.g. {@code pkcs11}
     * @param config the provider's settings, e.g. {@code library}, {@code token-label}, {@code pin}
     */
    public Builder secretBackend(String tenant, String scheme, Map<String, String> config) {
      backendConfigs.put(
          Objects.requireNonNull(tenant),
          new BackendConfig(Objects.requireNonNull(scheme), config));
      return this;
    }

    /**
     * Gives each tenant the file root {@code dir/<tenant>}, which its guests see as {@code /}
     * through the {@code files} capability (paths still need a policy grant).
     */
    public Builder fileRoot(Path dir) {
      Objects.requireNonNull(dir);
      this.fileRoots = dir::resolve;
      return this;
    }

    /** Each tenant's file root, or {@code null} for none; see {@link #fileRoot(Path)}. */
    public Builder fileRoots(Function<String, Path> perTenant) {
      this.fileRoots = Objects.requireNonNull(perTenant);
      return this;
    }

    /**
     * The store behind the {@code kv} capability, one namespace per tenant; in memory by default
     * ({@link dev.mosaic.host.FileKeyValueStore} keeps values across restarts).
     */
    public Builder keyValueStore(KeyValueStore store) {
      this.kv = Objects.requireNonNull(store);
      return this;
    }

    /**
     * Limits the host enforces on every tenant on top of what plans ask for: call time, memory,
     * call and load rates, live compositions, transfer and HTTP sizes.
     */
    public Builder hostLimits(HostLimits hostLimits) {
      this.hostLimits = Objects.requireNonNull(hostLimits);
      return this;
    }

    /**
     * Development or production. Unset, the process's mode applies ({@link HostMode#current()}:
     * {@code mosaic.mode} or {@code MOSAIC_MODE}) and development-only secret backends are refused
     * in production. In {@link HostMode#PRODUCTION}, set here or by the process, {@link #build()}
     * also requires an audit destination.
     */
    public Builder mode(HostMode hostMode) {
      this.mode = Objects.requireNonNull(hostMode);
      return this;
    }

    /**
     * Where the host's meters go ({@link Mosaic#meters()}): {@code mosaic.calls}, {@code
     * mosaic.instantiations}, {@code mosaic.capability.calls}, {@code mosaic.limit.hits}, each
     * tagged with its tenant. A {@code SimpleMeterRegistry} of the host's own by default.
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meters = Objects.requireNonNull(registry);
      return this;
    }

    /** What policy conditions {@code when env == "..."} compare with; {@code dev} by default. */
    public Builder environment(String name) {
      this.environment = Objects.requireNonNull(name);
      return this;
    }

    /** Directory of the default file blob store. */
    public Builder store(Path directory) {
      this.store = Objects.requireNonNull(directory);
      return this;
    }

    /** A custom blob store, instead of the file store. */
    public Builder blobStore(BlobStore store) {
      this.blobs = Objects.requireNonNull(store);
      return this;
    }

    /** Hard limits on plans: size, component and binding counts, graph depth, blob size. */
    public Builder limits(SystemLimits systemLimits) {
      this.limits = Objects.requireNonNull(systemLimits);
      return this;
    }

    /** Where {@code print} statements write. */
    public Builder output(Consumer<String> sink) {
      this.output = Objects.requireNonNull(sink);
      return this;
    }

    /** Where guests' {@code log} lines go. */
    public Builder guestLog(Consumer<String> sink) {
      this.guestLog = Objects.requireNonNull(sink);
      return this;
    }

    /**
     * Builds the facade.
     *
     * @throws IllegalStateException in production mode (set here, or by {@code mosaic.mode} or
     *     {@code MOSAIC_MODE}) without an audit destination
     * @throws MosaicException when a secret backend given by scheme cannot be opened
     */
    public Mosaic build() {
      return new Mosaic(config());
    }

    /** The settings as they are now, copied: changing this builder later changes no facade. */
    MosaicConfig config() {
      return new MosaicConfig(
          store,
          blobs,
          limits,
          output,
          guestLog,
          environment,
          trustAnchors,
          namedAnchors,
          audit,
          planKeys,
          auditSinks,
          secrets,
          backendConfigs,
          fileRoots,
          kv,
          hostLimits,
          mode,
          meters,
          allowedPaths);
    }
  }
}
