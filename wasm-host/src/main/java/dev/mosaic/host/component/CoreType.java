package dev.mosaic.host.component;

import java.util.List;

/** A core type defined in a component: a core function type or a core module type. */
public sealed interface CoreType {
  /** {@code (func (param ...) (result ...))}. */
  record Func(List<CoreValType> params, List<CoreValType> results) implements CoreType {
    public Func {
      params = List.copyOf(params);
      results = List.copyOf(results);
    }
  }

  /** {@code (module ...)}: the imports and exports a core module must have. */
  record Module(List<ModuleDecl> declarations) implements CoreType {
    public Module {
      declarations = List.copyOf(declarations);
    }
  }

  /** A declaration inside a core module type. */
  sealed interface ModuleDecl {}

  record ImportDecl(String module, String name, CoreExtern type) implements ModuleDecl {}

  record TypeDecl(CoreType type) implements ModuleDecl {}

  record OuterAliasDecl(int count, int index) implements ModuleDecl {}

  record ExportDecl(String name, CoreExtern type) implements ModuleDecl {}

  /** The type of a core import or export. */
  sealed interface CoreExtern {}

  record FuncExtern(int typeIndex) implements CoreExtern {}

  record TableExtern(CoreValType element, Limits limits) implements CoreExtern {}

  record MemoryExtern(Limits limits, boolean shared, boolean memory64) implements CoreExtern {}

  record GlobalExtern(CoreValType type, boolean mutable) implements CoreExtern {}

  record TagExtern(int typeIndex) implements CoreExtern {}

  /** Minimum and optional maximum (-1 when absent) of a table or memory. */
  record Limits(long min, long max) {}
}
