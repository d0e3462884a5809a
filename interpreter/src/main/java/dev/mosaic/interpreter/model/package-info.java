/**
 * What the compiler produces besides the plan: the checked script and components, interface models,
 * WIT types and the ABI view of them. Exported API (CompileResult returns it). May depend on
 * dev.mosaic.plan and dev.mosaic.dsl.ast.
 */
package dev.mosaic.interpreter.model;
