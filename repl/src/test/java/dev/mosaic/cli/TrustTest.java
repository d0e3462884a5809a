package dev.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed components and signed plans through the command line, with keys and signatures made by
 * openssl the way {@code cosign sign-blob --key} makes them.
 */
class TrustTest {
  static final Path EXAMPLE = Path.of("..", "examples", "hello");

  @TempDir Path dir;
  Path store;

  record Outcome(int exit, String out, String err) {}

  @BeforeEach
  void setUp() throws Exception {
    store = dir.resolve("store");
    Files.copy(EXAMPLE.resolve("hello.wasm"), dir.resolve("hello.wasm"));
    for (String name : List.of("alice", "mallory")) {
      openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", name + ".ec");
      // PKCS#8, as `mosaic sign --key` and cosign's imported keys use it.
      openssl("pkcs8", "-topk8", "-nocrypt", "-in", name + ".ec", "-out", name + ".key");
      openssl("ec", "-in", name + ".key", "-pubout", "-out", name + ".pub");
    }
    String hello = Files.readString(EXAMPLE.resolve("hello.mosaic"));
    Files.writeString(
        dir.resolve("hello.mosaic"),
        hello.replace(
            "component hello from \"hello.wasm\"",
            "component hello from \"hello.wasm\" signed by \"alice.pub\""));
  }

  /** Signs a file like {@code cosign sign-blob --key}: base64 of a DER ECDSA-SHA256 signature. */
  Path cosignSign(String key, String file) throws Exception {
    openssl("dgst", "-sha256", "-sign", key + ".key", "-out", file + ".der", file);
    openssl("base64", "-A", "-in", file + ".der", "-out", file + "." + key + ".sig");
    return dir.resolve(file + "." + key + ".sig");
  }

