package dev.mosaic.host.component.abi;

/** Runs when the last owner of a resource drops it; receives the resource's representation. */
@FunctionalInterface
public interface Destructor {
  void destroy(int rep);
}
