package dev.mosaic.host.capability;

import dev.mosaic.plan.audit.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Standard output or error of one WASI component. With the {@code log} capability granted, each
 * line goes to the log capability's entry point ({@link BasicCapabilities#log}), so it is prefixed,
 * escaped and limited as {@code mosaic.log} lines are; a line longer than the log's line limit is
 * cut there. Without it the output is discarded and the host's log gets one notice saying so, on
 * the first write. The first write of each stream is audited as a {@code log} capability event,
 * granted or discarded.
 */
public final class WasiOutput extends OutputStream {
  private final CapabilityContext ctx;
  private final String stream;
  private final boolean granted;
  private final AtomicBoolean noticed;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean written;
  private Runnable onClose;

  /**
   * @param noticed shared by a component's two streams, so that discarding says so once
   */
  public WasiOutput(CapabilityContext ctx, String stream, boolean granted, AtomicBoolean noticed) {
    this.ctx = ctx;
    this.stream = stream;
    this.granted = granted;
    this.noticed = noticed;
  }

  /** What closing the stream (the composition ends) also releases: its component's open files. */
  public synchronized void onClose(Runnable release) {
    onClose = release;
  }

  @Override
  public void close() {
    Runnable release;
    synchronized (this) {
      release = onClose;
      onClose = null;
    }
    if (release != null) {
      release.run();
    }
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    if (len <= 0) {
      return;
    }
    if (!written) {
      written = true;
      first();
    }
    if (!granted) {
      return;
    }
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n') {
        emit();
      } else if (line.size() < BasicCapabilities.MAX_LOG_BYTES) {
        line.write(b[i]);
      }
    }
  }

  /** Emits a last line that has no newline (called when a call into the component returns). */
  public synchronized void drain() {
    if (line.size() > 0) {
      emit();
    }
  }

  private void emit() {
    byte[] bytes = line.toByteArray();
    line.reset();
    BasicCapabilities.log(ctx, bytes);
  }

  private void first() {
    ctx.audit(
        AuditEvent.CAPABILITY,
        Map.of(
            "capability",
            "log",
            "function",
            "wasi.fd_write",
            "stream",
            stream,
            "result",
            granted ? "granted" : "discarded"));
    if (!granted && noticed.compareAndSet(false, true)) {
      ctx.log.accept(
          "["
              + ctx.component
              + "] note: standard output and error of this WASI component are discarded; grant"
              + " it `log` to see them");
    }
  }
}
