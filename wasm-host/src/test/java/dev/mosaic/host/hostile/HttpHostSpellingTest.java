package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mosaic.host.CapabilityFixture;
import dev.mosaic.host.Composition;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.abi.GuestErrors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest tries to reach a denied server (on 127.0.0.1) by other spellings of its address, by a
 * name that resolves to it, and on ports its grant does not name.
 */
class HttpHostSpellingTest {
  /** Every spelling curl, browsers or inet_aton accept for 127.0.0.1. */
  private static final List<String> SPELLINGS =
      List.of(
          "127.0.0.1",
          "2130706433",
          "0x7f000001",
          "0X7F000001",
          "0x7f.1",
          "0x7f.0.0.1",
          "0177.0.0.1",
          "0177.0.0.01",
          "017700000001",
          "127.000.000.001",
          "127.1",
          "127.0.1",
          "127.0.0.1.",
          "[::ffff:127.0.0.1]",
          "[::FFFF:7f00:1]",
          "[0:0:0:0:0:ffff:7f00:1]",
          "localhost",
          "LocalHost.");

  /** IPv6 addresses that carry 127.0.0.1 without being it (compatible, translated, NAT64). */
  private static final List<String> CARRIERS =
      List.of("[::127.0.0.1]", "[::ffff:0:127.0.0.1]", "[64:ff9b::7f00:1]");

  @TempDir Path dir;
  private HttpServer server;
  private int port;
  private final List<String> hosts = new CopyOnWriteArrayList<>();
  private WasmHost host;

  @BeforeEach
  void setUp() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/",
        ex -> {
          hosts.add(ex.getRequestHeaders().getFirst("Host"));
          byte[] body = "secret admin page".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    port = server.getAddress().getPort();
    host = WasmHost.builder().guestLog(line -> {}).auditDirectory(dir.resolve("audit")).build();
  }

  @AfterEach
  void tearDown() {
    host.close();
    server.stop(0);
  }

  private Composition guest(CapabilityFixture fixture) {
    return host.instantiate(
        fixture
            .allow("log")
            .allow("clock")
            .allow("random")
            .allow("secret", "none")
            .allow("kv", "none")
            .allow("files", "/none")
            .plan("t1", "caps", "caps"));
  }

  private long fetch(Composition caps, String hostSpelling, int port) {
    return (Long) caps.call("caps", "fetch", List.of("http://" + hostSpelling + ":" + port + "/"));
  }

  private String audit() throws IOException {
    return Files.readString(dir.resolve("audit/t1/audit.jsonl"));
  }

  @Test
  void everySpellingOfADeniedAddressIsDeniedAndAudited() throws IOException {
    try (Composition caps =
        guest(
            new CapabilityFixture(dir.resolve("blobs"))
                .allow("http", "*:*", "127.0.0.1:" + port)
                .deny("http", "127.0.0.1"))) {
      for (String spelling : SPELLINGS) {
        assertThat(fetch(caps, spelling, port)).as(spelling).isEqualTo((long) GuestErrors.DENIED);
      }
      for (String carrier : CARRIERS) {
        assertThat(fetch(caps, carrier, port)).as(carrier).isEqualTo((long) GuestErrors.DENIED);
      }
    }
    assertThat(hosts).isEmpty();
    String audit = audit();
    long denials =
        audit.lines().filter(l -> l.contains("matches deny `127.0.0.1`\",\"result\"")).count();
    assertThat(denials).isEqualTo(SPELLINGS.size() + CARRIERS.size());
    assertThat(audit)
        .contains("\"url\":\"http://127.0.0.1:" + port + "/\"")
        .contains("matches deny `127.0.0.1`")
        .contains("`localhost` resolves to 127.0.0.1, which matches deny `127.0.0.1`");
  }

