/**
 * Rules written once and used by both the script checker and the plan validator: binding and grant
 * rules (PlanRules), policy evaluation (PolicyEngine), secret names and globs. Internal: exported
 * only to the project's modules. May depend on dev.mosaic.plan, plan.codec, plan.diag and
 * plan.wasm.
 */
package dev.mosaic.plan.rules;
