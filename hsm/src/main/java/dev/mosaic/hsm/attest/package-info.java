/**
 * Signed plans: an in-toto Statement v1 about a compiled plan (its digest, every component's digest
 * and the compiler version) inside a DSSE envelope, signed with file keys or keys held by a PKCS#11
 * provider. Entry point: {@link dev.mosaic.hsm.attest.PlanAttestation}.
 */
package dev.mosaic.hsm.attest;
