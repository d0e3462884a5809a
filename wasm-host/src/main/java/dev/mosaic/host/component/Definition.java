package dev.mosaic.host.component;

import java.util.Arrays;
import java.util.List;

/**
 * One definition of a component, in binary order: each adds an entry to one index space (see {@link
 * #sort()}), except custom sections and start, which add none.
 */
public sealed interface Definition {
  /** The index space this definition adds to, or null when it adds to none. */
  Sort sort();

  /** An item a definition refers to: a sort and an index in that sort's index space. */
  record SortIndex(Sort sort, int index) {}

  /** A core module embedded in the component, kept as a range of the component's bytes. */
  record CoreModule(byte[] source, int offset, int length) implements Definition {
    @Override
    public Sort sort() {
      return Sort.CORE_MODULE;
    }

    /** A copy of the module's bytes, to compile or inspect. */
    public byte[] bytes() {
      return Arrays.copyOfRange(source, offset, offset + length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CoreModule m
          && Arrays.equals(
              source, offset, offset + length, m.source, m.offset, m.offset + m.length);
    }

    @Override
    public int hashCode() {
      return Integer.hashCode(length);
    }

    @Override
    public String toString() {
      return "CoreModule[" + length + " bytes at " + offset + "]";
    }
  }

  /** {@code (core instance (instantiate module (with name (instance i))*))}. */
  record CoreInstantiate(int module, List<CoreArg> args) implements Definition {
    public CoreInstantiate {
      args = List.copyOf(args);
    }

    @Override
    public Sort sort() {
      return Sort.CORE_INSTANCE;
    }
  }

  record CoreArg(String name, int instance) {}

  /** A core instance made of exports of other core definitions. */
  record CoreInlineInstance(List<CoreInlineExport> exports) implements Definition {
    public CoreInlineInstance {
      exports = List.copyOf(exports);
    }

    @Override
    public Sort sort() {
      return Sort.CORE_INSTANCE;
    }
  }

  record CoreInlineExport(String name, SortIndex item) {}

  record CoreTypeDef(CoreType type) implements Definition {
    @Override
    public Sort sort() {
      return Sort.CORE_TYPE;
    }
  }

  /** A component nested in this one. */
  record NestedComponent(Component component) implements Definition {
    @Override
    public Sort sort() {
      return Sort.COMPONENT;
    }
  }

  /** {@code (instance (instantiate component (with name item)*))}. */
  record Instantiate(int component, List<Arg> args) implements Definition {
    public Instantiate {
      args = List.copyOf(args);
    }

    @Override
    public Sort sort() {
      return Sort.INSTANCE;
    }
  }

  record Arg(String name, SortIndex item) {}

  /** An instance made of exports of other definitions. */
  record InlineInstance(List<InlineExport> exports) implements Definition {
    public InlineInstance {
      exports = List.copyOf(exports);
    }

    @Override
    public Sort sort() {
      return Sort.INSTANCE;
    }
  }

  record InlineExport(ExternName name, SortIndex item) {}

  record AliasDef(Sort sort, Alias target) implements Definition {}

  record TypeDef(DefType type) implements Definition {
    @Override
    public Sort sort() {
      return Sort.TYPE;
    }
  }

  /** {@code (canon lift core-func opts (type t))}: a component function. */
  record CanonLift(int coreFunc, CanonOptions options, int type) implements Definition {
    @Override
    public Sort sort() {
      return Sort.FUNC;
    }
  }

  /** {@code (canon lower func opts)}: a core function. */
  record CanonLower(int func, CanonOptions options) implements Definition {
    @Override
    public Sort sort() {
      return Sort.CORE_FUNC;
    }
  }

  /** {@code canon resource.new}, {@code resource.drop} or {@code resource.rep}: a core function. */
  record CanonResource(ResourceOp op, int type) implements Definition {
    @Override
    public Sort sort() {
      return Sort.CORE_FUNC;
    }
  }

  enum ResourceOp {
    NEW,
    DROP,
    REP
  }

  /** {@code (start f (value arg)* (result (value))^results)}. */
  record Start(int func, List<Integer> args, int results) implements Definition {
    public Start {
      args = List.copyOf(args);
    }

    @Override
    public Sort sort() {
      return null;
    }
  }

  record Import(ExternName name, ExternType type) implements Definition {
    @Override
    public Sort sort() {
      return switch (type) {
        case ExternType.CoreModule m -> Sort.CORE_MODULE;
        case ExternType.Func f -> Sort.FUNC;
        case ExternType.TypeEq t -> Sort.TYPE;
        case ExternType.TypeSubResource t -> Sort.TYPE;
        case ExternType.Component c -> Sort.COMPONENT;
        case ExternType.Instance i -> Sort.INSTANCE;
      };
    }
  }

  /** An export; {@code ascribed} is the optional type written after it, or null. */
  record Export(ExternName name, SortIndex item, ExternType ascribed) implements Definition {
    @Override
    public Sort sort() {
      return item.sort();
    }
  }

  /** A custom section, kept by name and size only. */
  record Custom(String name, int length) implements Definition {
    @Override
    public Sort sort() {
      return null;
    }
  }
}
