package dev.mosaic.host.capability;

import dev.mosaic.host.HostLimits;
import dev.mosaic.host.KeyValueStore;
import dev.mosaic.host.Tenant;
import dev.mosaic.host.http.PinnedHttp;
import dev.mosaic.host.internal.Guest;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.rules.PolicyEngine;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the host functions of one component use: its guest memory, the plan's policy (checked on
 * every call with the call's parameter), and its tenant's services.
 */
public final class CapabilityContext {
  public final Tenant tenant;
  public final String component;
  public final Guest guest;
  public final PolicyEngine policy;
  final KeyValueStore kv;
  public final PinnedHttp http;
  public final HostLimits limits;
  final Consumer<String> log;

  public CapabilityContext(
      Tenant tenant,
      Guest guest,
      PolicyEngine policy,
      KeyValueStore kv,
      PinnedHttp http,
      HostLimits limits,
      Consumer<String> log) {
    this.tenant = tenant;
    this.component = guest.id();
    this.guest = guest;
    this.policy = policy;
    this.kv = kv;
    this.http = http;
    this.limits = limits;
    this.log = log;
  }

  /**
   * Asks the policy whether this component may use {@code capability} with {@code parameter}. A
   * denial is audited; so is a grant when {@code auditGrant} is set.
   */
  public boolean allowed(String capability, String function, String parameter, boolean auditGrant) {
    boolean ok = policy.decide(component, capability, parameter).allowed();
    tenant.metrics.capability(capability, ok);
    if (!ok || auditGrant) {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("capability", capability);
      details.put("function", function);
      if (parameter != null) {
        details.put("parameter", clip(parameter));
      }
      details.put("result", ok ? "granted" : "denied");
      tenant.audit(AuditEvent.CAPABILITY, component, details);
    }
    return ok;
  }

  public void audit(String type, Map<String, String> details) {
    tenant.audit(type, component, details);
  }

  /** Reads a UTF-8 string argument; {@code null} when it is not valid UTF-8. */
  public String string(int ptr, int len) {
    byte[] bytes = guest.read(ptr, len);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  public static String clip(String s) {
    return s.length() > 256 ? s.substring(0, 256) + "..." : s;
  }
}
