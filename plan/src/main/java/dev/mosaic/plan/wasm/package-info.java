/**
 * A bounded reader of a core WebAssembly module's imports, exports and limits, and the help text
 * for imports toolchains add for their own runtimes. Internal: exported only to the project's
 * modules. May depend on dev.mosaic.plan and plan.diag.
 */
package dev.mosaic.plan.wasm;
