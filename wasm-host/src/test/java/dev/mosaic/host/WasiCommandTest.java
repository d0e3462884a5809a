package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.plan.MosaicException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WASI preview 1 as programs built for it expect: commands run by {@code _start} with {@code
 * proc_exit} as their status, reactors initialized once, standard output and error in the log when
 * granted, and several WASI components in one plan, each with its own state.
 */
class WasiCommandTest {
  @TempDir Path dir;
  private TestPlans plans;
  private WasmHost host;
  private final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    plans = new TestPlans(dir.resolve("blobs"));
    host = WasmHost.builder().auditDirectory(dir.resolve("audit")).guestLog(log::add).build();
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  private String audit() throws IOException {
    return Files.readString(dir.resolve("audit/t1/audit.jsonl"));
  }

  @Test
  void aCommandsOutputGoesToTheLogWhenGranted() throws IOException {
    try (Composition c =
        host.instantiate(
            plans.plan("t1").component("cmd", "wasicmd").allow("cmd", "log").validate())) {
      assertThat(c.call("cmd", "_start", List.of())).isNull();
    }
    assertThat(log).contains("[cmd] out line", "[cmd] partial");
    assertThat(log).anyMatch(line -> line.startsWith("[cmd] err ") && line.endsWith(" red"));
    assertThat(audit())
        .contains("\"function\":\"wasi.fd_write\"")
        .contains("\"stream\":\"stdout\"")
        .contains("\"result\":\"granted\"");
  }

  @Test
  void withoutLogTheOutputIsDiscardedWithOneNotice() throws IOException {
    try (Composition c =
        host.instantiate(plans.plan("t1").component("cmd", "wasicmd").validate())) {
      assertThat(c.call("cmd", "_start", List.of())).isNull();
    }
    assertThat(log)
        .containsExactly(
            "[cmd] note: standard output and error of this WASI component are discarded; grant"
                + " it `log` to see them");
    assertThat(audit()).contains("\"result\":\"discarded\"");
  }

  @Test
  void procExitZeroIsSuccessAndAnyOtherStatusIsTheCommandsExitStatus() {
    try (Composition c =
        host.instantiate(plans.plan("t1").component("cmd", "wasicmd").validate())) {
      c.call("cmd", "set_status", List.of(0));
      assertThat(c.call("cmd", "_start", List.of())).isNull();
      assertThatThrownBy(() -> c.call("cmd", "_start", List.of()))
          .isInstanceOfSatisfying(
              MosaicException.class, e -> assertThat(e.code()).isEqualTo(HostCodes.CLOSED))
          .hasMessageContaining("component `cmd` has exited");
    }
    try (Composition c =
        host.instantiate(plans.plan("t1").component("cmd", "wasicmd").validate())) {
      c.call("cmd", "set_status", List.of(7));
      assertThatThrownBy(() -> c.call("cmd", "_start", List.of()))
          .isInstanceOfSatisfying(
              GuestExit.class,
              e -> {
                assertThat(e.code()).isEqualTo(HostCodes.EXIT);
                assertThat(e.status()).isEqualTo(7);
                assertThat(e.exitCode()).isEqualTo(7);
              })
          .hasMessageContaining("component `cmd` exited with status 7 in `_start`");
    }
  }

  @Test
  void reactorsAreInitializedOnceEachWithTheirOwnStateAndBindAcrossContexts() {
    try (Composition c =
        host.instantiate(
            plans
                .plan("t1")
                .component("double", "double")
                .component("r2", "wasireactor")
                .component("r", "wasireactor")
                .bind("r2", "math", "double", "double", "double")
                .bind("r", "math", "double", "r2", "twice")
                .allow("*", "log")
                .validate())) {
      assertThat(c.call("r", "count", List.of())).isEqualTo(1L);
      assertThat(c.call("r2", "count", List.of())).isEqualTo(1L);
      assertThat(c.call("r", "bump", List.of())).isEqualTo(2L);
      assertThat(c.call("r2", "count", List.of())).isEqualTo(1L);
      assertThat(c.call("r", "twice", List.of(21))).isEqualTo(42L);
    }
    assertThat(log).containsExactlyInAnyOrder("[r] initialized", "[r2] initialized");
  }

  @Test
  void stringsCrossBetweenAWasiComponentAndTheOthers() {
    try (Composition c =
        host.instantiate(
            plans
                .plan("t1")
                .component("text", "text")
                .component("shout", "wasishout")
                .bind("shout", "text", "upper", "text", "upper")
                .validate())) {
      assertThat(c.call("shout", "shout", List.of("héllo"))).isEqualTo("HéLLO!");
      assertThat(c.call("shout", "shout", List.of("again"))).isEqualTo("AGAIN!");
    }
  }
}
