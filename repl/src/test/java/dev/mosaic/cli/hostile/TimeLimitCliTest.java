package dev.mosaic.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.cli.Main;
import dev.mosaic.host.audit.AuditLogVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time limits as the command line meets them: a start function that never returns, recursion in a
 * start function, and a guest stopped while it waits on a slow server. Each ends with its coded
 * error and exit 70, and the tenant's audit log stays whole.
 */
class TimeLimitCliTest {
  static final Path GUESTS = Path.of("..", "wasm-host", "src", "test", "resources", "wasm");

  /** Far more than any limit below, even on a loaded machine; a command still running hangs. */
  static final long HANG_SECONDS = 120;

  @TempDir Path dir;
  Path store;
  Path audit;

  @BeforeEach
  void setUp() throws IOException {
    store = dir.resolve("store");
    audit = dir.resolve("audit");
    for (String guest : List.of("startspin", "startdeep")) {
      Files.copy(GUESTS.resolve(guest + ".wasm"), dir.resolve(guest + ".wasm"));
    }
  }

  record Outcome(int exit, String out, String err) {}

  Outcome mosaic(String... args) throws Exception {
    boolean runs = args[0].equals("run") || args[0].equals("exec");
    String[] all = Arrays.copyOf(args, args.length + (runs ? 4 : 2));
    all[args.length] = "--store";
    all[args.length + 1] = store.toString();
    if (runs) {
      all[args.length + 2] = "--audit-dir";
      all[args.length + 3] = audit.toString();
    }
    CompletableFuture<Outcome> run =
        CompletableFuture.supplyAsync(
            () -> {
              StringWriter out = new StringWriter();
              StringWriter err = new StringWriter();
              int exit = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
              return new Outcome(exit, out.toString(), err.toString());
            },
            r -> {
              Thread t = new Thread(r, "mosaic-cli");
              t.setDaemon(true);
              t.start();
            });
    return run.get(HANG_SECONDS, TimeUnit.SECONDS);
  }

  /** A script that instantiates {@code wasm} as {@code component} and prints {@code call()}. */
  Path script(String name, String wasm, String limit, String policy, String call)
      throws IOException {
    String component = call.substring(0, call.indexOf('.'));
    String text =
        "mosaic 1\n\n"
            + "tenant \"acme\" {\n  max-memory 16 MiB\n  max-time "
            + limit
            + "\n}\n\n"
            + "component "
            + component
            + " from \""
            + wasm
            + "\"\n\n"
            + (policy.isEmpty() ? "" : "policy {\n" + policy + "}\n\n")
            + "export "
            + call
            + "\n\nprint "
            + call
            + "()\n";
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void runStopsAStartFunctionThatNeverReturns() throws Exception {
    Path p = script("spin.mosaic", "startspin.wasm", "300 ms", "", "s.ok");
    Outcome o = mosaic("run", p.toString());
    assertThat(o.err())
        .startsWith("error[E9002]: instantiating component `s` ran past its limit of 300 ms");
    assertThat(o.exit()).isEqualTo(70);
    assertThat(o.out()).isEmpty();
    assertThat(auditLog()).contains("\"code\":\"E9002\"");
  }

  @Test
  void execStopsAStartFunctionThatNeverReturns() throws Exception {
    Path p = script("spin.mosaic", "startspin.wasm", "300 ms", "", "s.ok");
    Path plan = dir.resolve("spin.plan.cbor");
    assertThat(mosaic("compile", p.toString(), "-o", plan.toString()).exit()).isZero();
    Outcome o = mosaic("exec", plan.toString(), "--call", "s.ok");
    assertThat(o.err()).startsWith("error[E9002]: instantiating component `s`");
    assertThat(o.exit()).isEqualTo(70);
  }

  @Test
  void recursionInAStartFunctionIsAStackError() throws Exception {
    Path p = script("deep.mosaic", "startdeep.wasm", "10 s", "", "s.ok");
    Outcome o = mosaic("run", p.toString());
    assertThat(o.err())
        .startsWith("error[E9006]: instantiating component `s` exhausted the call stack");
    assertThat(o.exit()).isEqualTo(70);
    assertThat(o.err()).doesNotContain("Exception").doesNotContain("warning");
  }

  @Test
  void aGuestStoppedWhileWaitingOnASlowServerIsE9002AndAudited() throws Exception {
    try (SilentServer server = new SilentServer()) {
      Files.write(dir.resolve("timecalls.wasm"), timecalls(server.port()));
      Path p =
          script(
              "slow.mosaic",
              "timecalls.wasm",
              "1 s",
              "  allow w http \"127.0.0.1:*\"\n  allow w random\n  allow w kv\n",
              "w.fetch");
      Outcome o = mosaic("run", p.toString());
      assertThat(o.err()).startsWith("error[E9002]: call `w.fetch` ran past its limit of 1000 ms");
      assertThat(o.exit()).isEqualTo(70);
    }
    String log = auditLog();
    assertThat(log).contains("\"code\":\"E9002\"").contains("\"result\":\"timeout\"");
    AuditLogVerifier.Result verified = AuditLogVerifier.verify(auditFile());
    assertThat(verified.valid()).as(verified.problem()).isTrue();
  }

  private Path auditFile() {
    return audit.resolve("acme").resolve("audit.jsonl");
  }

  private String auditLog() throws IOException {
    return Files.readString(auditFile());
  }

  /** The timecalls guest with its URL pointing at {@code port} on 127.0.0.1. */
  static byte[] timecalls(int port) throws IOException {
    byte[] bytes = Files.readAllBytes(GUESTS.resolve("timecalls.wasm"));
    byte[] marker = "127.0.0.1:00000".getBytes(StandardCharsets.US_ASCII);
    byte[] patched = String.format("127.0.0.1:%05d", port).getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + marker.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
        System.arraycopy(patched, 0, bytes, i, patched.length);
        return bytes;
      }
    }
    throw new IllegalStateException("no URL marker in timecalls.wasm");
  }

  /** Accepts connections on 127.0.0.1 and never answers. */
  static final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    SilentServer() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(socket.accept());
                  }
                } catch (IOException e) {
                  // closed
                }
              },
              "silent-server");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
