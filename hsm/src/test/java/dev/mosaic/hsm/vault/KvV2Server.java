package dev.mosaic.hsm.vault;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A loopback server speaking the part of Vault's KV v2 API the backend uses: {@code GET
 * /v1/<mount>/data/<path>} answers {@code {"data":{"data":{...},"metadata":{...}}}} for a known
 * token, 403 with {@code {"errors":["permission denied"]}} otherwise, 404 for unknown paths, and a
 * few paths that fail on purpose (500, 503, slow, malformed).
 */
public final class KvV2Server implements AutoCloseable {
  public static final String TOKEN = "s.loopback-token-7f3e";
  public static final String MOUNT = "kv";

  final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, String> bodies;

  private KvV2Server(HttpServer server, Map<String, String> bodies) {
    this.server = server;
    this.bodies = bodies;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** A plain HTTP server whose KV paths hold {@code bodies} (path to JSON of the data map). */
  public static KvV2Server http(Map<String, String> bodies) throws IOException {
    return new KvV2Server(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), bodies);
  }

  /** The same over TLS with {@code tls}'s key. */
  static KvV2Server https(Map<String, String> bodies, SSLContext tls) throws IOException {
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new KvV2Server(server, bodies);
  }

  public URI address() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      requests.add(
          Map.of(
              "method", exchange.getRequestMethod(),
              "path", path,
              "token", String.valueOf(exchange.getRequestHeaders().getFirst("X-Vault-Token")),
              "namespace",
                  String.valueOf(exchange.getRequestHeaders().getFirst("X-Vault-Namespace"))));
      if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
        send(exchange, 403, "{\"errors\":[\"permission denied\"]}");
        return;
      }
      String prefix = "/v1/" + MOUNT + "/data/";
      if (!exchange.getRequestMethod().equals("GET") || !path.startsWith(prefix)) {
        send(exchange, 404, "{\"errors\":[]}");
        return;
      }
      String key = path.substring(prefix.length());
      switch (key) {
        case "boom" -> send(exchange, 500, "{\"errors\":[\"internal error\"]}");
        case "sealed" -> send(exchange, 503, "{\"errors\":[\"Vault is sealed\"]}");
        case "html" -> send(exchange, 200, "<html>proxy login</html>");
        case "deleted" ->
            send(
                exchange,
                200,
                "{\"data\":{\"data\":null,\"metadata\":{\"deletion_time\":\"2026-01-01T00:00:00Z\"}}}");
        case "slow" -> {
          try {
            Thread.sleep(1500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          send(exchange, 200, "{\"data\":{\"data\":{\"value\":\"late\"}}}");
        }
        default -> {
          String data = bodies.get(key);
          if (data == null) {
            send(exchange, 404, "{\"errors\":[]}");
          } else {
            send(
                exchange,
                200,
                "{\"request_id\":\"r-1\",\"lease_duration\":0,\"data\":{\"data\":"
                    + data
                    + ",\"metadata\":{\"created_time\":\"2026-01-01T00:00:00Z\",\"version\":3}}}");
          }
        }
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
