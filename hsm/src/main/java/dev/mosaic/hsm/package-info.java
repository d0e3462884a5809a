/** Secret backends and signature verifiers. */
package dev.mosaic.hsm;
