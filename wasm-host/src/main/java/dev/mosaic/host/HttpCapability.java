package dev.mosaic.host;

import dev.mosaic.plan.audit.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code http} capability: outbound requests through {@link java.net.http.HttpClient}, only to
 * hosts the policy allows. The policy parameter is the URL's host ({@code allow c http
 * "*.example.com"}); only {@code http} and {@code https} URLs are accepted and redirects are not
 * followed, so a response cannot lead the guest to a host it was not granted. A request is bounded
 * by the host's timeout and by what is left of the call's time; its body by the host's size cap.
 * Every request is audited.
 */
final class HttpCapability {
  private HttpCapability() {}

  static List<HostFunction> functions(CapabilityContext ctx) {
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
    URI uri = url == null ? null : parse(url);
    if (uri == null) {
      return GuestErrors.INVALID;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    String function = body == null ? "http_get" : "http_post";
    if (!ctx.allowed("http", function, host, false)) {
      audit(ctx, method, uri, "denied");
      return GuestErrors.DENIED;
    }
    long remaining = ctx.guest.deadline().remainingMillis();
    if (remaining == 0) {
      throw new CallTimedOut();
    }
    // Bounded by the host's request timeout and by what is left of the call: a slow server can
    // neither hold the guest past its limit nor leave the call to be cut off mid-request.
    long timeout = Math.min(ctx.limits.httpTimeoutMillis(), remaining);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(timeout));
    request =
        body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofByteArray(body));
    long max = ctx.limits.maxHttpResponseBytes();
    CompletableFuture<HttpResponse<byte[]>> pending =
        ctx.http.sendAsync(request.build(), info -> new CappedBody(max));
    HttpResponse<byte[]> response;
    try {
      response = pending.get(timeout, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      return timedOut(ctx, method, uri);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HttpTimeoutException) {
        return timedOut(ctx, method, uri);
      }
      audit(ctx, method, uri, "error");
      return GuestErrors.IO;
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      if (ctx.guest.deadline().remainingNanos() == 0) {
        return timedOut(ctx, method, uri);
      }
      audit(ctx, method, uri, "interrupted");
      return GuestErrors.IO;
    }
    if (response.body() == null) {
      audit(ctx, method, uri, "too large");
      return GuestErrors.TOO_LARGE;
    }
    int status = response.statusCode();
    audit(ctx, method, uri, "status " + status);
    if (status < 200 || status > 299) {
      return -status;
    }
    return ctx.guest.writePacked(response.body());
  }

  /**
   * A request that ran out of time: audited; the call ends with E9002 when its own deadline has
   * passed, else the guest gets {@link GuestErrors#IO} (the host's request timeout is shorter).
   */
  private static long timedOut(CapabilityContext ctx, String method, URI uri) {
    audit(ctx, method, uri, "timeout");
    if (ctx.guest.deadline().remainingNanos() == 0) {
      throw new CallTimedOut();
    }
    return GuestErrors.IO;
  }

  /** Collects a response body of at most {@code max} bytes; completes with null when longer. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(long max) {
      this.max = max;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer b : items) {
        if (result.isDone()) {
          return;
        }
        if (out.size() + (long) b.remaining() > max) {
          subscription.cancel();
          result.complete(null);
          return;
        }
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        out.write(bytes, 0, bytes.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }

  private static URI parse(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null
          || uri.getUserInfo() != null) {
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static void audit(CapabilityContext ctx, String method, URI uri, String result) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("capability", "http");
    details.put("method", method);
    // The query string may carry tokens; only scheme, host, port and path are recorded.
    details.put(
        "url",
        CapabilityContext.clip(
            uri.getScheme()
                + "://"
                + uri.getHost()
                + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath())));
    details.put("result", result);
    ctx.audit(AuditEvent.CAPABILITY, details);
  }
}
