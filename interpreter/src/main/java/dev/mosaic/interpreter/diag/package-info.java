/**
 * The language's diagnostics: the collector used while compiling, the language error codes,
 * suggestions, and rendering with source excerpts for terminals. Internal: exported only to
 * dev.mosaic.cli. May depend on dev.mosaic.plan.diag and dev.mosaic.dsl.
 */
package dev.mosaic.interpreter.diag;
