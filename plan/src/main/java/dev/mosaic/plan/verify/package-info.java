/**
 * The service interface for signature verifiers called in the validator's blobs phase
 * (BlobVerifier), what it is given and what it reports. Exported API: implementations live in other
 * modules. May depend on dev.mosaic.plan and plan.store.
 */
package dev.mosaic.plan.verify;
