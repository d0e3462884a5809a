package dev.mosaic.hsm;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One tenant's view of a secret backend: every use names the component asking, is checked against
 * the policy grant and is written to the audit sink as a {@code secret_access} event, whether it is
 * granted, denied or fails. Events carry the backend id and the secret name, never a value.
 *
 * <p>Names are checked ({@link SecretNames}) and looked up under the tenant's prefix, so a tenant
 * whose prefix is {@code tenants/acme/} reaches {@code tenants/acme/api-key} when it asks for
 * {@code api-key} and can never name a secret outside its prefix.
 */
public final class ScopedSecrets {
  private final String tenantId;
  private final SecretBackend backend;
  private final SecretGrant grant;
  private final AuditSink audit;
  private final String prefix;

  /**
   * @param tenantId the tenant
   * @param backend where the tenant's secrets live
   * @param prefix prepended to every name before the backend sees it; empty for none
   * @param grant the policy decision
   * @param audit where access events go
   */
  public ScopedSecrets(
      String tenantId, SecretBackend backend, String prefix, SecretGrant grant, AuditSink audit) {
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.grant = Objects.requireNonNull(grant, "grant");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /** The tenant these secrets belong to. */
  public String tenantId() {
    return tenantId;
  }

  /** Reads a secret for {@code component}; the caller closes it. */
  public Secret read(String component, String name) {
    return access(component, name, "read", () -> backend.read(prefix + name));
  }

  /** HMAC-SHA256 with the key {@code name} on behalf of {@code component}. */
  public byte[] hmacSha256(String component, String name, byte[] data) {
    return access(component, name, "hmac", () -> backend.hmacSha256(prefix + name, data));
  }

  /** Signs with the key {@code name} on behalf of {@code component}. */
  public byte[] sign(String component, String name, SignatureAlgorithm algorithm, byte[] data) {
    return access(component, name, "sign", () -> backend.sign(prefix + name, algorithm, data));
  }

  /** Encrypts with the key {@code name} on behalf of {@code component}. */
  public byte[] encrypt(String component, String name, byte[] plaintext) {
    return access(component, name, "encrypt", () -> backend.encrypt(prefix + name, plaintext));
  }

  /** Decrypts with the key {@code name} on behalf of {@code component}. */
  public byte[] decrypt(String component, String name, byte[] ciphertext) {
    return access(component, name, "decrypt", () -> backend.decrypt(prefix + name, ciphertext));
  }

  private <T> T access(String component, String name, String operation, Supplier<T> use) {
    try {
      SecretNames.check(name);
    } catch (MosaicException e) {
      record(component, "invalid-name", operation, "denied", e.code());
      throw e;
    }
    if (!grant.allows(component, name)) {
      record(component, name, operation, "denied", SecretCodes.SECRET_DENIED);
      throw SecretErrors.error(
          SecretCodes.SECRET_DENIED,
          "component `" + component + "` may not use secret `" + name + "`",
          "the policy grants the `secret` capability to this component for other names only,"
              + " or not at all");
    }
    T result;
    try {
      result = use.get();
    } catch (MosaicException e) {
      record(component, name, operation, "error", e.code());
      throw e;
    } catch (RuntimeException e) {
      record(component, name, operation, "error", "E0001");
      throw e;
    }
    record(component, name, operation, "granted", null);
    return result;
  }

  private void record(String component, String name, String operation, String result, String code) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("secret_id", name);
    details.put("backend", backend.id());
    details.put("operation", operation);
    details.put("result", result);
    if (code != null) {
      details.put("code", code);
    }
    audit.record(AuditEvent.now(tenantId, AuditEvent.SECRET_ACCESS, component, details));
  }

  @Override
  public String toString() {
    return "ScopedSecrets[" + tenantId + ", " + backend.id() + "]";
  }
}
