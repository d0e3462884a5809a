package dev.mosaic.host.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP/1.1 client that connects to the checked address, against a raw server on 127.0.0.1. */
class PinnedHttpTest {
  /** Serves one connection with a canned response; returns the request head it read. */
  private static AtomicReference<String> serve(ServerSocket server, String response) {
    AtomicReference<String> request = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                  int c = in.read();
                  if (c < 0) {
                    break;
                  }
                  head.append((char) c);
                }
                request.set(head.toString());
                OutputStream out = s.getOutputStream();
                out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Thread.sleep(response.isEmpty() ? 5_000 : 0);
              } catch (IOException | InterruptedException e) {
                // the test sees what it needs through the client
              }
            });
    t.setDaemon(true);
    t.start();
    return request;
  }

  private static PinnedHttp client(long timeoutMillis) throws Exception {
    return new PinnedHttp(SSLContext.getDefault(), timeoutMillis, 1024);
  }

  @Test
  void connectsToTheCheckedAddressAndNamesTheHostInTheHeader() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      AtomicReference<String> request =
          serve(server, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      // `rebind.invalid` resolves nowhere: the exchange can only have used the address given.
      HttpTarget target =
          HttpTarget.parse("http://rebind.invalid:" + server.getLocalPort() + "/p?q=1");
      PinnedHttp.Response response =
          client(10_000).exchange(target, InetAddress.getByName("127.0.0.1"), "GET", null);
      assertThat(response.status()).isEqualTo(200);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
      assertThat(request.get())
          .startsWith("GET /p?q=1 HTTP/1.1\r\n")
          .contains("Host: rebind.invalid:" + server.getLocalPort() + "\r\n");
    }
  }

  @Test
  void chunkedBodiesAreDecodedAndCapped() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      serve(
          server,
          "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nT: v\r\n\r\n");
      HttpTarget target = HttpTarget.parse("http://127.0.0.1:" + server.getLocalPort() + "/");
      PinnedHttp.Response response = client(10_000).exchange(target, target.address(), "GET", null);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("abcde");
    }
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      serve(server, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n");
      HttpTarget target = HttpTarget.parse("http://127.0.0.1:" + server.getLocalPort() + "/");
      assertThatThrownBy(() -> client(10_000).exchange(target, target.address(), "GET", null))
          .isInstanceOf(PinnedHttp.TooLargeException.class);
    }
  }

  @Test
  void aServerThatNeverAnswersEndsAtTheDeadline() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      serve(server, "");
      HttpTarget target = HttpTarget.parse("http://127.0.0.1:" + server.getLocalPort() + "/");
      assertThatThrownBy(() -> client(500).exchange(target, target.address(), "GET", null))
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  /** A key store with a self-signed certificate for `pinned.test` and 127.0.0.1. */
  private static KeyStore keyStore(Path dir) throws Exception {
    Path file = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=pinned.test",
                "-ext",
                "SAN=dns:pinned.test,ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                file.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    keytool.getInputStream().readAllBytes();
    assertThat(keytool.waitFor()).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, "changeit".toCharArray());
    }
    return ks;
  }

  @Test
  void httpsVerifiesTheNameNotTheAddress(@TempDir Path dir) throws Exception {
    KeyStore ks = keyStore(dir);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", ks.getCertificate("server"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);
    PinnedHttp client = new PinnedHttp(clientTls, 10_000, 1024);
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    for (String name : new String[] {"pinned.test", "other.test"}) {
      try (ServerSocket server =
          serverTls.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
        AtomicReference<String> request =
            serve(server, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        HttpTarget target = HttpTarget.parse("https://" + name + ":" + server.getLocalPort() + "/");
        if (name.equals("pinned.test")) {
          PinnedHttp.Response response = client.exchange(target, loopback, "GET", null);
          assertThat(response.status()).isEqualTo(200);
          assertThat(request.get()).contains("Host: pinned.test:" + server.getLocalPort());
        } else {
          // The certificate is good for the address, but the request names another host.
          assertThatThrownBy(() -> client.exchange(target, loopback, "GET", null))
              .isInstanceOf(SSLHandshakeException.class);
        }
      }
    }
  }

  @Test
  void hostsHaveOneCanonicalSpelling() {
    assertThat(HttpTarget.canonicalHost("0x7f.1").text()).isEqualTo("127.0.0.1");
    assertThat(HttpTarget.canonicalHost("[::FFFF:127.0.0.1]").text()).isEqualTo("127.0.0.1");
    assertThat(HttpTarget.canonicalHost("[2001:DB8:0:0:0:0:0:1]").text())
        .isEqualTo("[2001:db8::1]");
    assertThat(HttpTarget.canonicalHost("[fd00:ec2:0::254]").text()).isEqualTo("[fd00:ec2::254]");
    assertThat(HttpTarget.canonicalHost("Bücher.Example.").text())
        .isEqualTo("xn--bcher-kva.example");
    assertThat(HttpTarget.canonicalHost("a..b")).isNull();
  }
}
