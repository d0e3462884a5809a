package dev.mosaic.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.hsm.CachingSecretBackend;
import dev.mosaic.hsm.CredentialSource;
import dev.mosaic.hsm.ScopedSecrets;
import dev.mosaic.hsm.Secret;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SignatureAlgorithm;
import dev.mosaic.hsm.vault.KvV2Server;
import dev.mosaic.hsm.vault.VaultConfig;
import dev.mosaic.hsm.vault.VaultSecretBackend;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.diag.Diagnostic;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * Drives every backend operation, granted, denied and failing, while capturing standard output,
 * standard error, java.util.logging, audit lines, exception messages, help texts, stack traces and
 * {@code toString}s; then scans all of it for the secrets' bytes in text, hex and base64.
 */
class SecretLeakScanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WRONG_PIN = "wrong-pin-3b7e19";
  private static final String VAULT_VALUE = "vault-secret-c41f0a7d";

  private final StringBuilder captured = new StringBuilder();

  @Test
  void noSecretByteReachesAnyOutput() throws Exception {
    SoftHsm hsm = SoftHsm.shared();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    Logger root = Logger.getLogger("");
    Level rootLevel = root.getLevel();
    List<String> logLines = new ArrayList<>();
    Handler handler =
        new Handler() {
          private final SimpleFormatter formatter = new SimpleFormatter();

          @Override
          public void publish(LogRecord record) {
            synchronized (logLines) {
              logLines.add(formatter.format(record));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    List<String> auditLines = new ArrayList<>();
    try (KvV2Server vaultServer =
        KvV2Server.http(Map.of("value", "{\"value\":\"" + VAULT_VALUE + "\"}"))) {
      System.setOut(new PrintStream(tee(console, out), true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(tee(console, err), true, StandardCharsets.UTF_8));
      root.setLevel(Level.ALL);
      root.addHandler(handler);
      System.out.println("capture-check-stdout");
      Logger.getLogger("mosaic.scan").info("capture-check-log");

      try (Pkcs11SecretBackend token =
              Pkcs11SecretBackend.open(hsm.config(SoftHsm.WRONG_PIN, SoftHsm.PIN));
          CachingSecretBackend cached = CachingSecretBackend.of(token, Duration.ofMinutes(1), 8);
          VaultSecretBackend vault =
              new VaultSecretBackend(
                  VaultConfig.of(
                          vaultServer.address(),
                          CredentialSource.callback("t", KvV2Server.TOKEN::toCharArray))
                      .withMount(KvV2Server.MOUNT))) {
        captured.append(token).append(cached).append(vault);
        exercise(hsm, cached, auditLines);
        exercise(hsm, vault, auditLines);
      }
      try (Pkcs11SecretBackend main =
          Pkcs11SecretBackend.open(hsm.config(SoftHsm.MAIN, SoftHsm.PIN))) {
        exercise(hsm, main, auditLines);
      }
      attempt(() -> Pkcs11SecretBackend.open(hsm.config(SoftHsm.WRONG_PIN, WRONG_PIN)));
      attempt(() -> Pkcs11SecretBackend.open(hsm.config(SoftHsm.LOCKED, SoftHsm.PIN)));
      attempt(() -> CredentialSource.parse(SoftHsm.PIN, "pkcs11 `pin`", Map.of()).read());
      captured.append(hsm.config(SoftHsm.MAIN, SoftHsm.PIN));
      captured.append(CredentialSource.parse("env:P", "pin", Map.of("P", SoftHsm.PIN)));
      captured.append(
          VaultConfig.of(
              vaultServer.address(),
              CredentialSource.callback("t", KvV2Server.TOKEN::toCharArray)));
    } finally {
      System.setOut(out);
      System.setErr(err);
      root.removeHandler(handler);
      root.setLevel(rootLevel);
    }
    captured.append(console.toString(StandardCharsets.UTF_8));
    captured.append(String.join("\n", logLines));
    captured.append(String.join("\n", auditLines));

    String everything = captured.toString();
    assertThat(everything)
        .contains("capture-check-stdout", "capture-check-log", "\"event_type\":\"secret_access\"");
    assertThat(auditLines).hasSizeGreaterThan(20);

    Map<String, byte[]> secrets = new LinkedHashMap<>();
    secrets.put("api-key", hsm.apiKey.getBytes(StandardCharsets.UTF_8));
    secrets.put("export-me", hsm.exportKey);
    secrets.put("hmac-key", hsm.hmacKey);
    secrets.put("aes-key", hsm.aesKey);
    secrets.put("ec-key", hsm.ecKey.getPrivate().getEncoded());
    secrets.put("pin", SoftHsm.PIN.getBytes(StandardCharsets.UTF_8));
    secrets.put("wrong pin", WRONG_PIN.getBytes(StandardCharsets.UTF_8));
    secrets.put("vault value", VAULT_VALUE.getBytes(StandardCharsets.UTF_8));
    secrets.put("vault token", KvV2Server.TOKEN.getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
      for (String form : forms(secret.getValue())) {
        assertThat(everything).as("%s leaked as %s", secret.getKey(), form).doesNotContain(form);
      }
    }
    // the scan itself finds a leak when there is one
    String planted = everything + HexFormat.of().formatHex(hsm.hmacKey);
    assertThat(forms(hsm.hmacKey).stream().anyMatch(planted::contains)).isTrue();
  }

  private void exercise(SoftHsm hsm, SecretBackend backend, List<String> auditLines) {
    ScopedSecrets scoped =
        new ScopedSecrets(
            "tenant-scan",
            backend,
            "",
            (component, name) -> !component.equals("intruder"),
            event -> auditLines.add(jsonLine(event)));
    captured.append(scoped);
    for (String name : List.of("api-key", "export-me", "hmac-key", "aes-key", "ec-key", "value")) {
      for (String component : List.of("app", "intruder")) {
        attempt(
            () -> {
              try (Secret secret = scoped.read(component, name)) {
                captured.append(secret).append('\n');
                return secret.length();
              }
            });
        attempt(() -> scoped.hmacSha256(component, name, new byte[] {1, 2}));
        attempt(() -> scoped.encrypt(component, name, new byte[] {1, 2}));
        attempt(
            () -> scoped.sign(component, name, SignatureAlgorithm.ECDSA_SHA256, new byte[] {1}));
      }
    }
    attempt(() -> scoped.read("app", "missing"));
    attempt(() -> scoped.read("app", "../escape"));
  }

  private void attempt(Supplier<?> action) {
    try {
      Object result = action.get();
      captured.append(result).append('\n');
    } catch (RuntimeException e) {
      captured.append(e.getMessage()).append('\n').append(e).append('\n');
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      captured.append(trace);
      if (e instanceof MosaicException m) {
        for (Diagnostic d : m.diagnostics()) {
          captured.append(d).append('\n').append(d.help()).append('\n');
        }
      }
    }
  }

  private static String jsonLine(AuditEvent event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", event.timestamp().toString());
    line.put("tenant_id", event.tenantId());
    line.put("event_type", event.eventType());
    line.put("component_id", event.componentId());
    line.put("details", event.details());
    try {
      return JSON.writeValueAsString(line);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ways a value could show up in text: itself, hex, base64 (with and without padding). */
  private static List<String> forms(byte[] value) {
    List<String> forms = new ArrayList<>();
    forms.add(new String(value, StandardCharsets.ISO_8859_1));
    forms.add(new String(value, StandardCharsets.UTF_8));
    forms.add(HexFormat.of().formatHex(value));
    forms.add(HexFormat.of().withUpperCase().formatHex(value));
    forms.add(Base64.getEncoder().withoutPadding().encodeToString(value));
    forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(value));
    forms.removeIf(f -> f.length() < 8);
    return forms;
  }

  private static OutputStream tee(ByteArrayOutputStream copy, PrintStream original) {
    return new OutputStream() {
      @Override
      public void write(int x) {
        copy.write(x);
        original.write(x);
      }

      @Override
      public void write(byte[] bytes, int off, int len) {
        copy.write(bytes, off, len);
        original.write(bytes, off, len);
      }
    };
  }
}
