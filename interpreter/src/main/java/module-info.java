/**
 * Compiles Mosaic scripts to plans and runs them. {@code dev.mosaic.interpreter.Mosaic} is the
 * embedding facade; the checked-script model it returns is API. The compiler pipeline, the
 * diagnostic renderer and the statement runner are exported only to the command line; the facade's
 * audit wiring and secret-backend lifecycle ({@code dev.mosaic.interpreter.host}) are not exported.
 */
module dev.mosaic.interpreter {
  requires transitive dev.mosaic.plan;
  requires transitive dev.mosaic.hsm;
  requires transitive dev.mosaic.host;
  requires transitive dev.mosaic.dsl;
  requires java.management;

  exports dev.mosaic.interpreter;
  exports dev.mosaic.interpreter.model;
  exports dev.mosaic.interpreter.compiler to
      dev.mosaic.cli;
  exports dev.mosaic.interpreter.diag to
      dev.mosaic.cli;
  exports dev.mosaic.interpreter.run to
      dev.mosaic.cli;
  exports dev.mosaic.interpreter.wit to
      dev.mosaic.cli;
}
