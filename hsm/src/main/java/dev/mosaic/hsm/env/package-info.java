/**
 * The development secret backend that reads environment variables. Internal: exported only to the
 * project's modules. May depend on dev.mosaic.hsm.
 */
package dev.mosaic.hsm.env;
