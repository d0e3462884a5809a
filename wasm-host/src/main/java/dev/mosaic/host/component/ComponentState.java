package dev.mosaic.host.component;

import dev.mosaic.host.component.abi.CanonicalAbi;
import dev.mosaic.host.component.abi.Destructor;
import dev.mosaic.host.component.abi.HandleTable;
import dev.mosaic.plan.MosaicException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The runtime state of one component instance that the canonical ABI needs: its handle table, the
 * resource types it implements, and the destructor of each resource type it can hold.
 *
 * <p>The {@code canon resource.new/rep/drop} built-ins are its methods, for an engine binding to
 * call when the guest's core code calls them.
 */
public final class ComponentState {
  private final HandleTable handles;
  private final Set<ResourceType> implemented;
  private final Map<ResourceType, Destructor> destructors;
  private int borrows;

  /**
   * @param handles the instance's handle table
   * @param implemented resource types this instance defines (their handles lower to the bare rep)
   * @param destructors the destructor of each resource type, whoever implements it; a type without
   *     one has no destructor
   */
  public ComponentState(
      HandleTable handles,
      Set<ResourceType> implemented,
      Map<ResourceType, Destructor> destructors) {
    this.handles = handles;
    this.implemented = Collections.newSetFromMap(new IdentityHashMap<>());
    this.implemented.addAll(implemented);
    this.destructors = new IdentityHashMap<>(destructors);
  }

  /** Records that this instance defines {@code type}, with its destructor (or none). */
  void implement(ResourceType type, Destructor destructor) {
    implemented.add(type);
    if (destructor != null) {
      destructors.put(type, destructor);
    }
  }

  /** Gives {@code type}, which the host implements, the destructor of its owning handles. */
  void destructor(ResourceType type, Destructor destructor) {
    destructors.put(type, destructor);
  }

  public HandleTable handles() {
    return handles;
  }

  public boolean implementsType(ResourceType type) {
    return implemented.contains(type);
  }

  public Destructor destructor(ResourceType type) {
    return destructors.get(type);
  }

  public void borrowed() {
    borrows++;
  }

  /** {@code canon resource.new}: a new owning handle for a representation. */
  public int resourceNew(ResourceType type, int rep) {
    requireImplemented(type, "resource.new");
    return handles.add(type, rep, true);
  }

  /** {@code canon resource.rep}: the representation behind a handle. */
  public int resourceRep(ResourceType type, int handle) {
    requireImplemented(type, "resource.rep");
    HandleTable.Handle h = handles.get(Integer.toUnsignedLong(handle));
    if (h.type != type) {
      throw CanonicalAbi.trap("handle " + handle + " is a `" + h.type + "`, not a `" + type + "`");
    }
    return h.rep;
  }

  /**
   * {@code canon resource.drop}: removes a handle; dropping an owning handle runs the resource's
   * destructor, dropping a borrowed one ends the borrow.
   */
  public void resourceDrop(ResourceType type, int handle) {
    HandleTable.Handle h = handles.get(Integer.toUnsignedLong(handle));
    if (h.type != type) {
      throw CanonicalAbi.trap("handle " + handle + " is a `" + h.type + "`, not a `" + type + "`");
    }
    if (h.lends != 0) {
      throw CanonicalAbi.trap("handle " + handle + " is lent out and cannot be dropped");
    }
    handles.remove(Integer.toUnsignedLong(handle));
    if (h.own) {
      Destructor d = destructors.get(type);
      if (d != null) {
        d.destroy(h.rep);
      }
    } else {
      borrows--;
    }
  }

  /**
   * Ends a call into this instance: the callee must have dropped every handle it was lent.
   *
   * @throws MosaicException E9001 when borrowed handles are still live
   */
  public void finishCall() {
    if (borrows > 0) {
      int n = borrows;
      borrows = 0;
      throw CanonicalAbi.trap("the call returned without dropping " + n + " borrowed handle(s)");
    }
  }

  private void requireImplemented(ResourceType type, String what) {
    if (!implementsType(type)) {
      throw CanonicalAbi.trap(what + " on `" + type + "`, which this instance does not define");
    }
  }
}
