/**
 * The phases of plan validation, one class each behind {@link
 * dev.mosaic.plan.validate.ValidationPhase}: schema, blobs, graph, bindings. {@link
 * dev.mosaic.plan.PlanValidator} is the public entry that runs them in order and alone makes a
 * {@code ValidatedPlan}. Internal, not exported. May depend on dev.mosaic.plan, plan.codec,
 * plan.diag, plan.rules, plan.store, plan.verify, plan.wasm and plan.audit.
 */
package dev.mosaic.plan.validate;
