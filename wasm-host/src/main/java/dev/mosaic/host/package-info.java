/**
 * The host's public entry types: WasmHost (engine, tenants), Tenant, Composition (one running
 * plan), Export (a typed export handle), HostLimits, HostFunction, the key-value stores,
 * HostMetrics, HostLog and the errors a call can end in. Exported API. Sixteen classes on purpose:
 * the types an embedder meets, and Tenant and Composition, which share package-private state. May
 * depend on every package of this module and on dev.mosaic.plan and dev.mosaic.hsm.
 */
package dev.mosaic.host;
