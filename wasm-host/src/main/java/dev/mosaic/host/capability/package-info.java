/**
 * The host functions a plan can grant, other than files and HTTP: basic (log, clock, random), key-
 * value, secrets, their shared CapabilityContext, rate limits and guest output. Internal, not
 * exported. May depend on dev.mosaic.host, host.abi, host.internal and dev.mosaic.hsm.
 */
package dev.mosaic.host.capability;
