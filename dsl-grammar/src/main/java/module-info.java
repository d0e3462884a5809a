/**
 * The Mosaic language: the parser entry and the syntax tree are API; the ANTLR-generated lexer and
 * parser are exported only to the compiler and the command line (the REPL highlights with the
 * lexer).
 */
module dev.mosaic.dsl {
  requires org.antlr.antlr4.runtime;

  exports dev.mosaic.dsl;
  exports dev.mosaic.dsl.ast;
  exports dev.mosaic.dsl.grammar to
      dev.mosaic.interpreter,
      dev.mosaic.cli;
}
