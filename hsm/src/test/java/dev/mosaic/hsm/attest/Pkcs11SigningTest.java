package dev.mosaic.hsm.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.hsm.signature.Keys;
import dev.mosaic.hsm.signature.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan signed by a key that lives in a SoftHSM2 token, used through SunPKCS11. */
class Pkcs11SigningTest {
  static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";

  @TempDir Path dir;

  @Test
  void signsAPlanWithATokenKeyAndVerifiesWithItsPublicKey() throws Exception {
    Path tokens = Files.createDirectory(dir.resolve("tokens"));
    Files.writeString(
        dir.resolve("softhsm2.conf"),
        "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    Files.writeString(
        dir.resolve("pkcs11.cfg"),
        "name = MosaicPlanSigning\nlibrary = " + LIBRARY + "\nslotListIndex = 0\n");
    Tools tools = new Tools(dir).env("SOFTHSM2_CONF", dir.resolve("softhsm2.conf").toString());
    tools.run(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        "plan-signing",
        "--so-pin",
        "so-pin-5531",
        "--pin",
        "user-pin-7702");
    byte[] plan = PlanAttestationTest.plan("token-tenant");
    tools.write("plan.cbor", plan);

    tools.run(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp",
        System.getProperty("java.class.path"),
        Pkcs11SigningMain.class.getName(),
        dir.resolve("pkcs11.cfg").toString(),
        "user-pin-7702",
        dir.resolve("plan.cbor").toString(),
        dir.toString());

    PublicKey tokenKey =
        KeyFactory.getInstance("EC")
            .generatePublic(new X509EncodedKeySpec(tools.read("public.der")));
    assertThat(tools.read("key-class.txt")).asString().contains("P11");
    VerifiedAttestation verified =
        PlanAttestation.verify(tools.read("envelope.json"), plan, List.of(tokenKey));
    assertThat(verified.keyIds()).containsExactly(Keys.keyId(tokenKey));
    assertThat(verified.provenance().tenant()).isEqualTo("token-tenant");
  }
}
