/**
 * The HashiCorp Vault secret backend over HTTPS. Exported (its configuration is API). May depend on
 * dev.mosaic.hsm.
 */
package dev.mosaic.hsm.vault;
