/**
 * The embedding facade: Mosaic (compile, load, run), TenantHandle, CompileResult and
 * CompileOptions; {@code MosaicConfig} holds the builder's settings copied at build. Exported API.
 * May depend on every package of this module and on the modules below it.
 */
package dev.mosaic.interpreter;
