package dev.mosaic.host.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.component.abi.ByteArrayMemory;
import dev.mosaic.host.component.abi.CanonicalAbi;
import dev.mosaic.host.component.abi.HandleTable;
import dev.mosaic.host.component.abi.Layouts;
import dev.mosaic.plan.MosaicException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Resource handle tables, own and borrow, and destructors (CanonicalABI.md "Resource State"). */
class ResourceHandlesTest {
  private final ResourceType counter = new ResourceType("counter");
  private final ResourceType file = new ResourceType("file");
  private final List<Integer> destroyed = new ArrayList<>();
  private final ByteArrayMemory memory = new ByteArrayMemory(4096, 1024);

  /** An instance that implements {@code counter}; its destructor records the rep. */
  private ComponentState guest() {
    return new ComponentState(new HandleTable(), Set.of(counter), Map.of(counter, destroyed::add));
  }

  private CanonicalAbi abi(ComponentState state) {
    return new CanonicalAbi(state, memory, memory, StringEncoding.UTF8, new Layouts(), 1 << 20);
  }

  private static void assertCode(Runnable r, String code, String message) {
    assertThatThrownBy(r::run)
        .isInstanceOf(MosaicException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(code);
  }

  @Test
  void anOwnedResourceMovesOutOfTheGuestAndItsDestructorRunsOnce() {
    ComponentState state = guest();
    int handle = state.resourceNew(counter, 42);
    assertThat(handle).isEqualTo(1);
    CanonicalAbi abi = abi(state);
    ResourceValue v =
        (ResourceValue)
            abi.liftFlat(
                new CanonicalAbi.FlatReader(List.of(handle)), new WitType.OwnType(counter));
    assertThat(v.rep()).isEqualTo(42);
    assertThat(v.owned()).isTrue();
    assertThat(state.handles().live()).isZero();
    v.drop();
    assertThat(destroyed).containsExactly(42);
    assertCode(v::drop, "E9004", "dropped or passed on");
    assertThat(destroyed).containsExactly(42);
  }

  @Test
  void passingOwnershipBackGivesTheGuestAFreshHandleAndConsumesTheHostValue() {
    ComponentState state = guest();
    CanonicalAbi abi = abi(state);
    ResourceValue v =
        (ResourceValue)
            abi.liftFlat(
                new CanonicalAbi.FlatReader(List.of(state.resourceNew(counter, 7))),
                new WitType.OwnType(counter));
    List<Object> flat = abi.lowerFlat(v, new WitType.OwnType(counter));
    assertThat(flat).containsExactly(1);
    assertThat(v.isGone()).isTrue();
    assertThat(state.resourceRep(counter, 1)).isEqualTo(7);
    assertCode(() -> abi.lowerFlat(v, new WitType.OwnType(counter)), "E9004", "passed on");
    // The guest drops its handle: its destructor runs.
    state.resourceDrop(counter, 1);
    assertThat(destroyed).containsExactly(7);
  }

  @Test
  void aBorrowOfAResourceTheCalleeImplementsIsItsRep() {
    ComponentState state = guest();
    CanonicalAbi abi = abi(state);
    ResourceValue v =
        (ResourceValue)
            abi.liftFlat(
                new CanonicalAbi.FlatReader(List.of(state.resourceNew(counter, 99))),
                new WitType.OwnType(counter));
    assertThat(abi.lowerFlat(v, new WitType.BorrowType(counter))).containsExactly(99);
    assertThat(state.handles().live()).isZero();
    state.finishCall();
    assertThat(v.isGone()).isFalse();
  }

  @Test
  void aBorrowedHandleMustBeDroppedBeforeTheCallReturns() {
    ComponentState state = guest();
    CanonicalAbi abi = abi(state);
    ResourceValue host = ResourceValue.hostOwned(file, 5, rep -> destroyed.add(-rep));
    int handle = (Integer) abi.lowerFlat(host, new WitType.BorrowType(file)).getFirst();
    assertThat(state.handles().live()).isEqualTo(1);
    assertCode(state::finishCall, "E9001", "without dropping 1 borrowed handle");
    int again = (Integer) abi.lowerFlat(host, new WitType.BorrowType(file)).getFirst();
    state.resourceDrop(file, again);
    state.finishCall();
    // Dropping a borrowed handle ends the borrow; it runs no destructor.
    assertThat(destroyed).isEmpty();
    assertThat(handle).isPositive();
  }

  @Test
  void aLentHandleCannotBeDroppedOrMovedUntilTheCallEnds() {
    ComponentState state = guest();
    int handle = state.resourceNew(counter, 3);
    CanonicalAbi abi = abi(state);
    ResourceValue borrowed =
        (ResourceValue)
            abi.liftFlat(
                new CanonicalAbi.FlatReader(List.of(handle)), new WitType.BorrowType(counter));
    assertThat(borrowed.owned()).isFalse();
    assertCode(() -> state.resourceDrop(counter, handle), "E9001", "lent out");
    assertCode(
        () ->
            abi.liftFlat(
                new CanonicalAbi.FlatReader(List.of(handle)), new WitType.OwnType(counter)),
        "E9001",
        "lent out");
    assertCode(borrowed::drop, "E9004", "borrowed");
    abi.finish();
    state.resourceDrop(counter, handle);
    assertThat(destroyed).containsExactly(3);
  }

  @Test
  void handlesAreCheckedForIndexAndType() {
    ComponentState state = guest();
    CanonicalAbi abi = abi(state);
    assertCode(() -> state.resourceRep(counter, 0), "E9001", "handle 0 is not in the table");
    assertCode(() -> state.resourceRep(counter, 12), "E9001", "handle 12 is not in the table");
    assertCode(() -> state.resourceDrop(counter, -1), "E9001", "not in the table");
    int h = state.resourceNew(counter, 1);
    assertCode(() -> state.resourceDrop(file, h), "E9001", "is a `counter`, not a `file`");
    assertCode(
        () -> abi.liftFlat(new CanonicalAbi.FlatReader(List.of(h)), new WitType.OwnType(file)),
        "E9001",
        "not a `file`");
    assertCode(() -> state.resourceNew(file, 1), "E9001", "does not define");
    ResourceValue other = ResourceValue.hostOwned(file, 1, null);
    assertCode(() -> abi.lowerFlat(other, new WitType.OwnType(counter)), "E9004", "got a `file`");
  }

  @Test
  void freedHandlesAreReusedAndTheTableIsBounded() {
    ComponentState state = new ComponentState(new HandleTable(3), Set.of(counter), Map.of());
    int a = state.resourceNew(counter, 10);
    int b = state.resourceNew(counter, 11);
    int c = state.resourceNew(counter, 12);
    assertThat(List.of(a, b, c)).containsExactly(1, 2, 3);
    assertCode(() -> state.resourceNew(counter, 13), "E9001", "handle table is full");
    state.resourceDrop(counter, b);
    assertThat(state.resourceNew(counter, 14)).isEqualTo(2);
    assertThat(state.resourceRep(counter, 2)).isEqualTo(14);
  }
}
