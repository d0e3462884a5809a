/**
 * Content-addressed blob stores: the BlobStore interface with its file and in-memory
 * implementations, namespaced per tenant. Exported API. May depend on dev.mosaic.plan and
 * plan.diag.
 */
package dev.mosaic.plan.store;
