package dev.mosaic.host.component;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a {@link World} as WIT: the root world the way {@code jco wit} prints it, and each
 * exported or imported interface with its types, resources and functions.
 */
public final class WitPrinter {
  private final Map<Object, String> names = new IdentityHashMap<>();

  private WitPrinter() {}

  /**
   * The component's world as WIT: {@code world root { ... }} with one line per import and export,
   * in binary order.
   */
  public static String world(World world) {
    WitPrinter p = new WitPrinter();
    for (List<Item.Named> items : List.of(world.imports(), world.exports())) {
      for (Item.Named n : items) {
        switch (n.item()) {
          case Item.ValueTypeItem v -> p.names.putIfAbsent(v.type(), n.name().text());
          case Item.ResourceItem r -> p.names.putIfAbsent(r.resource(), n.name().text());
          default -> {}
        }
      }
    }
    StringBuilder b = new StringBuilder("world root {\n");
    p.items(b, "import", world.imports());
    p.items(b, "export", world.exports());
    return b.append("}\n").toString();
  }

  /** The body of an interface (an instance's exports) as WIT, named {@code name}. */
  public static String iface(String name, Item.InstanceItem instance) {
    WitPrinter p = new WitPrinter();
    return p.interfaceText(name, instance);
  }

  private void items(StringBuilder b, String keyword, List<Item.Named> items) {
    for (Item.Named n : items) {
      switch (n.item()) {
        case Item.FuncItem f ->
            b.append("  ")
                .append(keyword)
                .append(' ')
                .append(n.name().text())
                .append(": ")
                .append(func(f.type(), false))
                .append(";\n");
        case Item.InstanceItem i when n.name() instanceof ExternName.Interface ->
            b.append("  ").append(keyword).append(' ').append(n.name().text()).append(";\n");
        case Item.InstanceItem i ->
            b.append("  ")
                .append(keyword)
                .append(' ')
                .append(n.name().text())
                .append(": interface {\n")
                .append(indent(body(i), "  "))
                .append("  }\n");
        case Item.ValueTypeItem v ->
            b.append(indent(typeDefinition(n.name().text(), v.type()), "  "));
        case Item.ResourceItem r -> b.append("  resource ").append(n.name().text()).append(";\n");
        default ->
            b.append("  /* ")
                .append(keyword)
                .append(' ')
                .append(n.name().text())
                .append(": a component or core module */\n");
      }
    }
  }

  private String interfaceText(String name, Item.InstanceItem instance) {
    return "interface " + name + " {\n" + body(instance) + "}\n";
  }

