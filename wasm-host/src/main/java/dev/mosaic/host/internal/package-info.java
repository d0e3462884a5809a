/**
 * The host's machinery behind Composition: the composition's parts (InstantiationOrder,
 * MemoryBudget, CompositionLinker, AbiAdapters, CompositionLifecycle), deadlines and the watchdog,
 * the module rewriters (memory cap, start function) with their shared LEB128 code, prepared-module
 * caching, module inspection, the inner modules of components and the Guest wrapper. Internal:
 * exported only to dev.mosaic.interpreter (ModuleInspector). May depend on dev.mosaic.host and
 * dev.mosaic.plan.
 */
package dev.mosaic.host.internal;
