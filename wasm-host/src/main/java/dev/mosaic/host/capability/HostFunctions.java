package dev.mosaic.host.capability;

import dev.mosaic.host.CallTimedOut;
import dev.mosaic.host.GuestFault;
import dev.mosaic.host.HostCodes;
import dev.mosaic.host.HostFunction;
import dev.mosaic.host.files.FilesCapability;
import dev.mosaic.host.http.HttpCapability;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.diag.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Builds the {@code mosaic} import module of one component: only the host functions it imports, and
 * only those whose capability the policy grants. Every function is wrapped so that a Java failure
 * inside it becomes a guest trap, never a host crash.
 */
public final class HostFunctions {
  private HostFunctions() {}

  /** Every host function, by import name; docs/guest-abi.md lists them. */
  static Map<String, HostFunction> all(CapabilityContext ctx) {
    List<HostFunction> fns = new ArrayList<>();
    fns.addAll(BasicCapabilities.functions(ctx));
    fns.addAll(SecretCapability.functions(ctx));
    fns.addAll(KvCapability.functions(ctx));
    fns.addAll(HttpCapability.functions(ctx));
    fns.addAll(FilesCapability.functions(ctx));
    Map<String, HostFunction> out = new HashMap<>();
    fns.forEach(f -> out.put(f.name(), f));
    return out;
  }

  /**
   * The {@code mosaic} import object of a component, or {@code null} when it imports no host
   * function.
   *
   * @throws MosaicException E9005 when an import names no host function or has the wrong type
   */
  public static ProxyObject link(CapabilityContext ctx, List<FunctionDecl> imports) {
    Map<String, HostFunction> all = null;
    Map<String, Object> linked = new HashMap<>();
    for (FunctionDecl imp : imports) {
      if (!imp.isCapability()) {
        continue;
      }
      if (all == null) {
        all = all(ctx);
      }
      String capability = Capabilities.capabilityOf(imp.name());
      boolean granted = ctx.policy.decide(ctx.component, capability, null).allowed();
      ctx.tenant.audit(
          AuditEvent.CAPABILITY,
          ctx.component,
          Map.of(
              "capability",
              capability,
              "function",
              imp.name(),
              "result",
              granted ? "linked" : "denied"));
      if (!granted) {
        continue;
      }
      HostFunction fn = all.get(imp.name());
      if (fn == null) {
        throw new MosaicException(
            Diagnostic.of(
                    HostCodes.LINK,
                    "component `"
                        + ctx.component
                        + "` imports `mosaic."
                        + imp.name()
                        + "`, which this host does not provide")
                .withHelp("docs/guest-abi.md lists the host functions"));
      }
      if (!fn.type().equals(imp.type())) {
        throw new MosaicException(
            Diagnostic.of(
                    HostCodes.LINK,
                    "component `"
                        + ctx.component
                        + "` imports `mosaic."
                        + imp.name()
                        + "` as "
                        + imp.type()
                        + " but the host function is "
                        + fn.type())
                .withHelp("docs/guest-abi.md lists the host functions"));
      }
      linked.put(imp.name(), guard(fn));
    }
    return all == null ? null : ProxyObject.fromMap(linked);
  }

  private static ProxyExecutable guard(HostFunction fn) {
    ProxyExecutable body = fn.body();
    return args -> {
      try {
        return body.execute(args);
      } catch (GuestFault | CallTimedOut | PolyglotException e) {
        throw e;
      } catch (RuntimeException e) {
        // A failing backend must not take the host down; the guest traps with a clear message.
        throw new GuestFault(
            "host function `" + fn.name() + "` failed: " + e.getClass().getSimpleName());
      }
    };
  }
}
