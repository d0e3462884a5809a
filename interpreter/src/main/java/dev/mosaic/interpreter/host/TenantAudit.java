package dev.mosaic.interpreter.host;

import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import dev.mosaic.plan.store.FileBlobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Hands out one audit sink per tenant and routes events to the sink of their tenant. Events that
 * belong to no tenant (a plan too broken to name one, or naming an unusable tenant) go to the sink
 * of {@link #HOST}, a name no tenant can have. Sinks are opened on first use and closed with this.
 */
public final class TenantAudit implements AuditSink, AutoCloseable {
  /** Where events without a usable tenant go; tenant names start with a letter or digit. */
  public static final String HOST = "_host";

  private final Function<String, AuditSink> open;
  private final Map<String, AuditSink> sinks = new ConcurrentHashMap<>();

  public TenantAudit(Function<String, AuditSink> open) {
    this.open = open;
  }

  /** The sink of one tenant, opened on first use. */
  public AuditSink sink(String tenant) {
    String key = FileBlobStore.isTenant(tenant) ? tenant : HOST;
    return sinks.computeIfAbsent(key, open);
  }

  @Override
  public void record(AuditEvent event) {
    sink(event.tenantId()).record(event);
  }

  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (AuditSink s : sinks.values()) {
      if (s instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (RuntimeException e) {
          failures.add(e);
        } catch (Exception e) {
          failures.add(new IllegalStateException(e));
        }
      }
    }
    sinks.clear();
    if (!failures.isEmpty()) {
      throw failures.getFirst();
    }
  }
}
