package dev.mosaic.interpreter;

import dev.mosaic.host.Composition;
import dev.mosaic.interpreter.compiler.Compiler;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.store.BlobStore;
import dev.mosaic.plan.store.FileBlobStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Mosaic} bound to one tenant by the embedder: it loads, instantiates and runs only plans
 * that name this tenant, and refuses any other with {@link PlanCodes#TENANT_MISMATCH} (E7004,
 * audited in this tenant's log) before the plan's blobs are read. A plan names its own tenant, so
 * without a handle any plan can act as any tenant; use a handle whenever the plan comes from
 * someone who is not trusted to choose the tenant.
 *
 * <pre>{@code
 * ValidatedPlan plan = mosaic.tenant("acme").load(bytes); // E7004 for a plan of tenant "globex"
 * }</pre>
 *
 * <p>Thread-safety: immutable and thread-safe, as its {@link Mosaic} is; after the {@code Mosaic}
 * is closed every method that loads, instantiates, runs or audits throws E9008.
 */
public final class TenantHandle {
  private final Mosaic mosaic;
  private final String name;

  TenantHandle(Mosaic mosaic, String name) {
    if (!FileBlobStore.isTenant(name)) {
      throw new MosaicException(
          Diagnostic.of(PlanCodes.INVALID_NAME, "invalid tenant name `" + clip(name) + "`")
              .withHelp("a tenant name is 1-64 letters, digits, `.`, `_` or `-`"));
    }
    this.mosaic = mosaic;
    this.name = name;
  }

  /** The tenant this handle is bound to. */
  public String name() {
    return name;
  }

  /**
   * Decodes plan bytes, refuses a plan of another tenant, then validates it as {@link
   * Mosaic#load(byte[])} does.
   *
   * @throws MosaicException E7004 for a plan of another tenant
   */
  public ValidatedPlan load(byte[] planBytes) {
    checkBytes(planBytes);
    return mosaic.load(planBytes);
  }

  /**
   * Decodes plan bytes, refuses a plan of another tenant, then checks its envelope and validates it
   * as {@link Mosaic#load(byte[], byte[])} does.
   *
   * @throws MosaicException E7004 for a plan of another tenant
   */
  public ValidatedPlan load(byte[] planBytes, byte[] envelopeJson) {
    checkBytes(planBytes);
    return mosaic.load(planBytes, envelopeJson);
  }

  /**
   * Instantiates a validated plan of this tenant.
   *
   * @throws MosaicException E7004 for a plan of another tenant
   */
  public Composition instantiate(ValidatedPlan plan) {
    check(plan.plan());
    return mosaic.instantiate(plan);
  }

  /**
   * Compiles and runs a script of this tenant; see {@link Mosaic#run(Path)}. The compiler sees only
   * this tenant's blobs, so a script of another tenant stores and reads nothing in that tenant's
   * store before it is refused.
   *
   * @throws MosaicException E7004 when the script declares another tenant
   */
  public Object run(Path script) {
    Compiler scoped = mosaic.compiler(new ScopedBlobs(mosaic.blobs()));
    String source = Mosaic.read(script);
    return run(scoped.compile(script.toString(), source, Mosaic.parentOf(script)).orThrow());
  }

  /**
   * Runs a compiled script of this tenant; see {@link Mosaic#run(CompileResult)}.
   *
   * @throws MosaicException E7004 when the script declares another tenant
   */
  public Object run(CompileResult compiled) {
    check(compiled.orThrow().plan());
    return mosaic.run(compiled);
  }

  /** This tenant's audit sink; see {@link Mosaic#audit(String)}. */
  public AuditSink audit() {
    return mosaic.audit(name);
  }

  /**
   * Refuses plan bytes of another tenant before their blobs are read. Bytes that do not decode are
   * left to the validator, which reports (and audits) why.
   */
  private void checkBytes(byte[] planBytes) {
    Plan plan;
    try {
      plan = mosaic.decode(planBytes);
    } catch (MosaicException e) {
      return;
    }
    check(plan);
  }

  private void check(Plan plan) {
    if (!plan.tenant().equals(name)) {
      throw refuse(plan.tenant());
    }
  }

  private MosaicException refuse(String other) {
    MosaicException refused =
        new MosaicException(
            Diagnostic.of(
                    PlanCodes.TENANT_MISMATCH,
                    "the plan is for tenant `"
                        + clip(other)
                        + "`, and this host runs it as tenant `"
                        + name
                        + "`")
                .withHelp(
                    "compile the script with `tenant \""
                        + name
                        + "\"`, or run the plan as its own tenant"));
    Map<String, String> details = new LinkedHashMap<>();
    details.put("result", "rejected");
    details.put("codes", PlanCodes.TENANT_MISMATCH);
    details.put("plan_tenant", clip(other));
    audit().record(AuditEvent.now(name, AuditEvent.PLAN_VALIDATION, "", details));
    return refused;
  }

  /** The host's blob store as this tenant may use it: any other tenant's is refused (E7004). */
  private final class ScopedBlobs implements BlobStore {
    private final BlobStore store;

    ScopedBlobs(BlobStore store) {
      this.store = store;
    }

    private void own(String tenant) {
      if (!tenant.equals(name)) {
        throw refuse(tenant);
      }
    }

    @Override
    public String put(String tenant, byte[] bytes) {
      own(tenant);
      return store.put(tenant, bytes);
    }

    @Override
    public String put(String tenant, String expectedDigest, byte[] bytes) {
      own(tenant);
      return store.put(tenant, expectedDigest, bytes);
    }

    @Override
    public Optional<byte[]> get(String tenant, String digest) {
      own(tenant);
      return store.get(tenant, digest);
    }

    @Override
    public boolean contains(String tenant, String digest) {
      own(tenant);
      return store.contains(tenant, digest);
    }

    @Override
    public List<String> list(String tenant) {
      own(tenant);
      return store.list(tenant);
    }

    @Override
    public void attachSignature(
        String tenant, String blobDigest, String verifier, String signatureDigest) {
      own(tenant);
      store.attachSignature(tenant, blobDigest, verifier, signatureDigest);
    }

    @Override
    public Optional<String> signatureOf(String tenant, String blobDigest, String verifier) {
      own(tenant);
      return store.signatureOf(tenant, blobDigest, verifier);
    }
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }
}
