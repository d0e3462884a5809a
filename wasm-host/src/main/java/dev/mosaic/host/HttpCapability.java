package dev.mosaic.host;

import dev.mosaic.plan.audit.AuditEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code http} capability: outbound requests through {@link java.net.http.HttpClient}, only to
 * hosts the policy allows. The policy parameter is the URL's host ({@code allow c http
 * "*.example.com"}); only {@code http} and {@code https} URLs are accepted and redirects are not
 * followed, so a response cannot lead the guest to a host it was not granted. Every request is
 * audited.
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
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(ctx.limits.httpTimeoutMillis()));
    request =
        body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<InputStream> response =
          ctx.http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      byte[] bytes;
      try (InputStream in = response.body()) {
        bytes =
            in.readNBytes(
                (int) Math.min(Integer.MAX_VALUE - 8, ctx.limits.maxHttpResponseBytes() + 1));
      }
      if (bytes.length > ctx.limits.maxHttpResponseBytes()) {
        audit(ctx, method, uri, "too large");
        return GuestErrors.TOO_LARGE;
      }
      int status = response.statusCode();
      audit(ctx, method, uri, "status " + status);
      if (status < 200 || status > 299) {
        return -status;
      }
      return ctx.guest.writePacked(bytes);
    } catch (IOException e) {
      audit(ctx, method, uri, "error");
      return GuestErrors.IO;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      audit(ctx, method, uri, "interrupted");
      return GuestErrors.IO;
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
