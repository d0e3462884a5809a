/**
 * The plan format and its public entry points: the immutable records of a plan (Plan, Component,
 * Binding, PolicyRule, Capabilities, TenantLimits, FunctionDecl, FuncType, EntryPoint,
 * SignatureRequirement), SystemLimits, PlanCodec (encode and decode), PlanValidator (the one way to
 * a ValidatedPlan, whose constructor stays package-private here), WitWorld and MosaicException.
 * Exported API. Sixteen classes on purpose: the format's records are what an embedder reads, and
 * PlanValidator must sit beside ValidatedPlan. May depend on every other package of this module,
 * never on another Mosaic module.
 */
package dev.mosaic.plan;
