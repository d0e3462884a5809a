/**
 * The compiler: Compiler.compileWithin lists the pipeline (Loader parses and loads, then
 * TenantStage, InterfaceStage, ComponentStage, SignatureStage, Checker, CompositionStage,
 * PlanBuilder, and a last guard by the plan validator); each stage is one class here. Checker
 * coordinates one class per job, sharing a CheckScope: BindingChecker, PolicyChecker, GrantChecker
 * and ExpressionTyper; the rules the plan validator applies too (bindings to capabilities, dangling
 * imports, rule patterns, capability grants) are called from dev.mosaic.plan.rules PlanRules.
 * Internal: exported only to dev.mosaic.cli. Nineteen classes, over fifteen because the checker's
 * parts share the checker's package-private model (Located, the stages' results) and would
 * otherwise need it made public. May depend on interpreter.model, interpreter.diag, dev.mosaic.dsl,
 * dev.mosaic.plan, dev.mosaic.host.abi and dev.mosaic.hsm.
 */
package dev.mosaic.interpreter.compiler;
