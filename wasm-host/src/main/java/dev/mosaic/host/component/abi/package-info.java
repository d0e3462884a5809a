/**
 * The canonical ABI: lifting and lowering values through a guest's linear memory, layouts, memories
 * and resource handle tables. Internal, not exported. May depend on dev.mosaic.host.component.
 */
package dev.mosaic.host.component.abi;
