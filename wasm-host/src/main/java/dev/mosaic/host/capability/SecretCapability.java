package dev.mosaic.host.capability;

import dev.mosaic.host.HostCodes;
import dev.mosaic.host.HostFunction;
import dev.mosaic.host.abi.GuestErrors;
import dev.mosaic.hsm.Secret;
import dev.mosaic.hsm.SecretCodes;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.rules.SecretNameRules;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code secret} capability: {@code secret_read} copies a value into guest memory; {@code
 * secret_hmac} computes HMAC-SHA256 in the tenant's backend so the key never enters wasm memory.
 * The policy parameter is the secret's name. Every access is audited without the value.
 */
final class SecretCapability {
  private SecretCapability() {}

  static List<HostFunction> functions(CapabilityContext ctx) {
    return List.of(
        new HostFunction(
            "secret_read",
            HostFunction.type(HostFunction.PTR_LEN, HostFunction.I64),
            args -> {
              String name = ctx.string(args[0].asInt(), args[1].asInt());
              if (!canonical(ctx, name, "read")) {
                return (long) GuestErrors.INVALID;
              }
              if (!ctx.allowed("secret", "secret_read", name, false)) {
                audit(ctx, name, "read", "denied", SecretCodes.SECRET_DENIED);
                return (long) GuestErrors.DENIED;
              }
              if (ctx.tenant.secrets == null) {
                audit(ctx, name, "read", "unavailable");
                return (long) GuestErrors.UNAVAILABLE;
              }
              byte[] value;
              try (Secret secret = ctx.tenant.secrets.read(name)) {
                value = secret.copyValue();
              } catch (MosaicException e) {
                audit(ctx, name, "read", "error", e.code());
                return (long) GuestErrors.NOT_FOUND;
              }
              try {
                long packed = ctx.guest.writePacked(value);
                audit(ctx, name, "read", "granted");
                return packed;
              } catch (RuntimeException e) {
                // The backend granted the value but the guest never received it (its `alloc`
                // trapped, ran out of memory or answered outside its memory).
                audit(ctx, name, "read", "error", COPY_FAILED);
                throw e;
              } finally {
                Arrays.fill(value, (byte) 0);
              }
            }),
        new HostFunction(
            "secret_hmac",
            HostFunction.type(HostFunction.TWO_PTR_LEN, HostFunction.I64),
            args -> {
              String name = ctx.string(args[0].asInt(), args[1].asInt());
              if (!canonical(ctx, name, "hmac")) {
                return (long) GuestErrors.INVALID;
              }
              byte[] data = ctx.guest.read(args[2].asInt(), args[3].asInt());
              if (!ctx.allowed("secret", "secret_hmac", name, false)) {
                audit(ctx, name, "hmac", "denied", SecretCodes.SECRET_DENIED);
                return (long) GuestErrors.DENIED;
              }
              if (ctx.tenant.secrets == null) {
                audit(ctx, name, "hmac", "unavailable");
                return (long) GuestErrors.UNAVAILABLE;
              }
              byte[] mac;
              try {
                mac = ctx.tenant.secrets.hmacSha256(name, data);
              } catch (MosaicException e) {
                audit(ctx, name, "hmac", "error", e.code());
                return (long) GuestErrors.NOT_FOUND;
              }
              try {
                long packed = ctx.guest.writePacked(mac);
                audit(ctx, name, "hmac", "granted");
                return packed;
              } catch (RuntimeException e) {
                audit(ctx, name, "hmac", "error", COPY_FAILED);
                throw e;
              }
            }));
  }

  /**
   * Whether a guest's name is canonical ({@link SecretNameRules}), checked before the policy so
   * that the policy and the backend see the same, unambiguous name. A refusal is audited without
   * the name, which may be anything.
   */
  private static boolean canonical(CapabilityContext ctx, String name, String operation) {
    if (SecretNameRules.valid(name)) {
      return true;
    }
    ctx.tenant.metrics.capability("secret", false);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("secret_id", "invalid-name");
    details.put("backend", ctx.tenant.secrets == null ? "none" : ctx.tenant.secrets.id());
    details.put("operation", operation);
    details.put("result", "denied");
    details.put("code", SecretNameRules.BAD_SECRET_NAME);
    ctx.audit(AuditEvent.SECRET_ACCESS, details);
    return false;
  }

  /** A value the guest never received: its `alloc` trapped or answered outside its memory. */
  static final String COPY_FAILED = HostCodes.TRAP;

  private static void audit(CapabilityContext ctx, String name, String operation, String result) {
    audit(ctx, name, operation, result, null);
  }

  private static void audit(
      CapabilityContext ctx, String name, String operation, String result, String code) {
    Map<String, String> details = new LinkedHashMap<>();
    if (code != null) {
      details.put("code", code);
    }
    details.put("secret_id", CapabilityContext.clip(name));
    details.put("backend", ctx.tenant.secrets == null ? "none" : ctx.tenant.secrets.id());
    details.put("operation", operation);
    details.put("result", result);
    ctx.audit(AuditEvent.SECRET_ACCESS, details);
  }
}
