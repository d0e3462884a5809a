/**
 * Audit events and the sink interface that every layer writes to. Exported API. Depends on nothing
 * but the JDK.
 */
package dev.mosaic.plan.audit;
