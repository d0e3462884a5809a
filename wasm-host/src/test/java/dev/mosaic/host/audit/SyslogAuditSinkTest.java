package dev.mosaic.host.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.mosaic.plan.audit.AuditEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audit events reach a real rsyslog, started by the test with its own configuration. */
class SyslogAuditSinkTest {
  private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");

  @TempDir Path dir;
  private Process rsyslog;

  @AfterEach
  void stop() throws InterruptedException {
    if (rsyslog != null) {
      rsyslog.destroy();
      rsyslog.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts rsyslogd on a free loopback port, writing what it receives to out.log. */
  private int startRsyslog() throws Exception {
    return startRsyslog("", "");
  }

  private int startRsyslog(String global, String imtcp) throws Exception {
    assumeThat(Files.isExecutable(RSYSLOGD))
        .as("rsyslogd is not installed (apt-get install rsyslog); the syslog sink is untested")
        .isTrue();
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path conf = dir.resolve("rsyslog.conf");
    Files.writeString(
        conf,
        """
        global(workDirectory="%1$s" maxMessageSize="64k" %3$s)
        module(load="imtcp" %4$s)
        input(type="imtcp" port="%2$d" address="127.0.0.1")
        template(name="audit" type="string"
                 string="%%pri%%|%%msgid%%|%%app-name%%|%%structured-data%%|%%msg%%\\n")
        if $app-name == "mosaic" then action(type="omfile" file="%1$s/out.log" template="audit")
        """
            .formatted(dir, port, global, imtcp));
    rsyslog =
        new ProcessBuilder(
                RSYSLOGD.toString(),
                "-n",
                "-f",
                conf.toString(),
                "-i",
                dir.resolve("pid").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("rsyslogd.out").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (var s = new java.net.Socket("127.0.0.1", port)) {
        return port;
      } catch (IOException notYet) {
        assertThat(rsyslog.isAlive()).as(Files.readString(dir.resolve("rsyslogd.out"))).isTrue();
        Thread.sleep(100);
      }
    }
    throw new AssertionError(
        "rsyslogd did not listen: " + Files.readString(dir.resolve("rsyslogd.out")));
  }

  private List<String> received(int n) throws Exception {
    Path out = dir.resolve("out.log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (Files.exists(out)) {
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        if (lines.size() >= n) {
          return lines;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "rsyslog received too little: " + (Files.exists(out) ? Files.readString(out) : "nothing"));
  }

  @Test
  void eventsArriveAsRfc5424MessagesWithStructuredData() throws Exception {
    int port = startRsyslog();
    try (SyslogAuditSink sink = SyslogAuditSink.tcp("127.0.0.1", port)) {
      sink.record(
          new AuditEvent(
              Instant.parse("2026-11-25T12:00:00Z"),
              "acme",
              AuditEvent.CAPABILITY,
              "comp\"]x",
              Map.of("capability", "http", "result", "denied", "url", "https://example.org/ü")));
      sink.record(
          AuditEvent.now("acme", AuditEvent.EXECUTION, "comp", Map.of("action", "instantiate")));
      // An interrupted caller still sends: socket streams do not react to interrupts.
      Thread.currentThread().interrupt();
      sink.record(AuditEvent.now("beta", AuditEvent.LIMIT, "", Map.of("result", "denied")));
      assertThat(Thread.interrupted()).isTrue();
    }
    List<String> lines = received(3);
    assertThat(lines.get(0))
        .isEqualTo(
            "109|capability|mosaic|[mosaic@32473 tenant=\"acme\" component=\"comp\\\"\\]x\"]|"
                // rsyslog keeps the UTF-8 byte order mark that starts the message.
                + "\uFEFF{\"timestamp\":\"2026-11-25T12:00:00Z\",\"tenant_id\":\"acme\","
                + "\"event_type\":\"capability\",\"component_id\":\"comp\\\"]x\","
                + "\"details\":{\"capability\":\"http\",\"result\":\"denied\","
                + "\"url\":\"https://example.org/ü\"}}");
    assertThat(lines.get(1)).startsWith("110|component_execution|mosaic|");
    assertThat(lines.get(2)).startsWith("109|limit|mosaic|[mosaic@32473 tenant=\"beta\"");
  }

  @Test
  void aDeadReceiverIsAnErrorNotASilentLoss() throws Exception {
    int port = startRsyslog();
    SyslogAuditSink sink = SyslogAuditSink.tcp("127.0.0.1", port);
    sink.record(AuditEvent.now("acme", AuditEvent.LIMIT, "", Map.of("n", "1")));
    received(1);
    stop();
    rsyslog = null;
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> {
              // The first write after the peer is gone may still succeed into the socket buffer;
              // the peer's reset shows on a later one.
              for (int i = 0; i < 50; i++) {
                sink.record(AuditEvent.now("acme", AuditEvent.LIMIT, "", Map.of("n", "x")));
                Thread.sleep(20);
              }
            })
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("cannot send audit event to syslog");
    sink.close();
  }

  private void openssl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.out").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("openssl.out"))).isZero();
  }

  /** A CA, and a certificate for 127.0.0.1 signed by it; returns the CA's trust as a factory. */
  private javax.net.ssl.SSLSocketFactory trusting(String caFile) throws Exception {
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = Files.newInputStream(dir.resolve(caFile))) {
      trust.setCertificateEntry(
          "ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    javax.net.ssl.TrustManagerFactory tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return tls.getSocketFactory();
  }

  @Test
  void overTlsOnlyATrustedReceiverGetsEvents() throws Exception {
    assumeThat(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_ossl.so")))
        .as("rsyslog's TLS driver is not installed (apt-get install rsyslog-openssl)")
        .isTrue();
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=mosaic test ca");
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "other.key",
        "-out",
        "other.pem",
        "-days",
        "2",
        "-subj",
        "/CN=someone else");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
    openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "san.ext");
    int port =
        startRsyslog(
            "defaultNetstreamDriver=\"ossl\" defaultNetstreamDriverCAFile=\"%1$s/ca.pem\""
                    .formatted(dir)
                + " defaultNetstreamDriverCertFile=\"%1$s/server.pem\"".formatted(dir)
                + " defaultNetstreamDriverKeyFile=\"%1$s/server.key\"".formatted(dir),
            "streamDriver.name=\"ossl\" streamDriver.mode=\"1\" streamDriver.authMode=\"anon\"");
    try (SyslogAuditSink sink = SyslogAuditSink.tls("127.0.0.1", port, trusting("ca.pem"))) {
      sink.record(AuditEvent.now("acme", AuditEvent.LIMIT, "", Map.of("result", "denied")));
    }
    assertThat(received(1).getFirst()).startsWith("109|limit|mosaic|[mosaic@32473 tenant=\"acme\"");

    // A receiver whose certificate the sink does not trust never gets the event.
    try (SyslogAuditSink sink = SyslogAuditSink.tls("127.0.0.1", port, trusting("other.pem"))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> sink.record(AuditEvent.now("acme", AuditEvent.LIMIT, "", Map.of("n", "2"))))
          .isInstanceOf(java.io.UncheckedIOException.class);
    }
    Thread.sleep(500);
    assertThat(Files.readAllLines(dir.resolve("out.log"))).hasSize(1);
  }
}
