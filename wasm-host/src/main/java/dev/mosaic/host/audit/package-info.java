/**
 * The audit log: hash-chained JSON lines, sealing, verification, syslog forwarding. Exported API.
 * May depend on dev.mosaic.plan.audit.
 */
package dev.mosaic.host.audit;
