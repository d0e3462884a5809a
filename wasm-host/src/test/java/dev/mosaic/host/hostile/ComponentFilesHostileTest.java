package dev.mosaic.host.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.WasmHost;
import dev.mosaic.host.component.ComponentPlans;
import dev.mosaic.host.component.WitResult;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.store.FileBlobStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wasi:filesystem} for components (wasi/files.wat) on the tenant's file root and the plan's
 * {@code files} grants: reading, writing and listing what is granted, and every way out of the
 * root, past the grants or past the limits refused with an {@code error-code}, never a host
 * exception; handles used after their drop or as another type are traps.
 */
class ComponentFilesHostileTest {
  /** wasi:filesystem's error-code cases, in order. */
  private static final List<String> ERRORS =
      List.of(
          "access",
          "would-block",
          "already",
          "bad-descriptor",
          "busy",
          "deadlock",
          "quota",
          "exist",
          "file-too-large",
          "illegal-byte-sequence",
          "in-progress",
          "interrupted",
          "invalid",
          "io",
          "is-directory",
          "loop",
          "message-size",
          "name-too-long",
          "no-device",
          "no-entry",
          "no-lock",
          "insufficient-memory",
          "insufficient-space",
          "not-directory",
          "not-empty",
          "not-recoverable",
          "unsupported",
          "no-tty",
          "no-such-device",
          "overflow",
          "not-permitted",
          "pipe",
          "read-only",
          "invalid-seek",
          "text-file-busy",
          "cross-device");

  private static final int CREATE = 1;
  private static final int DIRECTORY = 2;
  private static final int EXCLUSIVE = 4;
  private static final int TRUNCATE = 8;
  private static final int READ = 1;
  private static final int WRITE = 2;

