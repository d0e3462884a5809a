package dev.mosaic.host.component;

import dev.mosaic.host.component.abi.Destructor;
import dev.mosaic.plan.MosaicException;

/**
 * A resource as the host holds it: its type and its representation (the implementing instance's
 * i32). An owned value must be dropped or passed on exactly once; dropping it runs the
 * implementation's destructor. A borrowed value is valid for the call that received it.
 */
public final class ResourceValue {
  private final ResourceType type;
  private final int rep;
  private final boolean owned;
  private final Destructor destructor;
  private boolean gone;

  public ResourceValue(ResourceType type, int rep, boolean owned, Destructor destructor) {
    this.type = type;
    this.rep = rep;
    this.owned = owned;
    this.destructor = destructor;
  }

  /** An owned resource that the host implements, e.g. a host object's id. */
  public static ResourceValue hostOwned(ResourceType type, int rep, Destructor destructor) {
    return new ResourceValue(type, rep, true, destructor);
  }

  public ResourceType type() {
    return type;
  }

  public int rep() {
    return rep;
  }

  public boolean owned() {
    return owned;
  }

  /** Whether it was dropped or its ownership passed to a guest. */
  public synchronized boolean isGone() {
    return gone;
  }

  /**
   * Drops an owned resource: its destructor runs once.
   *
   * @throws MosaicException E9004 when it is borrowed, already dropped or passed on
   */
  public void drop() {
    take("drop");
    if (destructor != null) {
      destructor.destroy(rep);
    }
  }

  /** Marks ownership as passed on (lowered as {@code own}). */
  public void moveOut() {
    take("pass on");
  }

  private synchronized void take(String what) {
    if (!owned) {
      throw new MosaicException(
          "E9004", "cannot " + what + " a borrowed `" + type + "` resource; only its owner can");
    }
    if (gone) {
      throw new MosaicException(
          "E9004", "cannot " + what + " a `" + type + "` resource that was dropped or passed on");
    }
    gone = true;
  }

  @Override
  public String toString() {
    return (owned ? "own<" : "borrow<") + type + ">(" + rep + ")";
  }
}
