package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.mosaic.host.abi.GuestErrors;
import dev.mosaic.host.audit.AuditLogVerifier;
import dev.mosaic.plan.MosaicException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each capability allowed and denied, through real wasm calling the host functions. */
class CapabilitiesTest {
  private static final byte[] API_KEY = "s3cr3t-api-key-value".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DB_PASSWORD = "db-pa55word".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private TestPlans plans;
  private WasmHost host;
  private FakeSecretBackend secrets;
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private String base;
  private Composition caps;

  @BeforeEach
  void setUp() throws IOException {
    plans = new TestPlans(dir.resolve("blobs"));
    secrets =
        new FakeSecretBackend("fake://t1", Map.of("api-key", API_KEY, "db-password", DB_PASSWORD));
    Path files = Files.createDirectories(dir.resolve("files"));
    Files.createDirectories(files.resolve("data"));
    Files.createDirectories(files.resolve("out"));
    Files.writeString(files.resolve("data/in.txt"), "input data");
    host =
        WasmHost.builder()
            .guestLog(logged::add)
            .auditDirectory(dir.resolve("audit"))
            .secrets(t -> secrets)
            .fileRoots(t -> files)
            .keyValueStore(new MemoryKeyValueStore(64, 1024, 2048))
            .build();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/ping",
        ex -> {
          byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.createContext(
        "/echo",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.createContext(
        "/redirect",
        ex -> {
          ex.getResponseHeaders().add("Location", "http://169.254.169.254/");
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    caps =
        host.instantiate(
            plans
                .plan("t1")
                .component("caps", "caps")
                .allow("caps", "log")
                .allow("caps", "clock")
                .allow("caps", "random")
                .allow("caps", "secret", "api-*")
                .allow("caps", "kv", "cache/*")
                .allow("caps", "http", "127.0.0.1:" + server.getAddress().getPort())
                .allow("caps", "files", "/data/*", "/out", "write:/out/*")
                .validate());
  }

  @AfterEach
  void tearDown() {
    caps.close();
    host.close();
    server.stop(0);
  }

  private Object call(String function, Object... args) {
    return caps.call("caps", function, List.of(args));
  }

  private byte[] last() {
    return (byte[]) call("last");
  }

  private String audit() throws IOException {
    return Files.readString(dir.resolve("audit/t1/audit.jsonl"));
  }

  @Test
  void logClockAndRandomWork() {
    call("say", "hello from the guest");
    assertThat(logged).containsExactly("[caps] hello from the guest");
    long now = (Long) call("now");
    long wall = Instant.now().getEpochSecond() * 1_000_000_000L;
    assertThat(Math.abs(now - wall)).isLessThan(5_000_000_000L);
    long a = (Long) call("mono");
    long b = (Long) call("mono");
    assertThat(b).isGreaterThanOrEqualTo(a);
    assertThat(call("rand", 32)).isEqualTo(0L);
    byte[] r1 = last();
    assertThat(call("rand", 32)).isEqualTo(0L);
    assertThat(r1).hasSize(32).isNotEqualTo(last());
  }

  @Test
  void secretReadIsCheckedPerNameAndAuditedWithoutTheValue() throws IOException {
    assertThat((Long) call("secret", "api-key")).isPositive();
    assertThat(last()).isEqualTo(API_KEY);
    assertThat(call("secret", "db-password")).isEqualTo((long) GuestErrors.DENIED);
    assertThat(call("secret", "api-missing")).isEqualTo((long) GuestErrors.NOT_FOUND);
    String log = audit();
    assertThat(log)
        .contains("\"event_type\":\"secret_access\"")
        .contains("\"secret_id\":\"api-key\"")
        .contains("\"secret_id\":\"db-password\"")
        .contains("\"backend\":\"fake://t1\"")
        .contains("\"result\":\"denied\"");
    for (byte[] value : List.of(API_KEY, DB_PASSWORD)) {
      assertThat(log)
          .doesNotContain(new String(value, StandardCharsets.UTF_8))
          .doesNotContain(HexFormat.of().formatHex(value))
          .doesNotContain(Base64.getEncoder().encodeToString(value));
    }
    assertThat(AuditLogVerifier.verify(dir.resolve("audit/t1/audit.jsonl")).valid()).isTrue();
  }

  @Test
  void hmacUsesTheKeyWithoutReadingIt() {
    byte[] data = "message to sign".getBytes(StandardCharsets.UTF_8);
    assertThat((Long) call("hmac", "api-key", data)).isPositive();
    assertThat(last()).isEqualTo(FakeSecretBackend.hmac(API_KEY, data));
    assertThat(secrets.reads).hasValue(0);
    assertThat(call("hmac", "db-password", data)).isEqualTo((long) GuestErrors.DENIED);
  }

  @Test
  void kvIsCheckedPerKeyAndCapped() {
    assertThat(call("get", "cache/a")).isEqualTo((long) GuestErrors.NOT_FOUND);
    assertThat(call("put", "cache/a", "value".getBytes(StandardCharsets.UTF_8))).isEqualTo(0L);
    assertThat((Long) call("get", "cache/a")).isPositive();
    assertThat(last()).asString(StandardCharsets.UTF_8).isEqualTo("value");
    assertThat(call("put", "config/x", new byte[1])).isEqualTo((long) GuestErrors.DENIED);
    assertThat(call("get", "config/x")).isEqualTo((long) GuestErrors.DENIED);
    assertThat(call("put", "cache/big", new byte[2000])).isEqualTo((long) GuestErrors.TOO_LARGE);
    assertThat(call("del", "cache/a")).isEqualTo(0L);
    assertThat(call("del", "cache/a")).isEqualTo((long) GuestErrors.NOT_FOUND);
  }

  @Test
  void httpReachesOnlyAllowedHostsAndFollowsNoRedirects() throws IOException {
    assertThat((Long) call("fetch", base + "/ping")).isPositive();
    assertThat(last()).asString(StandardCharsets.UTF_8).isEqualTo("pong");
    assertThat((Long) call("send", base + "/echo", "payload".getBytes(StandardCharsets.UTF_8)))
        .isPositive();
    assertThat(last()).asString(StandardCharsets.UTF_8).isEqualTo("payload");
    String other = "http://localhost:" + server.getAddress().getPort() + "/ping";
    assertThat(call("fetch", other)).isEqualTo((long) GuestErrors.DENIED);
    assertThat(call("fetch", base + "/missing")).isEqualTo(-404L);
    assertThat(call("fetch", base + "/redirect")).isEqualTo(-302L);
    assertThat(call("fetch", "file:///etc/passwd")).isEqualTo((long) GuestErrors.INVALID);
    assertThat(audit()).contains("\"url\":\"http://localhost:").contains("\"result\":\"denied\"");
  }

  @Test
  void filesAreReadOnlyUnlessWriteIsGrantedAndStayInsideTheRoot() throws IOException {
    assertThat((Long) call("read", "/data/in.txt")).isPositive();
    assertThat(last()).asString(StandardCharsets.UTF_8).isEqualTo("input data");
    assertThat(call("write", "/data/in.txt", new byte[] {1})).isEqualTo((long) GuestErrors.DENIED);
    assertThat(Files.readString(dir.resolve("files/data/in.txt"))).isEqualTo("input data");
    assertThat(call("write", "/out/result.txt", "done".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(0L);
    assertThat(Files.readString(dir.resolve("files/out/result.txt"))).isEqualTo("done");
    assertThat((Long) call("list", "/out")).isPositive();
    assertThat(last()).asString(StandardCharsets.UTF_8).isEqualTo("result.txt");
    assertThat(call("read", "/etc/passwd")).isEqualTo((long) GuestErrors.DENIED);
    assertThat(call("read", "/data/../../blobs")).isEqualTo((long) GuestErrors.INVALID);
    assertThat(call("read", "data/in.txt")).isEqualTo((long) GuestErrors.INVALID);
    assertThat(call("read", "/data/nothing")).isEqualTo((long) GuestErrors.NOT_FOUND);
  }

  @Test
  void symbolicLinksOutOfTheRootAreRefused() throws IOException {
    Path secret = Files.writeString(dir.resolve("outside.txt"), "outside");
    Files.createSymbolicLink(dir.resolve("files/data/link.txt"), secret);
    assertThat(call("read", "/data/link.txt")).isEqualTo((long) GuestErrors.DENIED);
  }

  @Test
  void aCapabilityOutsideThePolicyIsNeverLinked() {
    assertThatThrownBy(() -> plans.plan("t1").component("clock", "clock").validate())
        .isInstanceOfSatisfying(MosaicException.class, e -> assertThat(e.exitCode()).isEqualTo(77));
    assertThatThrownBy(
            () ->
                plans
                    .plan("t1")
                    .component("clock", "clock")
                    .allow("*", "clock")
                    .deny("clock", "clock")
                    .validate())
        .isInstanceOf(MosaicException.class);
  }

  @Test
  void withoutABackendSecretsAreUnavailable() {
    try (WasmHost bare = WasmHost.builder().guestLog(line -> {}).build();
        Composition c =
            bare.instantiate(
                plans
                    .plan("t2")
                    .component("caps", "caps")
                    .allow("caps", "log")
                    .allow("caps", "clock")
                    .allow("caps", "random")
                    .allow("caps", "secret")
                    .allow("caps", "kv")
                    .allow("caps", "http")
                    .allow("caps", "files")
                    .validate())) {
      assertThat(c.call("caps", "secret", List.of("api-key")))
          .isEqualTo((long) GuestErrors.UNAVAILABLE);
      assertThat(c.call("caps", "read", List.of("/x"))).isEqualTo((long) GuestErrors.UNAVAILABLE);
    }
  }
}