  @TempDir Path dir;
  private Path files;
  private WasmHost host;
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    files = Files.createDirectories(dir.resolve("files"));
    Files.createDirectories(files.resolve("data"));
    Files.createDirectories(files.resolve("private"));
    Files.writeString(files.resolve("data/in.txt"), "input data");
    Files.writeString(files.resolve("private/key.txt"), "private key");
    Files.writeString(dir.resolve("outside.txt"), "outside the root");
    host = host(HostLimits.DEFAULT);
  }

  private WasmHost host(HostLimits limits) {
    return WasmHost.builder()
        .limits(limits)
        .guestLog(line -> {})
        .auditSinks(t -> audit::add)
        .fileRoots(t -> files)
        .build();
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  private ComponentPlans plans(String blobs) {
    return new ComponentPlans(new FileBlobStore(dir.resolve(blobs)))
        .component("f", "files", "open");
  }

  /** Reads `/data/*` and the root's listing, writes `write:/data/*`. */
  private Composition granted() {
    return host.instantiate(
        plans("granted").allow("f", "files", "/", "/data", "/data/*", "write:/data/*").validate());
  }

  private static Object call(Composition c, String function, Object... args) {
    return c.call("f", function, List.of(args));
  }

  private static long open(Composition c, String path, int oflags, int flags) {
    return (Long) call(c, "open", path, (long) oflags, (long) flags);
  }

  /** The error-code of a negative result. */
  private static String error(Object result) {
    long v = (Long) result;
    assertThat(v).as("an error").isNegative();
    return ERRORS.get((int) (-v - 1));
  }

  private static String text(Object readResult) {
    assertThat(readResult).isInstanceOf(WitResult.Ok.class);
    List<?> bytes = (List<?>) ((WitResult) readResult).value();
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((Integer) bytes.get(i)).intValue();
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static String readError(Object readResult) {
    assertThat(readResult).isInstanceOf(WitResult.Err.class);
    return ERRORS.get(((Long) ((WitResult) readResult).value()).intValue());
  }

  private static List<Integer> bytes(String s) {
    List<Integer> out = new ArrayList<>();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      out.add(b & 0xFF);
    }
    return out;
  }

  private boolean audited(String function, String result) {
    return audit.stream()
        .anyMatch(
            e ->
                e.eventType().equals(AuditEvent.CAPABILITY)
                    && String.valueOf(e.details().get("function")).endsWith(function)
                    && result.equals(e.details().get("result")));
  }

  @Test
  void aGrantedFileIsReadWrittenAtOffsetsAndItsDirectoryListed() throws IOException {
    try (Composition c = granted()) {
      long in = open(c, "data/in.txt", 0, READ);
      assertThat(in).isPositive();
      assertThat(text(call(c, "read", in, 100L, 0L))).isEqualTo("input data");
      assertThat(text(call(c, "read", in, 4L, 6L))).isEqualTo("data");
      assertThat(call(c, "get-type", in)).isEqualTo(6L); // regular-file
      assertThat(call(c, "stat-at", "data/in.txt")).isEqualTo(10L);

      long out = open(c, "data/out.txt", CREATE | TRUNCATE, READ | WRITE);
      assertThat(call(c, "write", out, bytes("hello world"), 0L)).isEqualTo(11L);
      assertThat(call(c, "write", out, bytes("W"), 6L)).isEqualTo(1L);
      assertThat(text(call(c, "read", out, 100L, 0L))).isEqualTo("hello World");
      call(c, "drop", out);
      assertThat(Files.readString(files.resolve("data/out.txt"))).isEqualTo("hello World");
      assertThat(error(open(c, "data/out.txt", CREATE | EXCLUSIVE, WRITE))).isEqualTo("exist");

      assertThat(call(c, "mutate", 0L, "data/sub")).isEqualTo(0L);
      assertThat(Files.isDirectory(files.resolve("data/sub"))).isTrue();
      assertThat(call(c, "list", "data", 99L)).isEqualTo(3L);
      assertThat(error(call(c, "mutate", 0L, "data/sub"))).isEqualTo("exist");
      assertThat(call(c, "mutate", 1L, "data/sub")).isEqualTo(0L);
      assertThat(call(c, "mutate", 2L, "data/out.txt")).isEqualTo(0L);
      assertThat(files.resolve("data/out.txt")).doesNotExist();
      assertThat(call(c, "list", "data", 0L)).isEqualTo(1L);
      assertThat(call(c, "name")).isEqualTo("in.txt");
      assertThat(call(c, "list", ".", 99L)).isEqualTo(2L);
      assertThat(error(open(c, "data/none.txt", 0, READ))).isEqualTo("no-entry");
      assertThat(error(open(c, "data/in.txt", DIRECTORY, READ))).isEqualTo("not-directory");
      assertThat(error(open(c, "data", 0, WRITE))).isEqualTo("is-directory");
      // not implemented: error-code.unsupported, not a trap
      assertThat(error(call(c, "sync", in))).isEqualTo("unsupported");
    }
    assertThat(audited("wasi:filesystem/types@0.2.0#[method]descriptor.open-at", "granted"))
        .isTrue();
    assertThat(audited("wasi:filesystem/types@0.2.0#[method]descriptor.read-directory", "granted"))
        .isTrue();
  }

  @Test
  void withoutAFilesGrantTheComponentIsRefused() {
    assertThatThrownBy(() -> host.instantiate(plans("none").validate()))
        .isInstanceOfSatisfying(
            MosaicException.class,
            e -> {
              assertThat(e.code()).isEqualTo("E7001");
              assertThat(e.getMessage()).contains("wasi:filesystem/types@0.2.0");
            });
  }

  @Test
  void dotDotAndAbsolutePathsCannotLeaveTheRoot() {
    try (Composition c = granted()) {
      assertThat(error(open(c, "../outside.txt", 0, READ))).isEqualTo("not-permitted");
      assertThat(error(open(c, "data/../../outside.txt", 0, READ))).isEqualTo("not-permitted");
      assertThat(error(open(c, "/data/in.txt", 0, READ))).isEqualTo("not-permitted");
      assertThat(error(call(c, "stat-at", "../outside.txt"))).isEqualTo("not-permitted");
      assertThat(error(call(c, "list", "..", 0L))).isEqualTo("not-permitted");
      assertThat(error(call(c, "mutate", 0L, "../made"))).isEqualTo("not-permitted");
      assertThat(error(open(c, "data/in.txt\0", 0, READ))).isEqualTo("invalid");
    }
    assertThat(dir.resolve("made")).doesNotExist();
    assertThat(audited("wasi:filesystem/types@0.2.0", "denied")).isTrue();
  }

  @Test
  void aSymbolicLinkLeadingOutsideIsRefusedAndOneToAnUngrantedFileGrantsNothing()
      throws IOException {
    Files.createSymbolicLink(files.resolve("data/escape.txt"), dir.resolve("outside.txt"));
    Files.createSymbolicLink(files.resolve("data/key.txt"), files.resolve("private/key.txt"));
    try (Composition c = granted()) {
      // open-at without symlink-follow does not follow a link at the end of the path
      assertThat(error(open(c, "data/escape.txt", 0, READ))).isEqualTo("loop");
      // stat-at with symlink-follow follows it, and is refused where it leads
      assertThat(error(call(c, "stat-at", "data/escape.txt"))).isEqualTo("not-permitted");
      // inside the root, but its real path /private/key.txt is not granted
      assertThat(error(call(c, "stat-at", "data/key.txt"))).isEqualTo("access");
    }
  }

  @Test
  void aFifoIsNeverOpened() throws Exception {
    Path fifo = files.resolve("data/pipe");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mk.waitFor()).isZero();
    try (Composition c = granted()) {
      assertThat(error(open(c, "data/pipe", 0, READ))).isEqualTo("access");
      assertThat(error(open(c, "data/pipe", 0, WRITE))).isEqualTo("access");
    }
  }

  @Test
  void writingNeedsAWriteGrant() throws IOException {
    try (Composition c =
        host.instantiate(plans("read-only").allow("f", "files", "/data", "/data/*").validate())) {
      assertThat(error(open(c, "data/in.txt", 0, WRITE))).isEqualTo("access");
      assertThat(error(open(c, "data/in.txt", TRUNCATE, READ))).isEqualTo("access");
      assertThat(error(open(c, "data/new.txt", CREATE, READ))).isEqualTo("access");
      assertThat(error(call(c, "mutate", 0L, "data/sub"))).isEqualTo("access");
      assertThat(error(call(c, "mutate", 2L, "data/in.txt"))).isEqualTo("access");
      long in = open(c, "data/in.txt", 0, READ);
      // a descriptor opened for reading does not write
      assertThat(error(call(c, "write", in, bytes("x"), 0L))).isEqualTo("bad-descriptor");
    }
    assertThat(Files.readString(files.resolve("data/in.txt"))).isEqualTo("input data");
    assertThat(files.resolve("data/new.txt")).doesNotExist();
    assertThat(audited("wasi:filesystem/types@0.2.0#[method]descriptor.open-at", "denied"))
        .isTrue();
  }

  @Test
  void aPathThePolicyDoesNotGrantIsNotReadListedOrStatted() {
    try (Composition c = granted()) {
      assertThat(error(open(c, "private/key.txt", 0, READ))).isEqualTo("access");
      assertThat(error(call(c, "stat-at", "private/key.txt"))).isEqualTo("access");
      assertThat(error(call(c, "list", "private", 0L))).isEqualTo("access");
      // a directory opened to reach what lies under it tells nothing of itself without a grant
      long priv = open(c, "private", DIRECTORY, READ);
      assertThat(priv).isPositive();
      assertThat(error(call(c, "get-type", priv))).isEqualTo("access");
      assertThat(call(c, "get-type", open(c, "data", DIRECTORY, READ))).isEqualTo(3L);
    }
  }

  @Test
  void aHugeFileIsReadAtMostOneMebibyteACall() throws IOException {
    try (RandomAccessFile big = new RandomAccessFile(files.resolve("data/big").toFile(), "rw")) {
      big.setLength(64L << 20);
    }
    try (Composition c = granted()) {
      long fd = open(c, "data/big", 0, READ);
      assertThat(call(c, "read-len", fd, -1L, 0L)).isEqualTo(1L << 20); // a u64 of 2^64 - 1
      assertThat(call(c, "read-len", fd, 1L << 30, 63L << 20)).isEqualTo(1L << 20);
    }
    // a smaller transfer limit lowers it to half that limit
    try (WasmHost small = host(HostLimits.DEFAULT.withMaxTransferBytes(64 * 1024))) {
      try (Composition c =
          small.instantiate(plans("small").allow("f", "files", "/data/*").validate())) {
        long fd = open(c, "data/big", 0, READ);
        assertThat(call(c, "read-len", fd, 1L << 20, 0L)).isEqualTo(32L * 1024);
      }
    }
  }

  @Test
  void aDirectoryOf100000EntriesIsListedOneEntryACallUnderTheDeadline() throws IOException {
    Path many = Files.createDirectories(files.resolve("data/many"));
    for (int i = 0; i < 100_000; i++) {
      Files.createFile(many.resolve("f" + i));
    }
    Composition c =
        host.instantiate(plans("many").allow("f", "files", "/data/many").maxMillis(200).validate());
    long began = System.nanoTime();
    // One entry a call: the deadline stops the listing; the host never lists it all in one call.
    assertThatThrownBy(() -> call(c, "list", "data/many", 0L))
        .isInstanceOfSatisfying(
            MosaicException.class, e -> assertThat(e.code()).isEqualTo("E9002"));
    assertThat((System.nanoTime() - began) / 1_000_000).isLessThan(30_000);
    assertThat(c.isClosed()).isTrue();
  }

  @Test
  void aDescriptorUsedAfterItsDropIsATrap() {
    try (Composition c = granted()) {
      long in = open(c, "data/in.txt", 0, READ);
      call(c, "drop", in);
      assertThatThrownBy(() -> call(c, "read", in, 10L, 0L))
          .isInstanceOfSatisfying(
              MosaicException.class, e -> assertThat(e.code()).isEqualTo("E9001"));
    }
  }

  @Test
  void aHandleOfAnotherTypeIsATrap() {
    try (Composition c = granted()) {
      assertThatThrownBy(() -> call(c, "confuse"))
          .isInstanceOfSatisfying(
              MosaicException.class,
              e -> {
                assertThat(e.code()).isEqualTo("E9001");
                assertThat(e.getMessage()).contains("not a `descriptor`");
              });
    }
  }
}
