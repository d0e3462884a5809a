package dev.mosaic.dsl.ast;

import java.util.List;

/** Expressions in script statements. */
public sealed interface Expr extends Node {

  /** {@code component.function(args)}. */
  record Call(
      String component,
      String function,
      List<Expr> args,
      Span span,
      Span componentSpan,
      Span functionSpan)
      implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }

  /** An integer literal. */
  record IntLit(long value, Span span) implements Expr {}

  /** A floating-point literal. */
  record FloatLit(double value, Span span) implements Expr {}

  /** A string literal, unescaped. */
  record StringLit(String value, Span span) implements Expr {}

  /** {@code true} or {@code false}. */
  record BoolLit(boolean value, Span span) implements Expr {}

  /** A reference to a {@code let} binding. */
  record Name(String name, Span span) implements Expr {}

  /**
   * A compound value in WAVE ({@code [1, 2]}, {@code {x: 1}}, {@code some(1)}, {@code %case(v)}),
   * kept as its source text: the compiler and the runner read it against the WIT type of the
   * parameter it is passed to.
   */
  record Wave(String text, Span span) implements Expr {}
}
