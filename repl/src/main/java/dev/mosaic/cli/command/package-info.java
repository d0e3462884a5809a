/**
 * One class per mosaic subcommand (run, exec, compile, validate, inspect, explain, sign, verify,
 * blob, audit, repl) and Failures, which turns errors into coded messages and exit codes. Internal,
 * opened to picocli. May depend on cli.options, cli.text, cli.repl and the facade.
 */
package dev.mosaic.cli.command;
