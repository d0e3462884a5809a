package dev.mosaic.dsl.ast;

/** Every AST node knows where it came from. */
public sealed interface Node
    permits Script,
        Item,
        Expr,
        LimitDecl,
        RuleDecl,
        Condition,
        RecordDef,
        FuncDef,
        FieldDef,
        TypeRef {
  Span span();
}
