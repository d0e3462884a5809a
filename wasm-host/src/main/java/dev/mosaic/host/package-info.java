/**
 * The host's public entry types: WasmHost (engine, tenants), Tenant, Composition (one running
 * plan), HostLimits, HostFunction, the key-value stores, HostMetrics and the errors a call can end
 * in. Exported API. May depend on every package of this module and on dev.mosaic.plan and
 * dev.mosaic.hsm.
 */
package dev.mosaic.host;