  private String body(Item.InstanceItem instance) {
    for (Map.Entry<String, Item> e : instance.exports().entrySet()) {
      switch (e.getValue()) {
        case Item.ValueTypeItem v -> names.putIfAbsent(v.type(), e.getKey());
        case Item.ResourceItem r -> names.putIfAbsent(r.resource(), e.getKey());
        default -> {}
      }
    }
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Item> e : instance.exports().entrySet()) {
      String name = e.getKey();
      switch (e.getValue()) {
        case Item.ValueTypeItem v -> b.append(indent(typeDefinition(name, v.type()), "  "));
        case Item.ResourceItem r -> b.append(indent(resource(name, instance), "  "));
        case Item.FuncItem f -> {
          if (!name.startsWith("[")) {
            b.append("  ").append(name).append(": ").append(func(f.type(), false)).append(";\n");
          }
        }
        default -> b.append("  /* ").append(name).append(" */\n");
      }
    }
    return b.toString();
  }

  private String resource(String name, Item.InstanceItem instance) {
    List<String> members = new ArrayList<>();
    for (Map.Entry<String, Item> e : instance.exports().entrySet()) {
      if (!(e.getValue() instanceof Item.FuncItem f)) {
        continue;
      }
      ExternName n;
      try {
        n = ExternName.parse(e.getKey());
      } catch (RuntimeException ex) {
        continue;
      }
      switch (n) {
        case ExternName.Constructor c when c.resource().equals(name) ->
            members.add("constructor" + params(f.type().params(), false) + ";");
        case ExternName.Method m when m.resource().equals(name) ->
            members.add(m.name() + ": " + func(f.type(), true) + ";");
        case ExternName.Static s when s.resource().equals(name) ->
            members.add(s.name() + ": static " + func(f.type(), false) + ";");
        default -> {}
      }
    }
    if (members.isEmpty()) {
      return "resource " + name + ";\n";
    }
    return "resource "
        + name
        + " {\n"
        + members.stream().map(m -> "  " + m + "\n").collect(Collectors.joining())
        + "}\n";
  }

  private String typeDefinition(String name, WitType t) {
    return switch (t) {
      case WitType.RecordType r ->
          "record "
              + name
              + " {\n"
              + r.fields().stream()
                  .map(f -> "  " + f.name() + ": " + ref(f.type()) + ",\n")
                  .collect(Collectors.joining())
              + "}\n";
      case WitType.VariantType v ->
          "variant "
              + name
              + " {\n"
              + v.cases().stream()
                  .map(
                      c ->
                          "  "
                              + c.name()
                              + (c.type() == null ? "" : "(" + ref(c.type()) + ")")
                              + ",\n")
                  .collect(Collectors.joining())
              + "}\n";
      case WitType.EnumType e ->
          "enum "
              + name
              + " {\n"
              + e.names().stream().map(n -> "  " + n + ",\n").collect(Collectors.joining())
              + "}\n";
      case WitType.FlagsType f ->
          "flags "
              + name
              + " {\n"
              + f.names().stream().map(n -> "  " + n + ",\n").collect(Collectors.joining())
              + "}\n";
      default -> "type " + name + " = " + ref(t) + ";\n";
    };
  }

  /** A function type as WIT writes it, its types by structure: {@code func(a: s32) -> string}. */
  public static String func(FuncSig sig) {
    return new WitPrinter().func(sig, false);
  }

  private String func(FuncSig sig, boolean method) {
    return "func"
        + params(sig.params(), method)
        + (sig.result() == null ? "" : " -> " + ref(sig.result()));
  }

  private String params(List<WitType.Field> params, boolean method) {
    List<WitType.Field> shown =
        method && !params.isEmpty() ? params.subList(1, params.size()) : params;
    return shown.stream()
        .map(p -> p.name() + ": " + ref(p.type()))
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** A reference to a type: its name when the interface names it, else its structure. */
  private String ref(WitType t) {
    String named = names.get(t);
    if (named != null) {
      return named;
    }
    return switch (t) {
      case Primitive p -> p.wit();
      case WitType.ListType l -> "list<" + ref(l.element()) + ">";
      case WitType.OptionType o -> "option<" + ref(o.type()) + ">";
      case WitType.ResultType r -> {
        if (r.ok() == null && r.error() == null) {
          yield "result";
        }
        if (r.error() == null) {
          yield "result<" + ref(r.ok()) + ">";
        }
        yield "result<" + (r.ok() == null ? "_" : ref(r.ok())) + ", " + ref(r.error()) + ">";
      }
      case WitType.TupleType tu ->
          tu.types().stream().map(this::ref).collect(Collectors.joining(", ", "tuple<", ">"));
      case WitType.OwnType o -> resourceName(o.resource());
      case WitType.BorrowType b -> "borrow<" + resourceName(b.resource()) + ">";
      case WitType.RecordType r ->
          r.fields().stream()
              .map(f -> f.name() + ": " + ref(f.type()))
              .collect(Collectors.joining(", ", "record { ", " }"));
      case WitType.VariantType v ->
          v.cases().stream()
              .map(c -> c.name() + (c.type() == null ? "" : "(" + ref(c.type()) + ")"))
              .collect(Collectors.joining(", ", "variant { ", " }"));
      case WitType.EnumType e ->
          e.names().stream().collect(Collectors.joining(", ", "enum { ", " }"));
      case WitType.FlagsType f ->
          f.names().stream().collect(Collectors.joining(", ", "flags { ", " }"));
    };
  }

  private String resourceName(ResourceType r) {
    String named = names.get(r);
    return named != null ? named : r.toString();
  }

  private static String indent(String text, String prefix) {
    return text.lines().map(l -> prefix + l + "\n").collect(Collectors.joining());
  }
}
