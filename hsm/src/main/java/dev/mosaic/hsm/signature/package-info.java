/**
 * Component signature verifiers (cosign keys, PGP, X.509 CMS) and trust anchors; plugins are found
 * through ServiceLoader. Exported API. May depend on dev.mosaic.hsm, dev.mosaic.plan and
 * BouncyCastle.
 */
package dev.mosaic.hsm.signature;
