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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  final Map<String, PreparedModule> prepared = new ConcurrentHashMap<>();
  final Map<String, Source> sources = new ConcurrentHashMap<>();
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
      HostLimits limits) {
    this.id = id;
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

  public void audit(String type, String component, Map<String, String> details) {
    audit.record(AuditEvent.now(id, type, component, details));
  }

  /** Records a limit hit (audit event and metric) and returns the exception to throw. */
  MosaicException limitHit(String limit, String code, String message, String help) {
    metrics.limitHit(limit);
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

  @Override
  public void close() {
    engine.close();
    if (audit instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close the audit log of tenant " + id, e);
      }
    }
  }
}
