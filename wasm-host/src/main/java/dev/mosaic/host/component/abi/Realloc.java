package dev.mosaic.host.component.abi;

/**
 * A guest's {@code cabi_realloc}: {@code (old ptr, old size, alignment, new size) -> ptr}. The
 * canonical ABI calls it to allocate the memory it lowers strings and lists into and checks the
 * pointer it returns.
 */
@FunctionalInterface
public interface Realloc {
  long realloc(long oldPtr, long oldSize, int alignment, long newSize);
}
