package dev.mosaic.interpreter;

import dev.mosaic.host.Composition;
import dev.mosaic.host.WasmHost;
import dev.mosaic.hsm.attest.PlanAttestation;
import dev.mosaic.hsm.signature.SignatureCodes;
import dev.mosaic.hsm.signature.StoredSignatureVerifier;
import dev.mosaic.hsm.signature.TrustAnchors;
import dev.mosaic.hsm.signature.Verifiers;
import dev.mosaic.plan.BlobStore;
import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.FileBlobStore;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.audit.AuditSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

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
 * <p>A {@code Mosaic} holds a wasm engine; close it when done. It is thread-safe; each {@link
 * Composition} it creates serializes its own calls.
 */
public final class Mosaic implements AutoCloseable {
  private final BlobStore blobs;
  private final SystemLimits limits;
  private final PlanCodec codec;
  private final Compiler compiler;
  private final WasmHost host;
  private final Consumer<String> output;
  private final PlanValidator validator;
  private final List<PublicKey> planKeys;

  private Mosaic(Builder b) {
    this.blobs = b.blobs != null ? b.blobs : new FileBlobStore(b.store, b.limits.maxBlobBytes());
    this.limits = b.limits;
    this.codec = new PlanCodec(limits);
    this.compiler = new Compiler(blobs, b.environment);
    this.output = b.output;
    this.validator =
        StoredSignatureVerifier.install(
                PlanValidator.builder(blobs).limits(limits).audit(b.audit),
                Verifiers.load(),
                b.namedAnchors,
                b.trustAnchors)
            .build();
    this.planKeys = b.planKeys;
    this.host = WasmHost.builder().guestLog(b.guestLog).build();
  }

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

  public BlobStore blobs() {
    return blobs;
  }

  /** Compiles script text; relative component paths resolve against {@code baseDir}. */
  public CompileResult compile(String name, String source, Path baseDir) {
    return compiler.compile(name, source, baseDir);
  }

  /** Compiles script text with options, e.g. {@link CompileOptions#session} for a REPL input. */
  public CompileResult compile(String name, String source, Path baseDir, CompileOptions options) {
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
    if (!planKeys.isEmpty()) {
      throw new MosaicException(
          Diagnostic.of(SignatureCodes.ENVELOPE_NOT_TRUSTED, "plan is not signed")
              .withHelp("this host runs only plans signed by its trusted keys; see `mosaic sign`"));
    }
    return validator.validate(planBytes);
  }

  /**
   * Checks a signed plan's DSSE envelope ({@code mosaic sign}) against the keys given to {@link
   * Builder#requireSignedPlans}, then decodes and validates the plan.
   *
   * @throws MosaicException E4120 to E4122 when the envelope is malformed, not signed by a trusted
   *     key, or about another plan
   */
  public ValidatedPlan load(byte[] planBytes, byte[] envelopeJson) {
    if (!planKeys.isEmpty()) {
      PlanAttestation.verify(envelopeJson, planBytes, planKeys);
    }
    return validator.validate(planBytes);
  }

  /** Instantiates and links a validated plan. Close the composition when done. */
  public Composition instantiate(ValidatedPlan plan) {
    return host.instantiate(plan);
  }

  /**
   * Compiles a script, encodes the plan, decodes and validates it, instantiates it and runs the
   * script's statements; {@code print} output goes to the builder's output.
   *
   * @return the value of the last statement, or {@code null}
   * @throws MosaicException with coded diagnostics for any failure
   */
  public Object run(Path script) {
    CompileResult compiled = compile(script).orThrow();
    return run(compiled);
  }

  /** Runs a compiled script; see {@link #run(Path)}. */
  public Object run(CompileResult compiled) {
    compiled.orThrow();
    ValidatedPlan plan = load(encode(compiled.plan()));
    try (Composition composition = instantiate(plan)) {
      return new ScriptRunner(composition, output, compiled.file()).run(compiled.statements());
    }
  }

  @Override
  public void close() {
    host.close();
  }

  private static Path parentOf(Path script) {
    Path parent = script.toAbsolutePath().getParent();
    return parent == null ? Path.of(".") : parent;
  }

  private static String read(Path script) {
    try {
      return Files.readString(script);
    } catch (NoSuchFileException e) {
      throw new MosaicException(LangCodes.FILE_MISSING, "script `" + script + "` does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Configures a {@link Mosaic}. */
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

    private Builder() {}

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

    public Mosaic build() {
      return new Mosaic(this);
    }
  }
}
