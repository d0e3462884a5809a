/**
 * Running a script's statements against a composition. Internal: exported only to dev.mosaic.cli.
 * May depend on the facade, interpreter.model, interpreter.diag and dev.mosaic.host.
 */
package dev.mosaic.interpreter.run;
