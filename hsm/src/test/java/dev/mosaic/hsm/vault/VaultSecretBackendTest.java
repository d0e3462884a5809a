package dev.mosaic.hsm.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.hsm.CredentialSource;
import dev.mosaic.hsm.HostMode;
import dev.mosaic.hsm.Secret;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretBackends;
import dev.mosaic.plan.MosaicException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultSecretBackendTest {
  private static final Map<String, String> DATA =
      Map.of(
          "app/db", "{\"user\":\"app\",\"password\":\"pw-\\u00e9-91c2\"}",
          "api", "{\"value\":\"api-value-55d1\"}",
          "numeric", "{\"value\":42}");

  private KvV2Server server;

  @BeforeEach
  void start() throws Exception {
    server = KvV2Server.http(DATA);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private VaultSecretBackend backend(String token) {
    return new VaultSecretBackend(
        VaultConfig.of(server.address(), CredentialSource.callback("test", token::toCharArray))
            .withMount(KvV2Server.MOUNT)
            .withTimeout(Duration.ofMillis(500)));
  }

  private static String text(Secret secret) {
    return new String(secret.copyValue(), StandardCharsets.UTF_8);
  }

  @Test
  void readsAFieldOrTheDefaultValueField() {
    try (VaultSecretBackend vault = backend(KvV2Server.TOKEN);
        Secret password = vault.read("app/db#password");
        Secret api = vault.read("api")) {
      assertThat(text(password)).isEqualTo("pw-\u00e9-91c2");
      assertThat(text(api)).isEqualTo("api-value-55d1");
      assertThat(password.toString()).doesNotContain("pw-");
    }
    assertThat(server.requests)
        .extracting(r -> r.get("path"), r -> r.get("token"), r -> r.get("namespace"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/v1/kv/data/app/db", KvV2Server.TOKEN, "null"),
            org.assertj.core.groups.Tuple.tuple("/v1/kv/data/api", KvV2Server.TOKEN, "null"));
  }

  @Test
  void sendsTheNamespaceHeader() {
    Map<String, String> config =
        Map.of(
            "address", server.address().toString(),
            "mount", "/kv/",
            "token", "env:VAULT_TOKEN",
            "namespace", "team-a/prod");
    try (SecretBackend vault =
            new VaultSecretBackend(
                VaultConfig.fromMap(config, Map.of("VAULT_TOKEN", KvV2Server.TOKEN)));
        Secret secret = vault.read("api")) {
      assertThat(text(secret)).isEqualTo("api-value-55d1");
      assertThat(vault.id())
          .isEqualTo("vault://" + server.address().getAuthority() + "/kv?namespace=team-a/prod");
    }
    assertThat(server.requests.getFirst()).containsEntry("namespace", "team-a/prod");
  }

  @Test
  void aRefusedTokenIsDenied() {
    try (VaultSecretBackend vault = backend("s.wrong")) {
      assertThatThrownBy(() -> vault.read("api"))
          .isInstanceOf(MosaicException.class)
          .hasMessage("error[E7111]: vault `" + vault.id() + "` denied reading `api`")
          .satisfies(
              e ->
                  assertThat(((MosaicException) e).diagnostics().getFirst().help())
                      .contains("vault says: permission denied"));
    }
  }

  @Test
  void missingPathsAndFieldsAreNotFound() {
    try (VaultSecretBackend vault = backend(KvV2Server.TOKEN)) {
      assertThatThrownBy(() -> vault.read("nope"))
          .hasMessage("error[E7102]: no secret `nope` in vault `" + vault.id() + "`");
      assertThatThrownBy(() -> vault.read("app/db#token"))
          .hasMessageStartingWith("error[E7102]:")
          .satisfies(
              e ->
                  assertThat(((MosaicException) e).diagnostics().getFirst().help())
                      .contains("fields: user")
                      .doesNotContain("pw-"));
      assertThatThrownBy(() -> vault.read("deleted")).hasMessageStartingWith("error[E7102]:");
    }
  }

  @Test
  void serverErrorsAreUnavailable() {
    try (VaultSecretBackend vault = backend(KvV2Server.TOKEN)) {
      assertThatThrownBy(() -> vault.read("boom"))
          .hasMessage("error[E7110]: vault `" + vault.id() + "` answered http 500 for `boom`");
      assertThatThrownBy(() -> vault.read("sealed"))
          .hasMessageStartingWith("error[E7110]:")
          .satisfies(
              e ->
                  assertThat(((MosaicException) e).diagnostics().getFirst().help())
                      .contains("Vault is sealed"));
    }
  }

  @Test
  void malformedAnswersAreBadResponses() {
    try (VaultSecretBackend vault = backend(KvV2Server.TOKEN)) {
      assertThatThrownBy(() -> vault.read("html")).hasMessageStartingWith("error[E7116]:");
      assertThatThrownBy(() -> vault.read("numeric")).hasMessageStartingWith("error[E7116]:");
    }
  }

  @Test
  void aSlowServerTimesOut() {
    try (VaultSecretBackend vault = backend(KvV2Server.TOKEN)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> vault.read("slow"))
          .hasMessage("error[E7112]: vault `" + vault.id() + "` did not answer within 500 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1400));
    }
  }

  @Test
  void aClosedPortIsUnavailable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    VaultConfig config =
        VaultConfig.of(
            URI.create("http://127.0.0.1:" + port),
            CredentialSource.callback("t", KvV2Server.TOKEN::toCharArray));
    try (VaultSecretBackend vault = new VaultSecretBackend(config)) {
      assertThatThrownBy(() -> vault.read("api"))
          .hasMessage(
              "error[E7110]: cannot connect to vault `vault://127.0.0.1:" + port + "/secret`");
    }
  }

  @Test
  void tlsWorksWithAConfiguredTrustStoreAndFailsWithout(@TempDir Path dir) throws Exception {
    KeyPair key = ecKeyPair();
    X509Certificate certificate = selfSigned(key);
    KeyStore serverStore = KeyStore.getInstance("PKCS12");
    serverStore.load(null, null);
    serverStore.setKeyEntry(
        "vault", key.getPrivate(), "k".toCharArray(), new X509Certificate[] {certificate});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(serverStore, "k".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(keys.getKeyManagers(), null, null);

    Path trustStore = dir.resolve("trust.p12");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("vault-ca", certificate);
    try (var out = Files.newOutputStream(trustStore)) {
      trust.store(out, "store-pass".toCharArray());
    }

    try (KvV2Server https = KvV2Server.https(DATA, serverTls)) {
      Map<String, String> config =
          Map.of(
              "address",
              https.address().toString(),
              "mount",
              KvV2Server.MOUNT,
              "token",
              "env:VAULT_TOKEN",
              "trust-store",
              trustStore.toString(),
              "trust-store-password",
              "env:TRUST_PASS");
      Map<String, String> env = Map.of("VAULT_TOKEN", KvV2Server.TOKEN, "TRUST_PASS", "store-pass");
      try (SecretBackend vault =
              SecretBackends.discover(getClass().getClassLoader(), HostMode.PRODUCTION)
                  .open(
                      "vault",
                      Map.of("address", https.address().toString(), "token", "env:NO_SUCH_VAR"));
          SecretBackend trusted = new VaultSecretBackend(VaultConfig.fromMap(config, env));
          Secret secret = trusted.read("api")) {
        assertThat(text(secret)).isEqualTo("api-value-55d1");
        assertThatThrownBy(() -> vault.read("api")).hasMessageStartingWith("error[E7108]:");
      }
      VaultConfig untrusted =
          VaultConfig.of(
                  https.address(), CredentialSource.callback("t", KvV2Server.TOKEN::toCharArray))
              .withMount(KvV2Server.MOUNT);
      try (VaultSecretBackend vault = new VaultSecretBackend(untrusted)) {
        assertThatThrownBy(() -> vault.read("api"))
            .hasMessage("error[E7110]: tls handshake with vault `" + vault.id() + "` failed");
      }
    }
  }

  @Test
  void aTokenWrittenInTheConfigurationIsRefused() {
    assertThatThrownBy(
            () ->
                VaultConfig.fromMap(
                    Map.of("address", "https://vault:8200", "token", KvV2Server.TOKEN), Map.of()))
        .hasMessage("error[E7114]: vault `token` must be `env:NAME` or `file:PATH`");
  }

  private static KeyPair ecKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate selfSigned(KeyPair key) throws Exception {
    X500Name name = new X500Name("CN=loopback vault");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minusSeconds(60)),
            Date.from(now.plusSeconds(3600)),
            name,
            key.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
  }
}
