/**
 * Bounded reading of input files (size caps, no following of special files) shared by every module
 * that reads a path a user named. Internal: exported only to the project's modules. May depend on
 * plan.diag.
 */
package dev.mosaic.plan.io;
