package dev.mosaic.host;

/**
 * A guest broke the ABI inside a host call (a pointer outside its memory, a missing {@code alloc},
 * an {@code alloc} that returned garbage). The call traps with E9001; the host carries on.
 */
public final class GuestFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GuestFault(String message) {
    super(message, null, false, false);
  }
}
