/**
 * The interactive REPL: session, commands, completion, highlighting and transcript. Internal, not
 * exported. May depend on the facade and dev.mosaic.dsl.
 */
package dev.mosaic.cli.repl;
