/**
 * Files a plan grants: the tenant's confined file root and the WASI file system built on it.
 * Internal, not exported. May depend on dev.mosaic.host, host.capability and host.abi.
 */
package dev.mosaic.host.files;
