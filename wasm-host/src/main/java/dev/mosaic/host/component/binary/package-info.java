/**
 * Bounded readers of the component binary format and of the worlds it declares. Internal, not
 * exported. May depend on dev.mosaic.host.component.
 */
package dev.mosaic.host.component.binary;
