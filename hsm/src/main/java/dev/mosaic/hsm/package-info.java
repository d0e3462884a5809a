/**
 * Secrets and trust: the secret backend service interface and registry, scoped secret grants,
 * credential sources and secret names. Exported API. Fifteen classes: the service interfaces and
 * the value types every backend shares. May depend on dev.mosaic.plan; the backends themselves live
 * in env, pkcs11 and vault.
 */
package dev.mosaic.hsm;
