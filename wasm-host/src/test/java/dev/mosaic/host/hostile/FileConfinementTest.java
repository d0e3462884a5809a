package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mosaic.host.CapabilityFixture;
import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.abi.GuestErrors;
import dev.mosaic.plan.MosaicException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest granted {@code /data/*} attacks the rest of its tenant's file root through the {@code
 * files_*} host functions and through WASI: links, special files, directories opened as files, NUL
 * in paths, and metadata of files it was not granted.
 */
class FileConfinementTest {
  private static final Duration HANG = Duration.ofSeconds(30);

  @TempDir Path dir;
  private Path files;
  private WasmHost host;
  private Composition caps;
  private Composition wasi;

  @BeforeEach
  void setUp() throws IOException {
    files = Files.createDirectories(dir.resolve("files"));
    Files.createDirectories(files.resolve("data"));
    Files.createDirectories(files.resolve("private"));
    Files.writeString(files.resolve("data/in.txt"), "input data");
    Files.writeString(files.resolve("private/key.txt"), "private key");
    host =
        WasmHost.builder()
            .guestLog(line -> {})
            .auditDirectory(dir.resolve("audit"))
            .fileRoots(t -> files)
            .build();
    caps =
        host.instantiate(
            new CapabilityFixture(dir.resolve("blobs"))
                .allow("log")
                .allow("clock")
                .allow("random")
                .allow("secret", "none")
                .allow("kv", "none")
                .allow("http", "none")
                .allow("files", "/data/*", "/data")
                .plan("t1", "caps", "caps"));
    wasi =
        host.instantiate(
            new CapabilityFixture(dir.resolve("blobs"))
                .allow("files", "/data/*")
                .plan("t1", "w", "wasipath"));
  }

  @AfterEach
  void tearDown() {
    caps.close();
    wasi.close();
    host.close();
  }

  private Object call(String function, Object... args) {
    return caps.call("caps", function, List.of(args));
  }

  /** WASI: the pre-opened `/data` is fd 3. */
  private int wasi(String function, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = 3;
    System.arraycopy(args, 0, all, 1, args.length);
    return ((Number) wasi.call("w", function, List.of(all))).intValue();
  }

  private String audit() throws IOException {
    return Files.readString(dir.resolve("audit/t1/audit.jsonl"));
  }

  @Test
  void aLinkInsideAGrantedDirectoryDoesNotReachAnUngrantedFile() throws IOException {
    Files.createSymbolicLink(files.resolve("data/key.txt"), files.resolve("private/key.txt"));
    assertThat(call("read", "/data/key.txt")).isEqualTo((long) GuestErrors.DENIED);
    assertThat(wasi("read", "key.txt")).isNegative();
    assertThat(audit()).contains("\"leads_to\":\"/private/key.txt\"");
    // A link to a granted file still works, through both paths.
    Files.createSymbolicLink(files.resolve("data/alias.txt"), files.resolve("data/in.txt"));
    assertThat((Long) call("read", "/data/alias.txt")).isPositive();
    assertThat(wasi("read", "alias.txt")).isEqualTo(10);
  }

  @Test
  void aLinkedDirectoryInsideAGrantDoesNotReachAnUngrantedDirectory() throws IOException {
    Files.createSymbolicLink(files.resolve("data/p"), files.resolve("private"));
    assertThat(call("read", "/data/p/key.txt")).isEqualTo((long) GuestErrors.DENIED);
    assertThat(call("list", "/data/p")).isEqualTo((long) GuestErrors.DENIED);
    assertThat(wasi("read", "p/key.txt")).isNegative();
  }

  @Test
  void aFifoIsRefusedWithoutBlocking() throws Exception {
    Path fifo = files.resolve("data/pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    assertTimeoutPreemptively(
        HANG,
        () -> {
          assertThat(call("read", "/data/pipe")).isEqualTo((long) GuestErrors.SPECIAL_FILE);
          assertThat(call("write", "/data/pipe", new byte[] {1}))
              .isEqualTo((long) GuestErrors.DENIED);
          assertThat(wasi("read", "pipe")).isNegative();
        });
  }

  @Test
  void aDeviceIsRefused() throws IOException {
    Files.createSymbolicLink(files.resolve("data/zero"), Path.of("/dev/zero"));
    assertThat(call("read", "/data/zero")).isEqualTo((long) GuestErrors.DENIED);
    assertThat(wasi("read", "zero")).isNegative();
  }

  @Test
  void aDirectoryOpenedAsAFileGivesAnErrnoNotAnFd() throws IOException {
    Files.createDirectories(files.resolve("data/sub"));
    assertThat(wasi("open", "sub", 0)).isNegative();
    assertThat(call("read", "/data/sub")).isEqualTo((long) GuestErrors.INVALID);
    // With the directory flag, the directory opens as a directory.
    assertThat(wasi("open", "sub", 2)).isPositive();
  }

  @Test
  void metadataOfAnUngrantedFileNeedsAReadGrant() throws IOException {
    Files.writeString(files.resolve("data/hidden.txt"), "hidden");
    try (Composition narrow =
        host.instantiate(
            new CapabilityFixture(dir.resolve("blobs2"))
                .allow("files", "/data/in.txt")
                .plan("t1", "w", "wasipath"))) {
      int granted = ((Number) narrow.call("w", "stat", List.of(3, "in.txt"))).intValue();
      int hidden = ((Number) narrow.call("w", "stat", List.of(3, "hidden.txt"))).intValue();
      assertThat(granted).isEqualTo(4); // a regular file
      assertThat(hidden).isNegative();
    }
    assertThat(audit())
        .contains("\"function\":\"wasi.path_filestat_get\",\"path\":\"/data/hidden.txt\"");
  }

  @Test
  void aNulInAPathIsACodedErrorAndTheGuestCarriesOn() {
    // GraalWasm stops a guest that hands WASI a NUL before the file system is asked: a trap with
    // a code and a message, not the JDK's exception text.
    assertThatThrownBy(() -> wasi("read", "in.txt\0/../../private/key.txt"))
        .isInstanceOf(MosaicException.class)
        .hasMessage(
            "error[E9001]: guest `w` trapped in `read`: it passed WASI a path with a NUL"
                + " character");
    assertThat(wasi("read", "in.txt")).isEqualTo(10);
    assertThat(call("read", "/data/in.txt\0")).isEqualTo((long) GuestErrors.INVALID);
  }

  @Test
  void aHugeDirectoryListingStopsAtTheTransferCap() throws IOException {
    Path many = Files.createDirectories(files.resolve("data/many"));
    for (int i = 0; i < 200; i++) {
      Files.createFile(many.resolve("file-with-a-long-name-" + i));
    }
    HostLimits small = HostLimits.DEFAULT.withMaxTransferBytes(1024);
    try (WasmHost bounded = WasmHost.builder().fileRoots(t -> files).limits(small).build();
        Composition c =
            bounded.instantiate(
                new CapabilityFixture(dir.resolve("blobs3"))
                    .allow("log")
                    .allow("clock")
                    .allow("random")
                    .allow("secret", "none")
                    .allow("kv", "none")
                    .allow("http", "none")
                    .allow("files", "/data/*", "/data")
                    .plan("t1", "caps", "caps"))) {
      assertThat(c.call("caps", "list", List.of("/data/many")))
          .isEqualTo((long) GuestErrors.TOO_LARGE);
      assertThat((Long) c.call("caps", "list", List.of("/data"))).isPositive();
    }
  }

  @Test
  void theFileContentsNeverLeak() throws IOException {
    Files.createSymbolicLink(files.resolve("data/k"), files.resolve("private/key.txt"));
    call("read", "/data/k");
    wasi("read", "k");
    byte[] last = (byte[]) call("last");
    assertThat(new String(last, StandardCharsets.UTF_8)).doesNotContain("private key");
  }
}
