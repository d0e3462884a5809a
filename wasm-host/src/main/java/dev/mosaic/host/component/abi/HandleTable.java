package dev.mosaic.host.component.abi;

import dev.mosaic.host.component.ResourceType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The resource handles of one component instance (CanonicalABI.md, "Table State"): index 0 is never
 * used, freed indices are reused, and the table holds at most {@link #MAX_LENGTH} entries. Every
 * failed lookup is a guest fault (E9001).
 */
public final class HandleTable {
  public static final int MAX_LENGTH = (1 << 28) - 1;

  /** One handle: an owning or borrowing reference to a resource's representation. */
  public static final class Handle {
    public final ResourceType type;
    public final int rep;
    public final boolean own;
    public int lends;

    Handle(ResourceType type, int rep, boolean own) {
      this.type = type;
      this.rep = rep;
      this.own = own;
    }

    public ResourceType type() {
      return type;
    }

    public int rep() {
      return rep;
    }

    public boolean own() {
      return own;
    }
  }

  private final List<Handle> entries = new ArrayList<>();
  private final ArrayDeque<Integer> free = new ArrayDeque<>();
  private final int maxLength;

  public HandleTable() {
    this(MAX_LENGTH);
  }

  /** A table that holds at most {@code maxLength} handles (tests use small tables). */
  public HandleTable(int maxLength) {
    this.maxLength = Math.min(maxLength, MAX_LENGTH);
    entries.add(null);
  }

  public int add(ResourceType type, int rep, boolean own) {
    Handle h = new Handle(type, rep, own);
    if (!free.isEmpty()) {
      int i = free.pop();
      entries.set(i, h);
      return i;
    }
    int i = entries.size();
    if (i > maxLength) {
      throw CanonicalAbi.trap("the handle table is full (" + maxLength + " handles)");
    }
    entries.add(h);
    return i;
  }

  public Handle get(long i) {
    if (i <= 0 || i >= entries.size() || entries.get((int) i) == null) {
      throw CanonicalAbi.trap("handle " + i + " is not in the table");
    }
    return entries.get((int) i);
  }

  public Handle remove(long i) {
    Handle h = get(i);
    entries.set((int) i, null);
    free.push((int) i);
    return h;
  }

  /** The number of live handles. */
  public int live() {
    return entries.size() - 1 - free.size();
  }
}
