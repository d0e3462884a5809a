package dev.mosaic.host.component;

import dev.mosaic.host.component.binary.WorldReader;
import java.util.List;

/**
 * A type definition as written in a component's type section or in a component or instance type:
 * value types refer to other types by index ({@link ValType.Ref}); resolving them is the job of
 * {@link WorldReader}.
 */
public sealed interface DefType {

  /** A label and its type: a record field or a function parameter. */
  record Field(String label, ValType type) {}

  /** A variant case; {@code type} is null for a case without payload. */
  record Case(String label, ValType type) {}

  record Prim(Primitive type) implements DefType {}

  record Record(List<Field> fields) implements DefType {
    public Record {
      fields = List.copyOf(fields);
    }
  }

  record Variant(List<Case> cases) implements DefType {
    public Variant {
      cases = List.copyOf(cases);
    }
  }

  record ListOf(ValType element) implements DefType {}

  record Tuple(List<ValType> types) implements DefType {
    public Tuple {
      types = List.copyOf(types);
    }
  }

  record Flags(List<String> labels) implements DefType {
    public Flags {
      labels = List.copyOf(labels);
    }
  }

  record Enum(List<String> labels) implements DefType {
    public Enum {
      labels = List.copyOf(labels);
    }
  }

  record Option(ValType type) implements DefType {}

  /** {@code result<ok, error>}; either side may be null. */
  record Result(ValType ok, ValType error) implements DefType {}

  record Own(int resourceIndex) implements DefType {}

  record Borrow(int resourceIndex) implements DefType {}

  /** A function type; {@code result} is null for a function without result. */
  record Func(List<Field> params, ValType result) implements DefType {
    public Func {
      params = List.copyOf(params);
    }
  }

  /** A resource type defined here: its representation ({@code i32}) and optional destructor. */
  record Resource(CoreValType rep, Integer destructor) implements DefType {}

  /** {@code (component ...)}: the imports and exports a component must have. */
  record ComponentType(List<Decl> declarations) implements DefType {
    public ComponentType {
      declarations = List.copyOf(declarations);
    }
  }

  /** {@code (instance ...)}: the exports an instance must have. */
  record InstanceType(List<Decl> declarations) implements DefType {
    public InstanceType {
      declarations = List.copyOf(declarations);
    }
  }

  /** A declaration inside a component or instance type. */
  sealed interface Decl {}

  record CoreTypeDecl(CoreType type) implements Decl {}

  record TypeDecl(DefType type) implements Decl {}

  record AliasDecl(Sort sort, Alias target) implements Decl {}

  record ImportDecl(ExternName name, ExternType type) implements Decl {}

  record ExportDecl(ExternName name, ExternType type) implements Decl {}
}
