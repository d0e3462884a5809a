package dev.mosaic.host.capability;

import dev.mosaic.host.HostLimits;
import dev.mosaic.host.KeyValueStore;
import dev.mosaic.host.Tenant;
import dev.mosaic.host.http.PinnedHttp;
import dev.mosaic.host.internal.Guest;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.rules.PolicyEngine;
import io.micrometer.core.instrument.Counter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** Most decisions remembered per component. */
  static final int MEMO_ENTRIES = 1024;

  /** Longest parameter whose decision is remembered. */
  static final int MEMO_PARAMETER_CHARS = 256;

  /** A decision and the metric it counts. */
  private record Grant(boolean allowed, Counter counter) {}

  /** Decisions without a parameter, by capability (a handful: one per capability). */
  private final Map<String, Grant> unparameterized = new ConcurrentHashMap<>();

  /** Decisions with a parameter, by capability, then parameter; at most MEMO_ENTRIES in all. */
  private final Map<String, Map<String, Grant>> parameterized = new ConcurrentHashMap<>();

  private final AtomicInteger memoized = new AtomicInteger();

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
    Grant grant = decision(capability, parameter);
    boolean ok = grant.allowed();
    grant.counter().increment();
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

  /**
   * The policy's decision for this component, {@code capability} and {@code parameter}, with the
   * counter it increments. A plan's policy never changes, so a decision, once made, holds for the
   * life of the composition: it is remembered per capability and parameter (the exact string the
   * policy matched, so the guest's bytes are still read and checked at every call), for parameters
   * up to {@link #MEMO_PARAMETER_CHARS} characters and at most {@link #MEMO_ENTRIES} of them;
   * anything beyond that is decided afresh each time.
   */
  private Grant decision(String capability, String parameter) {
    Map<String, Grant> memo =
        parameter == null
            ? unparameterized
            : parameterized.computeIfAbsent(capability, c -> new ConcurrentHashMap<>());
    String key = parameter == null ? capability : parameter;
    Grant grant = memo.get(key);
    if (grant != null) {
      return grant;
    }
    boolean ok = policy.decide(component, capability, parameter).allowed();
    grant = new Grant(ok, tenant.metrics.capabilityCounter(capability, ok));
    if (parameter == null) {
      memo.putIfAbsent(key, grant);
    } else if (parameter.length() <= MEMO_PARAMETER_CHARS
        && memoized.get() < MEMO_ENTRIES
        && memo.putIfAbsent(key, grant) == null) {
      memoized.incrementAndGet();
    }
    return grant;
  }

  public void audit(String type, Map<String, String> details) {
    tenant.audit(type, component, details);
  }

  /** Reads a UTF-8 string argument; {@code null} when it is not valid UTF-8. */
  public String string(int ptr, int len) {
    byte[] bytes = guest.read(ptr, len);
    if (ascii(bytes)) {
      return new String(bytes, StandardCharsets.US_ASCII); // valid UTF-8, no decoder needed
    }
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

  private static boolean ascii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  public static String clip(String s) {
    return s.length() > 256 ? s.substring(0, 256) + "..." : s;
  }
}
