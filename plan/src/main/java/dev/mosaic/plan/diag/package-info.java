/**
 * Diagnostics: the coded Diagnostic with its SourceLocation, the capped Diagnostics collector, the
 * plan's error codes (E3xxx to E6xxx) and the process exit codes. Exported API. May depend on
 * dev.mosaic.plan (MosaicException) only.
 */
package dev.mosaic.plan.diag;
