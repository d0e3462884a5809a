package dev.mosaic.interpreter.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.dsl.ast.Item;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.model.InterfaceModel;

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
