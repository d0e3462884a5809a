package dev.mosaic.hsm;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A secret value. Its {@code toString} never shows the value; {@link #close()} wipes the bytes. Use
 * it in try-with-resources and copy the value out only where it must go. A secret that becomes
 * unreachable without being closed is wiped by a cleaner, so a forgotten {@code close} bounds the
 * value's life to the next garbage collection rather than the life of the heap.
 */
public final class Secret implements AutoCloseable {
  private static final Cleaner WIPER = Cleaner.create();

  private final String name;
  private final byte[] value;
  private final Cleaner.Cleanable wipe;
  private volatile boolean wiped;

  /** Takes ownership of {@code value}; the caller must not keep or reuse the array. */
  public Secret(String name, byte[] value) {
    this.name = name;
    this.value = value;
    this.wipe = WIPER.register(this, new Wipe(value));
  }

  /** The secret's name (not secret). */
  public String name() {
    return name;
  }

  /**
   * A copy of the value; the caller wipes it when done.
   *
   * @throws IllegalStateException when the secret was already wiped
   */
  public byte[] copyValue() {
    if (wiped) {
      throw new IllegalStateException("secret `" + name + "` was wiped");
    }
    return value.clone();
  }

  /**
   * Applies {@code use} to a copy of the value and wipes the copy afterwards, also when {@code use}
   * throws. {@code use} must not keep the array.
   */
  public <R> R withValue(Function<byte[], R> use) {
    byte[] copy = copyValue();
    try {
      return use.apply(copy);
    } finally {
      Arrays.fill(copy, (byte) 0);
    }
  }

  public int length() {
    return value.length;
  }

  public boolean isWiped() {
    return wiped;
  }

  /** Overwrites the value with zeros. */
  @Override
  public void close() {
    wiped = true;
    wipe.clean();
  }

  @Override
  public String toString() {
    return "Secret[" + name + ", " + (wiped ? "wiped" : "***") + "]";
  }

  /**
   * Zeroes an array; holds no reference to the {@link Secret} so that it can become unreachable.
   */
  private static final class Wipe implements Runnable {
    private final byte[] bytes;

    Wipe(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public void run() {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
