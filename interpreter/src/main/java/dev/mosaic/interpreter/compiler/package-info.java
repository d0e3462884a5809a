/**
 * The compiler: Compiler.compileWithin lists the pipeline (Loader parses and loads, then
 * TenantStage, InterfaceStage, ComponentStage, SignatureStage, Checker, CompositionStage,
 * PlanBuilder, and a last guard by the plan validator); each stage is one class here. Internal:
 * exported only to dev.mosaic.cli. Fourteen classes. May depend on interpreter.model,
 * interpreter.diag, dev.mosaic.dsl, dev.mosaic.plan, dev.mosaic.host.abi and dev.mosaic.hsm.
 */
package dev.mosaic.interpreter.compiler;
