package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Arguments copied into guest memory come back byte for byte from a guest that returns them as they
 * came ({@code echo.wat}), at every size around the host's copy units: eight-byte words and the
 * 128-byte runs of the memory copy helper, with multi-byte UTF-8 characters across their borders.
 */
public class StringCopyTest {
  @TempDir Path dir;
  private TestPlans plans;
  private WasmHost host;

  @BeforeEach
  void setUp() {
    plans = new TestPlans(dir);
    host = WasmHost.builder().guestLog(line -> {}).build();
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 9, 127, 128, 129, 255, 1023, 1024, 1025, 64 * 1024})
  void bytesOfEverySizeComeBackExactly(int size) {
    byte[] in = new byte[size];
    for (int i = 0; i < size; i++) {
      in[i] = (byte) (i * 131 + 17);
    }
    try (Composition c = host.instantiate(plans.plan("t1").component("e", "echo").validate())) {
      assertThat((byte[]) c.call("e", "echo_bytes", List.of(in))).isEqualTo(in);
      // The second call goes through the helper the first one instantiated.
      assertThat((byte[]) c.call("e", "echo_bytes", List.of(in))).isEqualTo(in);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 1023, 1024, 1025, 64 * 1024})
  void stringsWithMultiByteCharactersAcrossTheCopyBordersComeBackExactly(int size) {
    try (Composition c = host.instantiate(plans.plan("t1").component("e", "echo").validate())) {
      for (String filler : List.of("a", "ab", "abc")) {
        String s = straddling(size, filler);
        assertThat(s.getBytes(StandardCharsets.UTF_8)).hasSize(size);
        assertThat(c.call("e", "echo", List.of(s))).isEqualTo(s);
      }
    }
  }

  @Test
  void twoGuestsInOneCompositionEachGetTheirOwnBytes() {
    String a = "x".repeat(1024);
    String b = "€".repeat(700);
    try (Composition c =
        host.instantiate(
            plans.plan("t1").component("one", "echo").component("two", "echo").validate())) {
      for (int i = 0; i < 3; i++) {
        assertThat(c.call("one", "echo", List.of(a))).isEqualTo(a);
        assertThat(c.call("two", "echo", List.of(b))).isEqualTo(b);
      }
    }
  }

  /**
   * A string of exactly {@code size} UTF-8 bytes: {@code filler} then three-byte {@code €} and
   * two-byte {@code é} characters, so their bytes fall across the 8- and 128-byte borders at
   * shifting places.
   */
  public static String straddling(int size, String filler) {
    StringBuilder s = new StringBuilder();
    int bytes = 0;
    int turn = 0;
    while (bytes < size) {
      String next =
          size - bytes >= 3 ? (turn++ % 3 == 0 ? filler : turn % 2 == 0 ? "€" : "é") : "z";
      int n = next.getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > size) {
        next = "z";
        n = 1;
      }
      s.append(next);
      bytes += n;
    }
    return s.toString();
  }
}
