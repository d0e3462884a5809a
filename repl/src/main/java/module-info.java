/**
 * The {@code mosaic} command line and REPL. Only {@code dev.mosaic.cli} (with {@code Main}) is
 * exported; the picocli commands and their option groups are opened to picocli, which sets their
 * fields by reflection.
 */
module dev.mosaic.cli {
  requires dev.mosaic.interpreter;
  requires com.fasterxml.jackson.databind;
  requires info.picocli;
  requires org.jline;
  requires org.antlr.antlr4.runtime;

  exports dev.mosaic.cli;

  opens dev.mosaic.cli to
      info.picocli;
  opens dev.mosaic.cli.command to
      info.picocli;
  opens dev.mosaic.cli.options to
      info.picocli;
}
