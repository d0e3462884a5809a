/**
 * The command line's entry: Main builds the picocli command tree; CliCodes are the command line's
 * error codes. Exported (Main). May depend on every package of this module.
 */
package dev.mosaic.cli;
