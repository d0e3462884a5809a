package dev.mosaic.host.audit;

import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One tenant's audit log: JSON Lines in the event format of docs/audit.md, each line extended with
 * {@code seq} (its line number) and {@code prev_hash}, the SHA-256 of the previous line's bytes
 * ({@link AuditChain#GENESIS} for the first). {@link AuditLogVerifier} checks the chain and, with
 * {@link AuditLogOptions#sealedWith sealing}, the seals (docs/audit.md).
 *
 * <p>Any number of writers, in this process and others, may append to one file: each append takes
 * an OS lock on the file ({@link FileChannel#lock()}), reads the last line again (seeking from the
 * end; the log is never read whole) and continues the chain from it. An event is written to the
 * operating system before {@link #record} returns; events that {@link AuditLogOptions#sync}
 * selects, and every seal, are forced to disk first.
 *
 * <p>The file is written by one thread of this log's own that nothing interrupts; callers wait for
 * it without reacting to interrupts (and keep their interrupt status), so a guest timeout that
 * interrupts the calling thread cannot close the file or lose the event.
 */
public final class JsonLinesAuditLog implements AuditSink, AutoCloseable {
  /** The longest line read back from the end of a log. */
  static final int MAX_LINE = 1 << 20;

  private static final Map<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();
  private static final int BATCH = 1024;

  private final Path file;
  private final Path stateFile;
  private final String tenant;
  private final AuditLogOptions options;
  private final ReentrantLock processLock;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;

  // Owned by the writer thread.
  private FileChannel channel;
  private long knownSize = -1;
  private long lastSeq;
  private String lastHash;
  private SealState seal;

  /**
   * An unsealed log at {@code file}; see {@link #JsonLinesAuditLog(Path, String, AuditLogOptions)}.
   */
  public JsonLinesAuditLog(Path file) {
    this(file, tenantOf(file), AuditLogOptions.defaults());
  }

  /**
   * Opens (or creates) the log at {@code file}; an existing log is continued from its last line.
   *
   * @param tenant the tenant named in seal lines and whose first epoch key seals this log
   * @throws UncheckedIOException when the file cannot be opened
   */
  public JsonLinesAuditLog(Path file, String tenant, AuditLogOptions options) {
    this.file = file.toAbsolutePath().normalize();
    this.stateFile = SealState.fileOf(this.file);
    this.tenant = Objects.requireNonNull(tenant, "tenant");
    this.options = Objects.requireNonNull(options, "options");
    this.processLock = PROCESS_LOCKS.computeIfAbsent(this.file, f -> new ReentrantLock());
    this.writer =
        Thread.ofPlatform().daemon().name("mosaic-audit-" + tenant).unstarted(this::writeLoop);
    Pending open = new Pending(Kind.OPEN, null);
    queue.add(open);
    writer.start();
    try {
      open.await();
    } catch (RuntimeException e) {
      synchronized (queue) {
        closed = true;
        queue.add(new Pending(Kind.STOP, null));
      }
      throw e;
    }
  }

  private static String tenantOf(Path file) {
    Path parent = file.toAbsolutePath().normalize().getParent();
    return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
  }

  public Path file() {
    return file;
  }

  @Override
  public void record(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    Pending p = new Pending(Kind.EVENT, event);
    synchronized (queue) {
      if (closed) {
        throw new IllegalStateException("audit log " + file + " is closed");
      }
      queue.add(p);
    }
    p.await();
  }

  /** Seals what is unsealed (when sealing), forces the file to disk and closes it. */
  @Override
  public void close() {
    Pending last = new Pending(Kind.CLOSE, null);
    synchronized (queue) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(last);
      queue.add(new Pending(Kind.STOP, null));
    }
    try {
      last.await();
    } finally {
      joinUninterruptibly(writer);
    }
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      batch.clear();
      batch.add(takeUninterruptibly());
      queue.drainTo(batch, BATCH - 1);
      int i = 0;
      while (i < batch.size()) {
        Pending p = batch.get(i);
        switch (p.kind) {
          case OPEN -> {
            run(List.of(p), this::open);
            i++;
          }
          case CLOSE -> {
            run(List.of(p), () -> append(List.of(), true));
            i++;
          }
          case STOP -> {
            shutdown();
            return;
          }
          case EVENT -> {
            int j = i;
            while (j < batch.size() && batch.get(j).kind == Kind.EVENT) {
              j++;
            }
            List<Pending> events = batch.subList(i, j);
            run(events, () -> append(events, false));
            i = j;
          }
        }
      }
    }
  }

  private interface Io {
    void run() throws IOException;
  }

  private void run(List<Pending> waiting, Io io) {
    try {
      io.run();
      waiting.forEach(p -> p.done.complete(null));
    } catch (IOException | RuntimeException e) {
      // The next append reads the file's end again instead of trusting what this one left.
      knownSize = -1;
      RuntimeException failure =
          e instanceof IOException x
              ? new UncheckedIOException("cannot append to audit log " + file, x)
              : (RuntimeException) e;
      waiting.forEach(p -> p.done.completeExceptionally(failure));
    }
  }

  private Pending takeUninterruptibly() {
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        // Nothing may stop this thread but close(); an interrupt is ignored.
      }
    }
  }

  private void open() throws IOException {
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  private void shutdown() {
    if (seal != null) {
      seal.erase();
      seal = null;
    }
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // The file was forced at the last append or seal; nothing is left to lose.
    }
  }

  private void append(List<Pending> work, boolean closing) throws IOException {
    if (channel == null || !channel.isOpen()) {
      open();
    }
    processLock.lock();
    try (FileLock lock = channel.lock()) {
      long size = channel.size();
      if (size != knownSize) {
        reload(size);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(256 * work.size() + 64);
      boolean force = false;
      for (Pending p : work) {
        byte[] line = AuditLine.encode(p.event, lastSeq + 1, lastHash);
        out.write(line);
        out.write('\n');
        lastSeq++;
        lastHash = AuditChain.hash(line);
        force |= options.sync().test(p.event);
        if (seal != null && lastSeq - seal.sealedSeq() >= options.sealEvery()) {
          flush(out);
          seal("count");
        }
      }
      if (closing && seal != null && lastSeq > seal.sealedSeq()) {
        flush(out);
        seal("close");
      }
      flush(out);
      if (force || closing) {
        channel.force(false);
      }
    } finally {
      processLock.unlock();
    }
  }

  private void flush(ByteArrayOutputStream out) throws IOException {
    if (out.size() == 0) {
      return;
    }
    ByteBuffer buffer = ByteBuffer.wrap(out.toByteArray());
    long position = knownSize;
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
    knownSize = position;
    out.reset();
  }

  /** Writes a seal line over everything before it, forces it, then moves to the next epoch. */
  private void seal(String reason) throws IOException {
    String timestamp = AuditLine.timestamp(AuditEvent.now(tenant, "", "", Map.of()));
    long seq = lastSeq + 1;
    long first = seal.sealedSeq() + 1;
    Map<String, String> details = new TreeMap<>();
    details.put("epoch", Long.toString(seal.epoch()));
    details.put("first", Long.toString(first));
    details.put("reason", reason);
    details.put(
        "mac",
        AuditSeal.mac(seal.key(), tenant, seal.epoch(), first, seq, timestamp, lastHash, reason));
    byte[] line =
        AuditLine.encode(timestamp, tenant, AuditSeal.EVENT_TYPE, "", details, seq, lastHash);
    ByteArrayOutputStream out = new ByteArrayOutputStream(line.length + 1);
    out.write(line);
    out.write('\n');
    flush(out);
    channel.force(false);
    lastSeq = seq;
    lastHash = AuditChain.hash(line);
    advance(seq);
  }

  private void advance(long sealedSeq) {
    SealState next = new SealState(seal.epoch() + 1, AuditSeal.evolve(seal.key()), sealedSeq);
    next.write(stateFile);
    seal = next;
  }

  /** Another writer changed the file (or this is the first append): start again from its end. */
  private void reload(long size) throws IOException {
    long end = size;
    if (end > 0 && lastByte(end) != '\n') {
      // A line without its newline was never acknowledged: its writer died while writing it.
      end = LogTail.lineStart(channel, end);
      channel.truncate(end);
    }
    knownSize = end;
    AuditLine tail = null;
    if (end == 0) {
      lastSeq = 0;
      lastHash = AuditChain.GENESIS;
    } else {
      byte[] bytes = LogTail.lastLine(channel, end);
      String[] problem = new String[1];
      tail = AuditLine.parse(bytes, 0, bytes.length, problem);
      if (tail == null) {
        throw new IllegalStateException(
            "the last line of audit log "
                + file
                + " is not an audit line ("
                + problem[0]
                + "); check it with `mosaic audit verify`");
      }
      // A log written before lines carried `seq` is numbered by counting its lines, once.
      lastSeq = tail.seq() > 0 ? tail.seq() : LogTail.countLines(channel, end);
      lastHash = AuditChain.hash(bytes);
    }
    if (options.sealed()) {
      reloadSeal(tail, end);
    }
  }

  private void reloadSeal(AuditLine tail, long end) throws IOException {
    if (seal != null) {
      seal.erase();
      seal = null;
    }
    SealState stored = SealState.read(stateFile);
    AuditLine lastSeal = tail != null && tail.isSeal() ? tail : null;
    if (lastSeal == null && stored == null && end > 0) {
      lastSeal = LogTail.lastSeal(channel, end);
    }
    if (stored != null && stored.sealedSeq() > lastSeq) {
      // The log is shorter than its last seal: it was cut. Keep the epochs going, so the next
      // seal shows the missing ones to the verifier, and count lines from the log's end.
      stored = new SealState(stored.epoch(), stored.key(), lastSeq);
    }
    if (lastSeal == null) {
      seal = stored != null ? stored : new SealState(0, options.keys().initialKey(tenant), 0);
      if (stored == null) {
        seal.write(stateFile);
      }
      return;
    }
    long epoch = lastSeal.number("epoch");
    if (epoch < 0 || epoch >= 10_000_000) {
      throw new IllegalStateException(
          "the last seal of audit log "
              + file
              + " has no usable epoch; check it with `mosaic audit verify`");
    }
    if (stored != null && stored.epoch() > epoch) {
      seal = stored;
      return;
    }
    // The seal was written but the state not advanced (the writer stopped in between), or the
    // state is gone: continue from the seal's epoch.
    byte[] key;
    long from;
    if (stored != null) {
      key = stored.key();
      from = stored.epoch();
    } else {
      key = options.keys().initialKey(tenant);
      from = 0;
    }
    for (long e = from; e <= epoch; e++) {
      key = AuditSeal.evolve(key);
    }
    seal = new SealState(epoch + 1, key, lastSeal.seq());
    seal.write(stateFile);
  }

  private byte lastByte(long end) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    channel.read(one, end - 1);
    return one.get(0);
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private enum Kind {
    OPEN,
    EVENT,
    CLOSE,
    STOP
  }

  /** A request to the writer thread: an event to append, or opening or closing the log. */
  private static final class Pending {
    final Kind kind;
    final AuditEvent event;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Pending(Kind kind, AuditEvent event) {
      this.kind = kind;
      this.event = event;
    }

    /** Waits until written; an interrupt does not end the wait and stays set afterwards. */
    void await() {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            done.get();
            return;
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
              throw r;
            }
            throw new IllegalStateException(e.getCause());
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
