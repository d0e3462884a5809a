package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.dsl.ast.Item;

/** Resolves an interface block with the compiler's own stage, for tests in other packages. */
public final class InterfaceStageAccess {
  private InterfaceStageAccess() {}

  public static InterfaceModel resolve(Item.Interface block) {
    Problems problems = new Problems();
    InterfaceModel m = new InterfaceStage(problems).resolve("i.mosaic", block);
    assertThat(problems.list()).isEmpty();
    return m;
  }
}
