/**
 * Option groups shared by several commands (host limits, script paths, stores, trust, sealing keys,
 * signed plans) and the environment they read. Internal, opened to picocli. May depend on cli.text
 * and the modules below.
 */
package dev.mosaic.cli.options;
