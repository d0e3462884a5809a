package dev.mosaic.hsm;

import java.util.Arrays;

/**
 * A secret value. Its {@code toString} never shows the value; {@link #close()} wipes the bytes. Use
 * it in try-with-resources and copy the value out only where it must go.
 */
public final class Secret implements AutoCloseable {
  private final String name;
  private final byte[] value;
  private volatile boolean wiped;

  /** Takes ownership of {@code value}; the caller must not keep or reuse the array. */
  public Secret(String name, byte[] value) {
    this.name = name;
    this.value = value;
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

  public int length() {
    return value.length;
  }

  public boolean isWiped() {
    return wiped;
  }

  /** Overwrites the value with zeros. */
  @Override
  public void close() {
    Arrays.fill(value, (byte) 0);
    wiped = true;
  }

  @Override
  public String toString() {
    return "Secret[" + name + ", " + (wiped ? "wiped" : "***") + "]";
  }
}
