package dev.mosaic.host.audit;

import dev.mosaic.plan.audit.AuditEvent;
import java.nio.file.Path;
import java.util.Map;

/**
 * A separate writer process for {@link ConcurrentAuditLogTest}: {@code <log> <tenant> <writer id>
 * <events> <key file or -> <seal every>}. Writes its events with two threads, then closes.
 */
public final class AuditWriterMain {
  private AuditWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path log = Path.of(args[0]);
    String tenant = args[1];
    String id = args[2];
    int events = Integer.parseInt(args[3]);
    AuditLogOptions options = AuditLogOptions.defaults().sealEvery(Integer.parseInt(args[5]));
    if (!args[4].equals("-")) {
      options = options.sealedWith(SealKeys.keyFile(Path.of(args[4])));
    }
    try (JsonLinesAuditLog audit = new JsonLinesAuditLog(log, tenant, options)) {
      Thread[] threads = new Thread[2];
      for (int t = 0; t < threads.length; t++) {
        int thread = t;
        threads[t] =
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = thread; i < events; i += threads.length) {
                        audit.record(
                            AuditEvent.now(
                                tenant, AuditEvent.EXECUTION, "c", Map.of("id", id + ":" + i)));
                      }
                    });
      }
      for (Thread t : threads) {
        t.join();
      }
    }
  }
}
