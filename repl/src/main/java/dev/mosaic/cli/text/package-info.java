/**
 * Output formatting of the command line: plan summaries and JSON, audit lines, policy explanations,
 * progress bars. Internal, not exported. May depend on dev.mosaic.plan and the facade.
 */
package dev.mosaic.cli.text;
