/**
 * The PKCS#11 secret backend: module loading, a bounded session pool, token object reads through
 * the JDK's sun.security.pkcs11.wrapper. Internal, not exported; found through ServiceLoader. May
 * depend on dev.mosaic.hsm.
 */
package dev.mosaic.hsm.pkcs11;
