package dev.mosaic.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.plan.MosaicException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialSourceTest {
  @Test
  void aFileCredentialLosesItsTrailingLineBreak(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pin");
    Files.writeString(file, "s3cret-pin\r\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(CredentialSource.file(file).read()).containsExactly("s3cret-pin".toCharArray());
  }

  @Test
  void filesOthersCanReadAreRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pin");
    Files.writeString(file, "s3cret-pin");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> CredentialSource.file(file).read())
        .hasMessage("error[E7108]: credential file `" + file + "` is readable by other users");
    assertThatThrownBy(() -> CredentialSource.file(dir.resolve("none")).read())
        .hasMessageStartingWith("error[E7108]:");
  }

  @Test
  void specsAreParsedAndBadOnesAreNotEchoed() {
    assertThat(CredentialSource.parse("env:PIN", "pin", Map.of("PIN", "1")).describe())
        .isEqualTo("env:PIN");
    assertThat(CredentialSource.parse("file:/run/pin", "pin", Map.of()).describe())
        .isEqualTo("file:/run/pin");
    assertThatThrownBy(() -> CredentialSource.parse("hunter2", "vault `token`", Map.of()))
        .isInstanceOf(MosaicException.class)
        .satisfies(
            e -> {
              MosaicException m = (MosaicException) e;
              assertThat(m.getMessage() + m.diagnostics().getFirst().help())
                  .doesNotContain("hunter2");
            });
  }

  @Test
  void toStringsNeverShowTheEnvironment() {
    CredentialSource env = CredentialSource.parse("env:PIN", "pin", Map.of("PIN", "hunter2"));
    assertThat(env.toString()).doesNotContain("hunter2");
    assertThat(CredentialSource.callback("app", () -> "x".toCharArray()).toString())
        .isEqualTo("Callback[app]");
  }
}
