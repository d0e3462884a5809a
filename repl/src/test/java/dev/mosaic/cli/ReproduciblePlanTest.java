package dev.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.plan.PlanCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiling one script twice, and as on two machines (another directory layout, store, time zone
 * and locale), gives byte-identical plans with one digest. scripts/check-reproducible-plans does
 * the same with two processes under different working directories, users' homes and umasks.
 */
class ReproduciblePlanTest {
  static final Path EXAMPLE = Path.of("..", "examples", "hello");

  @TempDir Path machineA;
  @TempDir Path machineB;

  private final Locale locale = Locale.getDefault();
  private final TimeZone zone = TimeZone.getDefault();

  @AfterEach
  void restore() {
    Locale.setDefault(locale);
    TimeZone.setDefault(zone);
  }

  /** Lays the example out under {@code root/sub}, with a signed-by key, and compiles it. */
  private byte[] compile(Path root, String sub, String key) throws Exception {
    Path project = Files.createDirectories(root.resolve(sub));
    Files.copy(EXAMPLE.resolve("hello.wasm"), project.resolve("hello.wasm"));
    Files.writeString(project.resolve("release.pub"), key);
    String script =
        Files.readString(EXAMPLE.resolve("hello.mosaic"))
            .replace(
                "component hello from \"hello.wasm\"",
                "component hello from \"hello.wasm\" signed by \"release.pub\"");
    Files.writeString(project.resolve("hello.mosaic"), script);
    Path plan = root.resolve("out.plan");
    StringWriter err = new StringWriter();
    int exit =
        Main.execute(
            new String[] {
              "compile",
              project.resolve("hello.mosaic").toString(),
              "-o",
              plan.toString(),
              "--store",
              root.resolve("store-" + sub).toString()
            },
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertThat(exit).as(err.toString()).isZero();
    return Files.readAllBytes(plan);
  }

  @Test
  void theSameScriptGivesTheSameBytesOnTwoMachines() throws Exception {
    String key =
        "-----BEGIN PUBLIC KEY-----\n"
            + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEq6GdTUUjQUTbz3fIhCWy3M96c4Jm\n"
            + "ct+l7u2QsYrHtyNtz2dHdPhL2GIKQjdkStRm/Vmgob/znsi03meZ1mvwHA==\n"
            + "-----END PUBLIC KEY-----\n";
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
    byte[] first = compile(machineA, "work", key);
    byte[] again = compile(machineA, "again", key);

    Locale.setDefault(Locale.forLanguageTag("ja-JP-u-ca-japanese"));
    TimeZone.setDefault(TimeZone.getTimeZone("America/Adak"));
    byte[] other = compile(machineB, "home/someone/else/deeper", key);

    assertThat(again).isEqualTo(first);
    assertThat(other).isEqualTo(first);
    assertThat(PlanCodec.digestOf(other)).isEqualTo(PlanCodec.digestOf(first));
    // The key is in the plan by digest, so another key would give another plan.
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    String another =
        "-----BEGIN PUBLIC KEY-----\n"
            + java.util.Base64.getMimeEncoder()
                .encodeToString(g.generateKeyPair().getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    byte[] otherKey = compile(machineB, "rekeyed", another);
    assertThat(otherKey).isNotEqualTo(first);
  }
}
