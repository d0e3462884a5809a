package dev.mosaic.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.hsm.env.EnvSecretBackend;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostModeTest {
  @Test
  void modeComesFromThePropertyThenTheEnvironmentAndFailsClosed() {
    assertThat(HostMode.from(null, Map.of())).isEqualTo(HostMode.DEVELOPMENT);
    assertThat(HostMode.from(null, Map.of("MOSAIC_MODE", "production")))
        .isEqualTo(HostMode.PRODUCTION);
    assertThat(HostMode.from("dev", Map.of("MOSAIC_MODE", "production")))
        .isEqualTo(HostMode.DEVELOPMENT);
    assertThat(HostMode.parse("Development")).isEqualTo(HostMode.DEVELOPMENT);
    assertThat(HostMode.parse("prodution")).isEqualTo(HostMode.PRODUCTION);
  }

  @Test
  void theEnvBackendReadsMappedVariablesInDevelopment() {
    EnvSecretBackend env =
        new EnvSecretBackend(
            HostMode.DEVELOPMENT, Map.of("MOSAIC_SECRET_DB__PASSWORD", "pw"), "MOSAIC_SECRET_");
    assertThat(env.variableFor("db/password")).isEqualTo("MOSAIC_SECRET_DB__PASSWORD");
    try (Secret secret = env.read("db/password")) {
      assertThat(secret.copyValue()).containsExactly('p', 'w');
    }
    assertThatThrownBy(() -> env.read("db/user"))
        .hasMessage("error[E7102]: no secret `db/user` in the environment");
  }

  @Test
  void theEnvBackendIsRefusedInProduction() {
    assertThatThrownBy(() -> new EnvSecretBackend(HostMode.PRODUCTION, Map.of(), "P_"))
        .hasMessage(
            "error[E7109]: secret backend `env` is for development only and the host runs in"
                + " production");
    SecretBackends production =
        SecretBackends.discover(getClass().getClassLoader(), HostMode.PRODUCTION);
    assertThatThrownBy(() -> production.open("env", Map.of()))
        .hasMessageStartingWith("error[E7109]:");
  }

  @Test
  void unknownSchemesAreCoded() {
    SecretBackends backends =
        SecretBackends.discover(getClass().getClassLoader(), HostMode.DEVELOPMENT);
    assertThatThrownBy(() -> backends.open("keepass", Map.of()))
        .hasMessage("error[E7113]: no secret backend for scheme `keepass`");
  }
}
