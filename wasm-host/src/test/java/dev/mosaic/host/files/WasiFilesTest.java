package dev.mosaic.host.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.host.Composition;
import dev.mosaic.host.TestPlans;
import dev.mosaic.host.WasmHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files capability as WASI preview 1, through a real guest (wasifiles.wat). */
class WasiFilesTest {
  // Offsets and lengths of the paths in wasifiles.wat's data segments.
  private static final int[] IN_TXT = {256, 6};
  private static final int[] SECRET_UP = {272, 13};
  private static final int[] ETC_PASSWD = {304, 22};
  private static final int[] RESULT_TXT = {336, 10};
  private static final int[] PRIVATE_UP = {352, 16};
  private static final int CREATE_TRUNCATE = 9;

  @TempDir Path dir;
  private Path files;
  private TestPlans plans;
  private WasmHost host;
  private Composition guest;
  private Map<String, Integer> preopens;

  @BeforeEach
  void setUp() throws IOException {
    plans = new TestPlans(dir.resolve("blobs"));
    files = Files.createDirectories(dir.resolve("files"));
    Files.createDirectories(files.resolve("data"));
    Files.createDirectories(files.resolve("out"));
    Files.createDirectories(files.resolve("private"));
    Files.writeString(files.resolve("data/in.txt"), "input data");
    Files.writeString(files.resolve("secret.txt"), "root secret");
    Files.writeString(files.resolve("private/p.txt"), "private");
    host = WasmHost.builder().auditDirectory(dir.resolve("audit")).fileRoots(t -> files).build();
    guest =
        host.instantiate(
            plans
                .plan("t1")
                .component("w", "wasifiles")
                .allow("w", "files", "/data/*", "write:/out/*")
                .validate());
    preopens = preopens();
  }

  @AfterEach
  void tearDown() {
    guest.close();
    host.close();
  }

  private int call(String function, Object... args) {
    return ((Long) guest.call("w", function, List.of(args))).intValue();
  }

  private int read(String preopen, int[] path) {
    return call("read", preopens.get(preopen), path[0], path[1]);
  }

  private int write(String preopen, int[] path, int oflags) {
    return call("write", preopens.get(preopen), path[0], path[1], oflags);
  }

  private String bytes(int count) {
    byte[] out = new byte[count];
    for (int i = 0; i < count; i++) {
      out[i] = (byte) call("byte", i);
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /** The guest's pre-opened directories by name, found the way a WASI libc finds them. */
  private Map<String, Integer> preopens() {
    Map<String, Integer> found = new HashMap<>();
    for (int fd = 3; fd < 16; fd++) {
      int len = call("dirname", fd);
      if (len < 0) {
        break;
      }
      found.put(bytes(len), fd);
    }
    return found;
  }

  private String audit() throws IOException {
    return Files.readString(dir.resolve("audit/t1/audit.jsonl"));
  }

  @Test
  void onlyTheGrantedDirectoriesArePreopened() {
    assertThat(preopens).containsOnlyKeys("/data", "/out");
  }

  @Test
  void aGrantedFileIsReadAndTheAccessAudited() throws IOException {
    assertThat(read("/data", IN_TXT)).isEqualTo(10);
    assertThat(bytes(10)).isEqualTo("input data");
    assertThat(audit())
        .contains("\"function\":\"wasi.path_open\"")
        .contains("\"path\":\"/data/in.txt\"")
        .contains("\"mode\":\"read\"");
  }

  @Test
  void pathsLeavingTheGrantedDirectoriesAreRefusedWithAnErrno() throws IOException {
    // The targets exist on the host: the refusals below are not mere absence.
    assertThat(Files.readString(files.resolve("data/" + "../secret.txt"))).isEqualTo("root secret");
    assertThat(read("/data", SECRET_UP)).isNegative().isGreaterThan(-1000);
    assertThat(read("/data", PRIVATE_UP)).isNegative().isGreaterThan(-1000);
    assertThat(read("/data", ETC_PASSWD)).isNegative().isGreaterThan(-1000);
    assertThat(read("/out", SECRET_UP)).isNegative().isGreaterThan(-1000);
    // GraalWasm resolves `..` against the pre-opened directory and answers ENOENT (44) for a path
    // that leaves it, before the file system is asked, so nothing was opened.
    assertThat(audit()).doesNotContain("wasi.path_open");
    // The guest is still healthy after the refusals.
    assertThat(read("/data", IN_TXT)).isEqualTo(10);
  }

  @Test
  void writesNeedTheWriteGrant() throws IOException {
    assertThat(write("/data", RESULT_TXT, CREATE_TRUNCATE)).isNegative();
    assertThat(files.resolve("data/result.txt")).doesNotExist();
    assertThat(write("/data", IN_TXT, 0)).isNegative();
    assertThat(files.resolve("data/in.txt")).hasContent("input data");
    assertThat(audit())
        .contains("\"function\":\"wasi.path_open\",\"path\":\"write:/data/result.txt\"")
        .contains("\"result\":\"denied\"");
  }

  @Test
  void writesInsideAWriteGrantReachTheTenantsFiles() throws IOException {
    assertThat(write("/out", RESULT_TXT, CREATE_TRUNCATE)).isEqualTo(15);
    assertThat(files.resolve("out/result.txt")).hasContent("written by wasi");
    assertThat(audit()).contains("\"path\":\"/out/result.txt\"");
  }

  @Test
  void aSymbolicLinkCannotLeadOutOfTheGrant() throws IOException {
    Files.delete(files.resolve("data/in.txt"));
    Files.createSymbolicLink(files.resolve("data/in.txt"), files.resolve("secret.txt"));
    assertThat(read("/data", IN_TXT)).isNegative();
    assertThat(audit()).contains("\"path\":\"/secret.txt\",\"result\":\"denied\"");
  }

  @Test
  void eachWasiComponentOfAPlanHasItsOwnGrantsAndPreopens() {
    try (Composition two =
        host.instantiate(
            plans
                .plan("t1")
                .component("a", "wasifiles")
                .component("b", "wasifiles")
                .allow("a", "files", "/data/*")
                .validate())) {
      assertThat(((Long) two.call("a", "dirname", List.of(3))).intValue()).isPositive();
      assertThat(((Long) two.call("b", "dirname", List.of(3))).intValue()).isNegative();
    }
  }
}
