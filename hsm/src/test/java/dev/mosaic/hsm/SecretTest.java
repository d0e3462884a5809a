package dev.mosaic.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void toStringNeverShowsTheValue() {
    Secret secret = new Secret("api-key", "hunter2-value".getBytes(StandardCharsets.UTF_8));
    assertThat(secret.toString()).isEqualTo("Secret[api-key, ***]");
    secret.close();
    assertThat(secret.toString()).isEqualTo("Secret[api-key, wiped]");
  }

  @Test
  void closeWipesTheHeldBytes() {
    byte[] value = "hunter2-value".getBytes(StandardCharsets.UTF_8);
    Secret secret = new Secret("api-key", value);
    secret.close();
    assertThat(value).containsOnly(0);
    assertThat(secret.isWiped()).isTrue();
    assertThatThrownBy(secret::copyValue)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("secret `api-key` was wiped");
  }

  @Test
  void withValueWipesItsCopyEvenWhenTheUseFails() {
    try (Secret secret = new Secret("k", new byte[] {1, 2, 3})) {
      byte[][] seen = new byte[1][];
      int length = secret.withValue(bytes -> (seen[0] = bytes).length);
      assertThat(length).isEqualTo(3);
      assertThat(seen[0]).containsOnly(0);
      assertThatThrownBy(
              () ->
                  secret.<Integer>withValue(
                      bytes -> {
                        seen[0] = bytes;
                        throw new IllegalArgumentException("boom");
                      }))
          .hasMessage("boom");
      assertThat(seen[0]).containsOnly(0);
      assertThat(secret.copyValue()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void copiesAreIndependentOfTheSecret() {
    Secret secret = new Secret("k", new byte[] {7, 7});
    byte[] copy = secret.copyValue();
    secret.close();
    assertThat(copy).containsExactly(7, 7);
  }
}
