package dev.mosaic.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.hsm.CredentialSource;
import dev.mosaic.hsm.HostMode;
import dev.mosaic.hsm.Secret;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretBackends;
import dev.mosaic.hsm.SecretCodes;
import dev.mosaic.hsm.SignatureAlgorithm;
import dev.mosaic.plan.MosaicException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs11SecretBackendTest {
  private static SoftHsm hsm;
  private static Pkcs11SecretBackend backend;

  @BeforeAll
  static void open() {
    hsm = SoftHsm.shared();
    backend = Pkcs11SecretBackend.open(hsm.config(SoftHsm.MAIN, SoftHsm.PIN).withMaxSessions(4));
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  private static String text(Secret secret) {
    return secret.withValue(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }

  @Test
  void readsADataObjectByLabel() {
    try (Secret secret = backend.read("api-key")) {
      assertThat(text(secret)).isEqualTo(hsm.apiKey);
      assertThat(secret.toString()).isEqualTo("Secret[api-key, ***]").doesNotContain(hsm.apiKey);
    }
    assertThat(backend.id()).isEqualTo("pkcs11://mosaic");
  }

  @Test
  void readsAnExtractableSecretKey() {
    try (Secret secret = backend.read("export-me")) {
      assertThat(secret.copyValue()).isEqualTo(hsm.exportKey);
    }
  }

  @Test
  void refusesToReadKeysTheTokenKeeps() {
    for (String key : List.of("hmac-key", "aes-key", "ec-key")) {
      assertThatThrownBy(() -> backend.read(key))
          .isInstanceOf(MosaicException.class)
          .hasMessage("error[E7106]: key `" + key + "` on `pkcs11://mosaic` cannot be read")
          .extracting(e -> ((MosaicException) e).code())
          .isEqualTo(SecretCodes.KEY_NOT_EXTRACTABLE);
    }
  }

  @Test
  void missingLabelIsCoded() {
    assertThatThrownBy(() -> backend.read("no-such-label"))
        .isInstanceOf(MosaicException.class)
        .hasMessage("error[E7102]: no object labelled `no-such-label` on `pkcs11://mosaic`");
    assertThatThrownBy(() -> backend.hmacSha256("no-such-key", new byte[1]))
        .hasMessageContaining("E7102");
  }

  @Test
  void twoObjectsWithOneLabelAreAmbiguous() {
    assertThatThrownBy(() -> backend.read("twin")).hasMessageStartingWith("error[E7121]:");
  }

  @Test
  void hmacWithAnUnextractableKeyMatchesTheJdk() throws Exception {
    byte[] data = "message to authenticate".getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(hsm.hmacKey, "HmacSHA256"));
    assertThat(backend.hmacSha256("hmac-key", data)).isEqualTo(mac.doFinal(data));
  }

  @Test
  void signsWithAnUnextractablePrivateKey() throws Exception {
    byte[] data = "plan digest".getBytes(StandardCharsets.UTF_8);
    byte[] signature = backend.sign("ec-key", SignatureAlgorithm.ECDSA_SHA256, data);
    Signature verifier = Signature.getInstance(SignatureAlgorithm.ECDSA_SHA256.jcaName());
    verifier.initVerify(hsm.ecKey.getPublic());
    verifier.update(data);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void encryptsWithAesGcmOnTheToken() throws Exception {
    byte[] plaintext = "attack at dawn".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = backend.encrypt("aes-key", plaintext);
    assertThat(sealed).hasSize(12 + plaintext.length + 16);
    assertThat(backend.decrypt("aes-key", sealed)).isEqualTo(plaintext);

    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
    jdk.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(hsm.aesKey, "AES"),
        new GCMParameterSpec(128, Arrays.copyOf(sealed, 12)));
    assertThat(jdk.doFinal(sealed, 12, sealed.length - 12)).isEqualTo(plaintext);
    assertThat(backend.encrypt("aes-key", plaintext)).isNotEqualTo(sealed);
  }

  @Test
  void operationsOnTheWrongKindOfObjectAreCoded() {
    assertThatThrownBy(() -> backend.hmacSha256("aes-key", new byte[4]))
        .hasMessageStartingWith("error[E7115]:");
    assertThatThrownBy(() -> backend.sign("api-key", SignatureAlgorithm.ECDSA_SHA256, new byte[4]))
        .hasMessageStartingWith("error[E7115]:");
    assertThatThrownBy(() -> backend.decrypt("aes-key", new byte[40]))
        .hasMessageStartingWith("error[E7118]: pkcs#11 CKR_");
  }

  @Test
  void wrongPinIsCodedAndNotRetried() {
    assertThatThrownBy(
            () -> Pkcs11SecretBackend.open(hsm.config(SoftHsm.WRONG_PIN, "not-the-pin-5150")))
        .isInstanceOf(MosaicException.class)
        .hasMessage("error[E7103]: token `pkcs11://wrongpin` rejected the pin from `callback:test`")
        .satisfies(
            e ->
                assertThat(((MosaicException) e).diagnostics().getFirst().help())
                    .contains("does not retry")
                    .doesNotContain("not-the-pin-5150"));
    try (Pkcs11SecretBackend ok =
        Pkcs11SecretBackend.open(hsm.config(SoftHsm.WRONG_PIN, SoftHsm.PIN))) {
      assertThat(ok.id()).isEqualTo("pkcs11://wrongpin");
    }
  }

  @Test
  void lockedTokenIsCoded() {
    assertThatThrownBy(() -> Pkcs11SecretBackend.open(hsm.config(SoftHsm.LOCKED, SoftHsm.PIN)))
        .hasMessage("error[E7104]: the user pin of token `pkcs11://locked` is locked");
  }

  @Test
  void missingOrBrokenModuleLibraryIsCoded(@TempDir Path dir) throws Exception {
    Pkcs11Config missing =
        Pkcs11Config.of(
            dir.resolve("libnothing.so"),
            TokenSelector.label(SoftHsm.MAIN),
            CredentialSource.callback("test", SoftHsm.PIN::toCharArray));
    assertThatThrownBy(() -> Pkcs11SecretBackend.open(missing))
        .hasMessage(
            "error[E7105]: pkcs#11 library `" + dir.resolve("libnothing.so") + "` does not exist");

    Path junk = Files.writeString(dir.resolve("libjunk.so"), "not an ELF file");
    Pkcs11Config broken = Pkcs11Config.of(junk, TokenSelector.label(SoftHsm.MAIN), missing.pin());
    assertThatThrownBy(() -> Pkcs11SecretBackend.open(broken))
        .hasMessage("error[E7105]: `" + junk + "` cannot be loaded as a pkcs#11 library");
  }

  @Test
  void missingTokenIsCoded() {
    assertThatThrownBy(() -> Pkcs11SecretBackend.open(hsm.config("no-such-token", SoftHsm.PIN)))
        .hasMessage("error[E7107]: no token `no-such-token` is present")
        .satisfies(
            e ->
                assertThat(((MosaicException) e).diagnostics().getFirst().help())
                    .contains("mosaic (slot "));
  }

  @Test
  void secondBackendOnALoggedInTokenIsRefused() {
    assertThatThrownBy(() -> Pkcs11SecretBackend.open(hsm.config(SoftHsm.MAIN, SoftHsm.PIN)))
        .hasMessageStartingWith("error[E7120]:");
  }

  @Test
  void pinComesFromAFileOrAnEnvironmentVariable(@TempDir Path dir) throws Exception {
    Path pinFile = dir.resolve("pin");
    Files.writeString(pinFile, SoftHsm.PIN + "\n");
    Files.setPosixFilePermissions(pinFile, PosixFilePermissions.fromString("rw-------"));
    Pkcs11Config fromFile =
        Pkcs11Config.fromMap(
            Map.of(
                "library",
                SoftHsm.LIBRARY.toString(),
                "token-label",
                SoftHsm.WRONG_PIN,
                "pin",
                "file:" + pinFile,
                "max-sessions",
                "2"),
            Map.of());
    try (Pkcs11SecretBackend b = Pkcs11SecretBackend.open(fromFile)) {
      assertThat(b.id()).isEqualTo("pkcs11://wrongpin");
    }
    Pkcs11Config fromEnv =
        Pkcs11Config.fromMap(
            Map.of(
                "library",
                SoftHsm.LIBRARY.toString(),
                "token-label",
                SoftHsm.WRONG_PIN,
                "pin",
                "env:TOKEN_PIN"),
            Map.of("TOKEN_PIN", SoftHsm.PIN));
    try (Pkcs11SecretBackend b = Pkcs11SecretBackend.open(fromEnv)) {
      assertThat(b.id()).isEqualTo("pkcs11://wrongpin");
    }
    Pkcs11Config unset =
        Pkcs11Config.fromMap(
            Map.of(
                "library",
                SoftHsm.LIBRARY.toString(),
                "token-label",
                SoftHsm.WRONG_PIN,
                "pin",
                "env:TOKEN_PIN"),
            Map.of());
    assertThatThrownBy(() -> Pkcs11SecretBackend.open(unset))
        .hasMessage("error[E7108]: environment variable `TOKEN_PIN` is not set");
  }

  @Test
  void aPinWrittenInTheConfigurationIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                Pkcs11Config.fromMap(
                    Map.of("library", "/x.so", "token-label", "t", "pin", SoftHsm.PIN), Map.of()))
        .hasMessage("error[E7114]: pkcs11 `pin` must be `env:NAME` or `file:PATH`")
        .satisfies(
            e ->
                assertThat(((MosaicException) e).diagnostics().getFirst().help())
                    .doesNotContain(SoftHsm.PIN));
  }

  @Test
  void opensThroughTheProviderRegistry() {
    Map<String, String> config =
        Map.of("library", SoftHsm.LIBRARY.toString(), "slot", "424242", "pin", "env:UNUSED_PIN");
    SecretBackends backends =
        SecretBackends.discover(getClass().getClassLoader(), HostMode.PRODUCTION);
    assertThat(backends.schemes()).contains("pkcs11", "vault", "env");
    assertThatThrownBy(() -> backends.open("pkcs11", config))
        .hasMessage("error[E7107]: no token `slot-424242` is present");
  }

  @Test
  void concurrentReadsAndHmacsFromManyThreadsAllSucceed() throws Exception {
    int threads = 8;
    int rounds = 150;
    byte[] data = "x".getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(hsm.hmacKey, "HmacSHA256"));
    byte[] expectedMac = mac.doFinal(data);
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      tasks.add(
          () -> {
            start.await();
            int ok = 0;
            for (int i = 0; i < rounds; i++) {
              try (Secret secret = backend.read("api-key")) {
                if (text(secret).equals(hsm.apiKey)) {
                  ok++;
                }
              }
              if (Arrays.equals(backend.hmacSha256("hmac-key", data), expectedMac)) {
                ok++;
              }
            }
            return ok;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (Callable<Integer> task : tasks) {
        results.add(pool.submit(task));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        assertThat(result.get()).isEqualTo(2 * rounds);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closedBackendRefusesCallsAndLogsOut() {
    Pkcs11SecretBackend first =
        Pkcs11SecretBackend.open(hsm.config(SoftHsm.WRONG_PIN, SoftHsm.PIN));
    first.close();
    assertThatThrownBy(() -> first.read("anything")).isInstanceOf(IllegalStateException.class);
    try (SecretBackend again =
        Pkcs11SecretBackend.open(hsm.config(SoftHsm.WRONG_PIN, SoftHsm.PIN))) {
      assertThatThrownBy(() -> again.read("anything")).hasMessageStartingWith("error[E7102]:");
    }
  }
}
