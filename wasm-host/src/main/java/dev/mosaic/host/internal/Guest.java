package dev.mosaic.host.internal;

import dev.mosaic.host.CallTimedOut;
import dev.mosaic.host.GuestFault;
import dev.mosaic.host.abi.AbiDeclarations;
import dev.mosaic.host.abi.AbiSignature;
import dev.mosaic.host.component.abi.GraalMemory;
import dev.mosaic.host.component.abi.MemoryCopier;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.FunctionDecl;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * One instantiated component: its exports, and reads and writes of its linear memory following
 * guest ABI v1 (strings and bytes as {@code (ptr, len)}, allocated by the guest's {@code alloc}).
 */
public final class Guest {
  private final Component component;
  private final AbiDeclarations abi;
  private final long maxTransfer;
  private final Deadline deadline;
  private final ConcurrentHashMap<String, Value> functions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AbiSignature> signatures = new ConcurrentHashMap<>();
  private Value exports;
  private Value memory;
  private GraalMemory writes;
  private Value alloc;

  /** Bytes copied into guest memory between two looks at the deadline. */
  public static final int CHUNK = 64 * 1024;

  public Guest(Component component, AbiDeclarations abi, long maxTransfer, Deadline deadline) {
    this.component = component;
    this.abi = abi;
    this.maxTransfer = maxTransfer;
    this.deadline = deadline;
  }

  /** The deadline of the call this guest runs in; host calls check it inside their loops. */
  public Deadline deadline() {
    return deadline;
  }

  public void bind(Value instanceExports) {
    this.exports = instanceExports;
    Value m = instanceExports.getMember("memory");
    this.memory = m != null && m.hasBufferElements() ? m : null;
    this.writes = memory == null ? null : new GraalMemory(memory);
    Value a = instanceExports.getMember("alloc");
    this.alloc = a != null && a.canExecute() ? a : null;
  }

  /**
   * Lets writes of {@link MemoryCopier#RUN} bytes or more go through a {@link MemoryCopier} in
   * {@code context}, the context this guest was instantiated in; it is instantiated at the first
   * such write, so a guest that never receives that much pays nothing.
   */
  public void copyIn(Context context) {
    if (memory != null) {
      writes = new GraalMemory(memory, new MemoryCopier.PerMemory(context).of(memory));
    }
  }

  public String id() {
    return component.id();
  }

  public Component component() {
    return component;
  }

  public AbiDeclarations abi() {
    return abi;
  }

  public boolean hasMemory() {
    return memory != null;
  }

  public boolean hasAlloc() {
    return alloc != null;
  }

  /**
   * The ABI signature of an export, worked out once: {@code export} finds its declaration (and
   * throws when there is none, so nothing is remembered for a name the component does not export).
   */
  public AbiSignature signature(String name, Supplier<FunctionDecl> export) {
    AbiSignature sig = signatures.get(name);
    if (sig == null) {
      sig = abi.signatureOf(export.get());
      signatures.put(name, sig);
    }
    return sig;
  }

  /** An exported function, looked up once. */
  public Value function(String name) {
    return functions.computeIfAbsent(name, n -> exports.getMember(n));
  }

  /** Copies {@code len} bytes at {@code ptr} out of guest memory. */
  public byte[] read(int ptr, int len) {
    checkRange(ptr, len);
    long start = Integer.toUnsignedLong(ptr);
    byte[] out = new byte[len];
    if (len > 0) {
      memory.readBuffer(start, out, 0, out.length);
    }
    return out;
  }

  /**
   * Checks that {@code (ptr, len)} lies inside guest memory and within the transfer limit.
   *
   * @throws GuestFault when it does not
   */
  public void checkRange(int ptr, int len) {
    if (memory == null) {
      throw new GuestFault("component `" + id() + "` passed memory but exports no `memory`");
    }
    long start = Integer.toUnsignedLong(ptr);
    long length = Integer.toUnsignedLong(len);
    if (length > maxTransfer) {
      throw new GuestFault(
          "component `" + id() + "` passed " + length + " bytes, over the limit of " + maxTransfer);
    }
    if (start + length > memory.getBufferSize()) {
      throw new GuestFault(
          "component `"
              + id()
              + "` passed ("
              + start
              + ", "
              + length
              + ") outside its memory of "
              + memory.getBufferSize()
              + " bytes");
    }
  }

  /**
   * Allocates space with the guest's {@code alloc}, copies {@code data} in, returns the pointer.
   */
  public int write(byte[] data) {
    if (memory == null || alloc == null) {
      throw new GuestFault(
          "component `" + id() + "` must export `memory` and `alloc` to receive bytes");
    }
    int ptr = alloc.execute(data.length).asInt();
    long start = Integer.toUnsignedLong(ptr);
    if (start + data.length > memory.getBufferSize()) {
      throw new GuestFault(
          "`alloc` of component `" + id() + "` returned " + start + ", outside its memory");
    }
    writeAt(ptr, data);
    return ptr;
  }

  /**
   * Copies {@code data} to {@code ptr}, which the caller has bounds-checked, looking at the call's
   * deadline every {@link #CHUNK} bytes (the engine has no bulk write, so 16 MiB take long): whole
   * 128-byte runs through the {@link MemoryCopier} once {@link #copyIn} has named the context, the
   * rest a word or a byte at a time. A write that does not fit after all is a {@link GuestFault}.
   *
   * @throws CallTimedOut when the deadline passes during the copy
   */
  public void writeAt(int ptr, byte[] data) {
    writeAt(ptr, data, data.length);
  }

  /** Copies the first {@code length} bytes of {@code data} to {@code ptr}; see above. */
  public void writeAt(int ptr, byte[] data, int length) {
    long start = Integer.toUnsignedLong(ptr);
    try {
      for (int i = 0; i < length; i += CHUNK) {
        if (i > 0) {
          deadline.check();
        }
        writes.write(start + i, data, i, Math.min(CHUNK, length - i));
      }
    } catch (IndexOutOfBoundsException e) {
      throw outside(start, length);
    }
  }

  private GuestFault outside(long at, int length) {
    return new GuestFault(
        "component `"
            + id()
            + "` was written ("
            + at
            + ", "
            + length
            + ") outside its memory of "
            + memory.getBufferSize()
            + " bytes");
  }

  /** Writes {@code data} into guest memory and returns {@code ptr << 32 | len}. */
  public long writePacked(byte[] data) {
    return pack(write(data), data.length);
  }

  /** Reads the bytes named by a packed {@code ptr << 32 | len} result. */
  public byte[] readPacked(long packed) {
    return read((int) (packed >>> 32), (int) packed);
  }

  static long pack(int ptr, int len) {
    return (Integer.toUnsignedLong(ptr) << 32) | Integer.toUnsignedLong(len);
  }
}