  void openssl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
  }

  Outcome mosaic(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exit, out.toString(), err.toString());
  }

  String s(Path p) {
    return p.toString();
  }

  Outcome run() {
    return mosaic("run", s(dir.resolve("hello.mosaic")), "--store", s(store));
  }

  Outcome addSigned(Path signature) {
    return mosaic(
        "blob",
        "add",
        s(dir.resolve("hello.wasm")),
        "--signature",
        s(signature),
        "--tenant",
        "demo",
        "--store",
        s(store));
  }

  @Test
  void aComponentSignedByTheTrustedKeyRuns() throws Exception {
    assertThat(addSigned(cosignSign("alice", "hello.wasm")).exit()).isZero();

    Outcome run = run();

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("42");
  }

  @Test
  void anUnsignedComponentIsDeniedWithE4110AndTheDecisionIsAudited() throws Exception {
    Path audit = dir.resolve("audit.jsonl");

    Outcome run =
        mosaic("run", s(dir.resolve("hello.mosaic")), "--store", s(store), "--audit", s(audit));

    assertThat(run.exit()).isEqualTo(77);
    assertThat(run.err())
        .startsWith("error[E4110]: component `hello` requires a signature and has none");
    List<JsonNode> events = Files.readAllLines(audit).stream().map(TrustTest::json).toList();
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.get("event_type").asText()).isEqualTo("blob");
              assertThat(e.get("tenant_id").asText()).isEqualTo("demo");
              assertThat(e.get("component_id").asText()).isEqualTo("hello");
              assertThat(e.get("details").get("result").asText()).isEqualTo("rejected");
              assertThat(e.get("details").get("code").asText()).isEqualTo("E4110");
            });
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.get("event_type").asText()).isEqualTo("plan_validation");
              assertThat(e.get("details").get("codes").asText()).isEqualTo("E4110");
            });
  }

  @Test
  void aComponentSignedByAnUntrustedKeyIsDenied() throws Exception {
    addSigned(cosignSign("mallory", "hello.wasm"));

    Outcome run = run();

    assertThat(run.exit()).isEqualTo(77);
    assertThat(run.err())
        .startsWith(
            "error[E4111]: component `hello` has a signature that does not verify with `cosign`");
  }

  @Test
  void aTamperedComponentIsDeniedByValidate() throws Exception {
    addSigned(cosignSign("alice", "hello.wasm"));
    Path plan = dir.resolve("hello.plan");
    assertThat(
            mosaic("compile", s(dir.resolve("hello.mosaic")), "-o", s(plan), "--store", s(store))
                .exit())
        .isZero();
    assertThat(mosaic("validate", s(plan), "--store", s(store)).exit()).isZero();
    // The module changes after signing (a custom section appended keeps it valid wasm) and the
    // old signature is stored for the new bytes.
    byte[] wasm = Files.readAllBytes(dir.resolve("hello.wasm"));
    byte[] tampered = java.util.Arrays.copyOf(wasm, wasm.length + 6);
    System.arraycopy(new byte[] {0, 4, 3, 'e', 'v', 'l'}, 0, tampered, wasm.length, 6);
    Files.write(dir.resolve("hello.wasm"), tampered);
    addSigned(dir.resolve("hello.wasm.alice.sig"));
    assertThat(
            mosaic("compile", s(dir.resolve("hello.mosaic")), "-o", s(plan), "--store", s(store))
                .exit())
        .isZero();

    Outcome validate = mosaic("validate", s(plan), "--store", s(store));

    assertThat(validate.exit()).isEqualTo(77);
    assertThat(validate.err()).startsWith("error[E4111]: component `hello`");
  }

  @Test
  void inspectShowsEachComponentsSignature() throws Exception {
    addSigned(cosignSign("alice", "hello.wasm"));
    Path plan = dir.resolve("hello.plan");
    mosaic("compile", s(dir.resolve("hello.mosaic")), "-o", s(plan), "--store", s(store));

    Outcome text = mosaic("inspect", s(plan), "--store", s(store));
    Outcome json = mosaic("inspect", s(plan), "--json", "--store", s(store));

    assertThat(text.exit()).isZero();
    assertThat(text.out())
        .containsPattern("requires signature by cosign, trusting sha256:[0-9a-f]{64}");
    assertThat(text.out())
        .containsPattern("signature verified \\(cosign\\), signer sha256:[0-9a-f]{64}");
    JsonNode sig = json(json.out()).get("components").get(0).get("signature");
    assertThat(sig.get("status").asText()).isEqualTo("verified");
    assertThat(sig.get("verifier").asText()).isEqualTo("cosign");
    assertThat(sig.get("verifiers").get(0).asText()).isEqualTo("cosign");
  }

  @Test
  void signedPlansAreVerifiedAndRequired() throws Exception {
    addSigned(cosignSign("alice", "hello.wasm"));
    Path plan = dir.resolve("hello.plan");
    mosaic("compile", s(dir.resolve("hello.mosaic")), "-o", s(plan), "--store", s(store));

    Outcome sign = mosaic("sign", s(plan), "--key", s(dir.resolve("alice.key")));
    assertThat(sign.exit()).as(sign.err()).isZero();
    Path envelope = dir.resolve("hello.plan.sig");
    JsonNode dsse = json(Files.readString(envelope));
    assertThat(dsse.get("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");

    Outcome good =
        mosaic("verify", s(plan), "--sig", s(envelope), "--key", s(dir.resolve("alice.pub")));
    assertThat(good.exit()).isZero();
    assertThat(good.out()).startsWith("ok sha256:");
    Outcome wrongKey =
        mosaic("verify", s(plan), "--sig", s(envelope), "--key", s(dir.resolve("mallory.pub")));
    assertThat(wrongKey.exit()).isEqualTo(77);
    assertThat(wrongKey.err()).startsWith("error[E4121]: signed plan has 0 valid signature(s)");

    Outcome trusted =
        mosaic(
            "exec",
            s(plan),
            "--store",
            s(store),
            "--require-signed-plan",
            "--trusted-key",
            s(dir.resolve("alice.pub")));
    assertThat(trusted.exit()).as(trusted.err()).isZero();
    Outcome untrusted =
        mosaic(
            "exec",
            s(plan),
            "--store",
            s(store),
            "--require-signed-plan",
            "--trusted-key",
            s(dir.resolve("mallory.pub")));
    assertThat(untrusted.exit()).isEqualTo(77);
    assertThat(untrusted.err()).startsWith("error[E4121]");
    Files.delete(envelope);
    Outcome unsigned =
        mosaic(
            "validate",
            s(plan),
            "--store",
            s(store),
            "--require-signed-plan",
            "--trusted-key",
            s(dir.resolve("alice.pub")));
    assertThat(unsigned.exit()).isEqualTo(66);
    assertThat(unsigned.err()).contains("hello.plan.sig` does not exist");
  }

  static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(text, e);
    }
  }
}
