package dev.mosaic.interpreter.host;

import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import dev.mosaic.plan.store.BlobStore;
import java.util.function.Function;

/**
 * The facade's audit wiring. It owns the tenants' audit sinks (opened on first use, closed only by
 * {@link #close()}), routes validation decisions to the builder's sink and to the tenant's log,
 * wraps the blob store so that blob events are audited, and hands the host sinks that only record,
 * so the host never closes them a second time.
 */
public final class AuditWiring implements AutoCloseable {
  private final TenantAudit audit;
  private final AuditSink validation;

  /**
   * @param builderSink where validation and signature decisions always go
   * @param perTenant each tenant's sink, or {@code null} when no audit destination is set
   */
  public AuditWiring(AuditSink builderSink, Function<String, AuditSink> perTenant) {
    this.audit = perTenant == null ? null : new TenantAudit(perTenant);
    TenantAudit tenants = audit;
    this.validation =
        tenants == null
            ? builderSink
            : event -> {
              builderSink.record(event);
              tenants.record(event);
            };
  }

  /** Whether an audit destination is set. */
  public boolean on() {
    return audit != null;
  }

  /** Where plan validation and signature decisions go. */
  public AuditSink validation() {
    return validation;
  }

  /** The blob store the facade uses: {@code store}, audited when audit is on. */
  public BlobStore blobs(BlobStore store) {
    return audit == null ? store : new AuditingBlobStore(store, audit);
  }

  /** The sink of one tenant, for the application's own events; {@link AuditSink#NONE} when off. */
  public AuditSink sink(String tenant) {
    return audit == null ? AuditSink.NONE : audit.sink(tenant);
  }

  /** Routes an event to its tenant's log; does nothing when audit is off. */
  public void record(AuditEvent event) {
    if (audit != null) {
      audit.record(event);
    }
  }

  /**
   * The per-tenant sinks for the host: they only record, because this wiring is their one owner;
   * {@code null} when audit is off.
   */
  public Function<String, AuditSink> hostSinks() {
    if (audit == null) {
      return null;
    }
    TenantAudit tenants = audit;
    return t -> recordOnly(tenants.sink(t));
  }

  private static AuditSink recordOnly(AuditSink sink) {
    return sink::record;
  }

  /** Closes every tenant sink opened so far; throws the first failure. */
  @Override
  public void close() {
    if (audit != null) {
      audit.close();
    }
  }
}
