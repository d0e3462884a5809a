package dev.mosaic.interpreter.compiler;

import dev.mosaic.interpreter.model.CheckedScript;
import dev.mosaic.interpreter.wit.WitFunctions;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.WitWorld;

/**
 * Compiler stage: a checked script to a {@link Plan}. Everything is taken in declaration order and
 * rule patterns are sorted, so the same script always gives the same plan and the same bytes.
 */
public final class PlanBuilder {
  private PlanBuilder() {}

  static Plan build(CheckedScript checked) {
    return new Plan(
        Plan.FORMAT_VERSION,
        checked.tenant(),
        checked.components().stream()
            .map(
                c ->
                    new Component(
                        c.name(),
                        c.digest(),
                        c.imports(),
                        c.exports(),
                        c.signature(),
                        c.world() == null ? WitWorld.NONE : WitFunctions.witWorld(c.world())))
            .toList(),
        checked.bindings(),
        checked.policy(),
        checked.limits(),
        checked.entryPoints());
  }
}
