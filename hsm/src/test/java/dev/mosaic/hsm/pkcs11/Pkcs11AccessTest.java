package dev.mosaic.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.hsm.CredentialSource;
import dev.mosaic.plan.MosaicException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM started without the export gets a coded error, not an IllegalAccessError. */
class Pkcs11AccessTest {
  /** Opens a backend in a JVM this test starts without {@code --add-exports}. */
  public static void main(String[] args) {
    try {
      Pkcs11SecretBackend.open(
          Pkcs11Config.of(
              Path.of(args[0]),
              TokenSelector.label("any"),
              CredentialSource.callback("none", () -> new char[] {'x'})));
      System.out.println("opened");
    } catch (MosaicException e) {
      System.out.println(e.getMessage());
      System.out.println(e.diagnostics().getFirst().help());
    }
  }

  @Test
  void withoutTheExportOpeningFailsWithACode() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Pkcs11AccessTest.class.getName(),
                SoftHsm.LIBRARY.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output)
        .startsWith(
            "error[E7117]: this jvm does not give the pkcs#11 wrapper access to"
                + " `jdk.crypto.cryptoki`")
        .contains("--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED")
        .doesNotContain("IllegalAccessError");
  }
}
