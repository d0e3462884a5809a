/**
 * The embedding facade: Mosaic (compile, load, run), TenantHandle, CompileResult and
 * CompileOptions, with the facade's audit wiring. Exported API. May depend on every package of this
 * module and on the modules below it.
 */
package dev.mosaic.interpreter;
