package dev.mosaic.host.capability;

import dev.mosaic.host.HostFunction;
import dev.mosaic.host.KeyValueStore;
import dev.mosaic.host.abi.GuestErrors;
import dev.mosaic.plan.audit.AuditEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code kv} capability: the tenant's key-value namespace. The policy parameter is the key, so
 * grants can be narrowed to key patterns ({@code allow c kv "cache/*"}).
 */
final class KvCapability {
  private KvCapability() {}

  static List<HostFunction> functions(CapabilityContext ctx) {
    return List.of(
        new HostFunction(
            "kv_get",
            HostFunction.type(HostFunction.PTR_LEN, HostFunction.I64),
            args -> {
              String key = ctx.string(args[0].asInt(), args[1].asInt());
              if (key == null) {
                return (long) GuestErrors.INVALID;
              }
              if (!ctx.allowed("kv", "kv_get", key, false)) {
                return (long) GuestErrors.DENIED;
              }
              Optional<byte[]> value = ctx.kv.get(ctx.tenant.id, key);
              return value.isEmpty()
                  ? (long) GuestErrors.NOT_FOUND
                  : ctx.guest.writePacked(value.get());
            }),
        new HostFunction(
            "kv_put",
            HostFunction.type(HostFunction.TWO_PTR_LEN, HostFunction.I32),
            args -> {
              String key = ctx.string(args[0].asInt(), args[1].asInt());
              if (key == null) {
                return GuestErrors.INVALID;
              }
              byte[] value = ctx.guest.read(args[2].asInt(), args[3].asInt());
              if (!ctx.allowed("kv", "kv_put", key, false)) {
                return GuestErrors.DENIED;
              }
              try {
                ctx.kv.put(ctx.tenant.id, key, value);
                return 0;
              } catch (KeyValueStore.QuotaExceededException e) {
                ctx.tenant.metrics.limitHit("kv");
                ctx.audit(
                    AuditEvent.LIMIT,
                    Map.of("limit", "kv", "result", "denied", "reason", e.getMessage()));
                return GuestErrors.TOO_LARGE;
              }
            }),
        new HostFunction(
            "kv_delete",
            HostFunction.type(HostFunction.PTR_LEN, HostFunction.I32),
            args -> {
              String key = ctx.string(args[0].asInt(), args[1].asInt());
              if (key == null) {
                return GuestErrors.INVALID;
              }
              if (!ctx.allowed("kv", "kv_delete", key, false)) {
                return GuestErrors.DENIED;
              }
              return ctx.kv.delete(ctx.tenant.id, key) ? 0 : GuestErrors.NOT_FOUND;
            }));
  }
}
