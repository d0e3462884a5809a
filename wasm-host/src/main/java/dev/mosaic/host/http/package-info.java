/**
 * Outbound HTTP a plan grants: the allow/deny policy, target resolution and connections pinned to
 * the checked address. Internal, not exported. May depend on dev.mosaic.host, host.capability and
 * host.abi.
 */
package dev.mosaic.host.http;
