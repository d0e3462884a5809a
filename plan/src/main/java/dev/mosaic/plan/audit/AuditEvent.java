package dev.mosaic.plan.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One audit event, written as a JSON line (docs/audit.md). Details never hold secret values.
 *
 * @param timestamp when it happened (UTC)
 * @param tenantId tenant the event belongs to
 * @param eventType one of the {@code *} constants, e.g. {@link #SECRET_ACCESS}
 * @param componentId component involved, or empty
 * @param details event-specific fields, sorted by key
 */
public record AuditEvent(
    Instant timestamp,
    String tenantId,
    String eventType,
    String componentId,
    Map<String, String> details) {

  public static final String PLAN_VALIDATION = "plan_validation";
  public static final String BLOB = "blob";
  public static final String SECRET_ACCESS = "secret_access";
  public static final String POLICY_DECISION = "policy_decision";
  public static final String EXECUTION = "component_execution";
  public static final String CAPABILITY = "capability";
  public static final String LIMIT = "limit";

  public AuditEvent {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(eventType, "eventType");
    componentId = componentId == null ? "" : componentId;
    details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
  }

  /** An event stamped now. */
  public static AuditEvent now(
      String tenantId, String eventType, String componentId, Map<String, String> details) {
    return new AuditEvent(Instant.now(), tenantId, eventType, componentId, details);
  }
}
