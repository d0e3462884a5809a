/**
 * The guest ABI of host functions: value kinds, signatures, the declarations of every host import
 * and the guest-visible error numbers. Exported API (the compiler checks scripts against it).
 * Depends on dev.mosaic.plan only.
 */
package dev.mosaic.host.abi;