  @Test
  void aDenyWrittenInAnotherSpellingStillDenies() {
    for (String rule : List.of("2130706433", "127.000.000.001", "[::ffff:127.0.0.1]", "0x7f.1")) {
      try (Composition caps =
          guest(
              new CapabilityFixture(dir.resolve("blobs-" + rule.hashCode()))
                  .allow("http", "127.0.0.1:" + port)
                  .deny("http", rule))) {
        assertThat(fetch(caps, "127.0.0.1", port)).as(rule).isEqualTo((long) GuestErrors.DENIED);
      }
    }
    assertThat(hosts).isEmpty();
  }

  @Test
  void loopbackIsOpenOnlyToARuleThatNamesTheAddress() {
    try (Composition caps =
        guest(new CapabilityFixture(dir.resolve("blobs")).allow("http", "*", "*:*"))) {
      for (String spelling : SPELLINGS) {
        assertThat(fetch(caps, spelling, port)).as(spelling).isEqualTo((long) GuestErrors.DENIED);
      }
      for (String carrier : CARRIERS) {
        assertThat(fetch(caps, carrier, port)).as(carrier).isEqualTo((long) GuestErrors.DENIED);
      }
      for (String metadata :
          List.of(
              "169.254.169.254",
              "[::ffff:169.254.169.254]",
              "[fd00:ec2::254]",
              "100.100.100.200",
              "0.0.0.0",
              "[::]",
              "[::1]",
              "0",
              "224.0.0.1",
              "255.255.255.255",
              "[fe80::1]",
              "[ff02::1]")) {
        assertThat(fetch(caps, metadata, 80)).as(metadata).isEqualTo((long) GuestErrors.DENIED);
      }
    }
    assertThat(hosts).isEmpty();
  }

  @Test
  void anAddressGrantCoversEverySpellingOfItAndNamesItsPort() {
    try (Composition caps =
        guest(new CapabilityFixture(dir.resolve("blobs")).allow("http", "127.0.0.1:" + port))) {
      for (String spelling : SPELLINGS.subList(0, SPELLINGS.size() - 2)) {
        assertThat(fetch(caps, spelling, port)).as(spelling).isPositive();
      }
      // The name is not the address: a grant of 127.0.0.1 does not grant `localhost`.
      assertThat(fetch(caps, "localhost", port)).isEqualTo((long) GuestErrors.DENIED);
      assertThat(fetch(caps, "127.0.0.1", port == 65535 ? 65534 : port + 1))
          .isEqualTo((long) GuestErrors.DENIED);
    }
    assertThat(hosts).hasSize(SPELLINGS.size() - 2).containsOnly("127.0.0.1:" + port);
  }

  @Test
  void aGrantWithoutAPortCoversEveryPortOfItsHostAndOneWithAPortOnlyThatPort() {
    int other = port == 65535 ? 65534 : port + 1;
    try (Composition caps =
        guest(new CapabilityFixture(dir.resolve("blobs")).allow("http", "127.0.0.1"))) {
      assertThat(fetch(caps, "127.0.0.1", port)).isPositive();
    }
    try (Composition caps =
        guest(new CapabilityFixture(dir.resolve("blobs")).allow("http", "127.0.0.1:" + other))) {
      assertThat(fetch(caps, "127.0.0.1", port)).isEqualTo((long) GuestErrors.DENIED);
    }
    assertThat(hosts).containsExactly("127.0.0.1:" + port);
  }

  @Test
  void malformedHostsAreInvalid() {
    try (Composition caps =
        guest(new CapabilityFixture(dir.resolve("blobs")).allow("http", "*:*"))) {
      for (String bad :
          List.of(
              "127.0.0.256",
              "1.2.3.4.5",
              "0x100000000",
              "[::1%25lo]",
              "user@127.0.0.1",
              "127.0.0.1..",
              "exa mple.com",
              "[::ffff:127.0.0.1")) {
        assertThat(fetch(caps, bad, port)).as(bad).isEqualTo((long) GuestErrors.INVALID);
      }
    }
    assertThat(hosts).isEmpty();
  }
}
