package dev.mosaic.host.http;

import dev.mosaic.host.CallTimedOut;
import dev.mosaic.host.HostFunction;
import dev.mosaic.host.abi.GuestErrors;
import dev.mosaic.host.capability.CapabilityContext;
import dev.mosaic.plan.audit.AuditEvent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code http} capability: outbound HTTP/1.1 requests, only where the policy allows. The URL is
 * put in canonical form ({@link HttpTarget}: IP literal spellings, IPv4-mapped IPv6, case, trailing
 * dot, IDNA), the rules are decided on the canonical host and port and on every address the host
 * resolves to ({@link HttpPolicy}), and the request goes to an address that was checked ({@link
 * PinnedHttp}), so a name cannot resolve differently between the check and the connection. Only
 * {@code http} and {@code https} URLs without user info are accepted; redirects are not followed,
 * so a response cannot lead the guest to a host it was not granted. One exchange is bounded by the
 * host's timeout and by what is left of the guest's call; past the call's deadline the call ends
 * with E9002. Every request is audited.
 */
public final class HttpCapability {
  private HttpCapability() {}

  public static List<HostFunction> functions(CapabilityContext ctx) {
    return List.of(
        new HostFunction(
            "http_get",
            HostFunction.type(HostFunction.PTR_LEN, HostFunction.I64),
            args -> request(ctx, "GET", args[0].asInt(), args[1].asInt(), null)),
        new HostFunction(
            "http_post",
            HostFunction.type(HostFunction.TWO_PTR_LEN, HostFunction.I64),
            args ->
                request(
                    ctx,
                    "POST",
                    args[0].asInt(),
                    args[1].asInt(),
                    ctx.guest.read(args[2].asInt(), args[3].asInt()))));
  }

  private static long request(CapabilityContext ctx, String method, int ptr, int len, byte[] body) {
    String url = ctx.string(ptr, len);
    HttpTarget target = HttpTarget.parse(url);
    if (target == null) {
      return GuestErrors.INVALID;
    }
    String function = body == null ? "http_get" : "http_post";
    // Decide on the name before resolving it, so an ungranted host is not even looked up.
    List<InetAddress> addresses = target.address() == null ? List.of() : List.of(target.address());
    String refusal = HttpPolicy.refusal(ctx.policy, ctx.component, target, addresses);
    if (refusal == null && target.address() == null) {
      try {
        addresses = List.of(InetAddress.getAllByName(target.host()));
      } catch (UnknownHostException e) {
        audit(ctx, function, method, target, "unknown host");
        return GuestErrors.NOT_FOUND;
      }
      refusal = HttpPolicy.refusal(ctx.policy, ctx.component, target, addresses);
    }
    ctx.tenant.metrics.capability("http", refusal == null);
    if (refusal != null) {
      Map<String, String> details = details(function, method, target, "denied");
      details.put("reason", CapabilityContext.clip(refusal));
      ctx.audit(AuditEvent.CAPABILITY, details);
      return GuestErrors.DENIED;
    }
    long remaining = ctx.guest.deadline().remainingMillis();
    if (remaining == 0) {
      throw new CallTimedOut();
    }
    // One deadline for every address tried: the host's request timeout or what is left of the
    // call, whichever ends first, so a slow server can neither hold the guest past its limit nor
    // leave the call to be cut off mid-request.
    long deadline = ctx.http.deadline(remaining);
    PinnedHttp.Response response = null;
    try {
      for (int i = 0; response == null; i++) {
        try {
          response = ctx.http.exchange(target, addresses.get(i), method, body, deadline);
        } catch (ConnectException | NoRouteToHostException e) {
          if (i + 1 == addresses.size()) {
            throw e;
          }
        }
      }
    } catch (PinnedHttp.TooLargeException e) {
      audit(ctx, function, method, target, "too large");
      return GuestErrors.TOO_LARGE;
    } catch (SocketTimeoutException e) {
      return timedOut(ctx, function, method, target);
    } catch (ClosedByInterruptException e) {
      if (ctx.guest.deadline().remainingNanos() == 0) {
        return timedOut(ctx, function, method, target);
      }
      audit(ctx, function, method, target, "interrupted");
      return GuestErrors.IO;
    } catch (IOException e) {
      audit(ctx, function, method, target, "error");
      return GuestErrors.IO;
    }
    int status = response.status();
    audit(ctx, function, method, target, "status " + status);
    if (status < 200 || status > 299) {
      return -status;
    }
    return ctx.guest.writePacked(response.body());
  }

  /**
   * A request that ran out of time: audited; the call ends with E9002 when its own deadline has
   * passed, else the guest gets {@link GuestErrors#IO} (the host's request timeout was shorter).
   */
  private static long timedOut(
      CapabilityContext ctx, String function, String method, HttpTarget target) {
    audit(ctx, function, method, target, "timeout");
    if (ctx.guest.deadline().remainingNanos() == 0) {
      throw new CallTimedOut();
    }
    return GuestErrors.IO;
  }

  private static void audit(
      CapabilityContext ctx, String function, String method, HttpTarget target, String result) {
    ctx.audit(AuditEvent.CAPABILITY, details(function, method, target, result));
  }

  private static Map<String, String> details(
      String function, String method, HttpTarget target, String result) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("capability", "http");
    details.put("function", function);
    details.put("method", method);
    // The query string may carry tokens; only scheme, host, port and path are recorded.
    details.put("url", CapabilityContext.clip(target.forAudit()));
    details.put("result", result);
    return details;
  }
}
