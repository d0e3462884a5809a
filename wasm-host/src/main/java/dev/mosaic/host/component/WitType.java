package dev.mosaic.host.component;

import java.util.List;

/**
 * A value type with every type index resolved: the types the canonical ABI lifts and lowers. Types
 * are shared, not copied, where the component refers to one definition twice, so a type of
 * exponential size when written out costs linear memory.
 */
public sealed interface WitType
    permits Primitive,
        WitType.ListType,
        WitType.RecordType,
        WitType.TupleType,
        WitType.VariantType,
        WitType.EnumType,
        WitType.OptionType,
        WitType.ResultType,
        WitType.FlagsType,
        WitType.OwnType,
        WitType.BorrowType {

  record Field(String name, WitType type) {}

  /** A variant case; {@code type} is null for a case without payload. */
  record Case(String name, WitType type) {}

  record ListType(WitType element) implements WitType {}

  record RecordType(List<Field> fields) implements WitType {
    public RecordType {
      fields = List.copyOf(fields);
      if (fields.isEmpty()) {
        throw new IllegalArgumentException("a record needs a field");
      }
    }
  }

  record TupleType(List<WitType> types) implements WitType {
    public TupleType {
      types = List.copyOf(types);
      if (types.isEmpty()) {
        throw new IllegalArgumentException("a tuple needs an element");
      }
    }
  }

  record VariantType(List<Case> cases) implements WitType {
    public VariantType {
      cases = List.copyOf(cases);
      if (cases.isEmpty()) {
        throw new IllegalArgumentException("a variant needs a case");
      }
    }
  }

  record EnumType(List<String> names) implements WitType {
    public EnumType {
      names = List.copyOf(names);
      if (names.isEmpty()) {
        throw new IllegalArgumentException("an enum needs a case");
      }
    }
  }

  record OptionType(WitType type) implements WitType {}

  /** {@code result<ok, error>}; either side may be null. */
  record ResultType(WitType ok, WitType error) implements WitType {}

  record FlagsType(List<String> names) implements WitType {
    public FlagsType {
      names = List.copyOf(names);
      if (names.isEmpty() || names.size() > 32) {
        throw new IllegalArgumentException("flags need 1 to 32 names");
      }
    }
  }

  record OwnType(ResourceType resource) implements WitType {}

  record BorrowType(ResourceType resource) implements WitType {}
}
