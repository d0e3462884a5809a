package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.CapabilityFixture;
import dev.mosaic.host.Composition;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.abi.GuestErrors;
import dev.mosaic.hsm.HostMode;
import dev.mosaic.hsm.env.EnvSecretBackend;
import dev.mosaic.plan.MosaicException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under {@code deny secret "db/root"}, a guest asks for {@code db/root} by every other spelling a
 * backend might take for it, and by names that climb out of its scope.
 */
class SecretNameAliasTest {
  private static final String ROOT_PASSWORD = "root-pa55word";

  @TempDir Path dir;

  @Test
  void noSpellingOfADeniedNameReachesItsValue() throws IOException {
    EnvSecretBackend env =
        new EnvSecretBackend(
            HostMode.DEVELOPMENT,
            Map.of(
                "MOSAIC_SECRET_DB__ROOT",
                ROOT_PASSWORD,
                "MOSAIC_SECRET_DB__APP",
                "app-password",
                "MOSAIC_SECRET_API_KEY",
                "api-key-value"),
            "MOSAIC_SECRET_");
    try (WasmHost host =
            WasmHost.builder()
                .guestLog(line -> {})
                .auditDirectory(dir.resolve("audit"))
                .secrets(t -> env)
                .build();
        Composition caps =
            host.instantiate(
                new CapabilityFixture(dir.resolve("blobs"))
                    .allow("log")
                    .allow("clock")
                    .allow("random")
                    .allow("secret", "*")
                    .deny("secret", "db/root")
                    .allow("kv", "none")
                    .allow("http", "none")
                    .allow("files", "/none")
                    .plan("t1", "caps", "caps"))) {
      assertThat((Long) caps.call("caps", "secret", List.of("db/app"))).isPositive();
      assertThat(caps.call("caps", "secret", List.of("db/root")))
          .isEqualTo((long) GuestErrors.DENIED);
      for (String alias :
          List.of(
              "db/ROOT",
              "DB/root",
              "db_root",
              "db-root",
              "db.root",
              "db//root",
              "db/_root",
              "db/root/",
              "./db/root",
              "db/./root",
              "db/x/../root",
              "../db/root",
              "/db/root",
              "db/root#value",
              "db\\root",
              "db/root\0",
              "db/r\u200boot")) {
        long result = (Long) caps.call("caps", "secret", List.of(alias));
        assertThat(result).as(alias).isNegative();
      }
      // `../api-key` is refused by the name check, before the policy and the backend.
      assertThat(caps.call("caps", "secret", List.of("../api-key")))
          .isEqualTo((long) GuestErrors.INVALID);
      assertThat(caps.call("caps", "hmac", List.of("../api-key", new byte[] {1})))
          .isEqualTo((long) GuestErrors.INVALID);
      byte[] last = (byte[]) caps.call("caps", "last", List.of());
      assertThat(new String(last, StandardCharsets.UTF_8)).doesNotContain(ROOT_PASSWORD);
      String audit = Files.readString(dir.resolve("audit/t1/audit.jsonl"));
      assertThat(audit)
          .contains("\"secret_id\":\"invalid-name\"")
          .contains("\"code\":\"E7119\"")
          .doesNotContain(ROOT_PASSWORD);
    }
  }

  @Test
  void theEnvBackendGivesEveryNameItsOwnVariable() {
    EnvSecretBackend env = new EnvSecretBackend(HostMode.DEVELOPMENT, Map.of(), "P_");
    assertThat(env.variableFor("db/root")).isEqualTo("P_DB__ROOT");
    assertThat(env.variableFor("db-root")).isEqualTo("P_DB_ROOT");
    assertThat(env.variableFor("tenants/acme/api-key")).isEqualTo("P_TENANTS__ACME__API_KEY");
    for (String unmappable : List.of("db/ROOT", "db_root", "db.root", "db--root", "db/-root")) {
      assertThatThrownBy(() -> env.variableFor(unmappable))
          .as(unmappable)
          .isInstanceOf(MosaicException.class)
          .hasMessageStartingWith("error[E7119]:");
    }
  }

  @Test
  void aPolicyPatternThatIsNoCanonicalNameIsRefusedWhenThePlanIsValidated() {
    assertThatThrownBy(
            () ->
                new CapabilityFixture(dir.resolve("blobs"))
                    .allow("log")
                    .allow("clock")
                    .allow("random")
                    .allow("secret", "*")
                    .deny("secret", "../db/root")
                    .allow("kv", "none")
                    .allow("http", "none")
                    .allow("files", "/none")
                    .plan("t1", "caps", "caps"))
        .isInstanceOf(MosaicException.class)
        .hasMessageContaining("error[E7119]: secret pattern `../db/root` is not allowed");
  }
}
