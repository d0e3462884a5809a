package dev.mosaic.interpreter.wit;

import dev.mosaic.host.component.FuncSig;
import dev.mosaic.host.component.Item;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.WitType;
import dev.mosaic.interpreter.model.InterfaceModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The script's {@code interface} blocks as WIT: each type is the WIT type of its name ({@code
 * bytes} is {@code list<u8>}), a record is a WIT record, and a function the WIT function of the
 * same text. Two blocks with one canonical digest are one WIT interface once parameters are named
 * by position, as the canonical text names them ({@code p0}, {@code p1}).
 */
public final class WitMapping {
  private WitMapping() {}

  /**
   * The interface as a WIT instance: its records as named types (first, in the order functions use
   * them), then its functions sorted by name as the canonical text sorts them.
   */
  public static Item.InstanceItem instance(InterfaceModel model) {
    Map<String, WitType> records = new LinkedHashMap<>();
    Map<String, Item> functions = new LinkedHashMap<>();
    model.functions().stream()
        .sorted(java.util.Comparator.comparing(InterfaceModel.Function::name))
        .forEach(f -> functions.put(f.name(), new Item.FuncItem(function(f, records))));
    Map<String, Item> exports = new LinkedHashMap<>();
    records.forEach((name, type) -> exports.put(name, new Item.ValueTypeItem(type)));
    exports.putAll(functions);
    return new Item.InstanceItem(exports);
  }

  /** One function as its WIT type. */
  public static FuncSig function(InterfaceModel.Function f) {
    return function(f, new LinkedHashMap<>());
  }

  private static FuncSig function(InterfaceModel.Function f, Map<String, WitType> records) {
    List<WitType.Field> params =
        f.params().stream().map(p -> new WitType.Field(p.name(), type(p.type(), records))).toList();
    return new FuncSig(params, f.result() == null ? null : type(f.result(), records));
  }

  /** The function with its parameters named by position, as the canonical text names them. */
  public static FuncSig positional(FuncSig sig) {
    List<WitType.Field> params = new java.util.ArrayList<>();
    for (int i = 0; i < sig.params().size(); i++) {
      params.add(new WitType.Field("p" + i, sig.params().get(i).type()));
    }
    return new FuncSig(params, sig.result());
  }

  /** A type; each record is converted once, so every use of it is the same (named) object. */
  private static WitType type(
      dev.mosaic.interpreter.model.WitType t, Map<String, WitType> records) {
    return switch (t) {
      case dev.mosaic.interpreter.model.WitType.Primitive p ->
          p.name().equals("bytes")
              ? new WitType.ListType(Primitive.U8)
              : Primitive.valueOf(p.name().toUpperCase(Locale.ROOT));
      case dev.mosaic.interpreter.model.WitType.ListOf l ->
          new WitType.ListType(type(l.element(), records));
      case dev.mosaic.interpreter.model.WitType.Record r -> {
        WitType known = records.get(r.name());
        if (known != null) {
          yield known;
        }
        WitType record =
            new WitType.RecordType(
                r.fields().stream()
                    .map(x -> new WitType.Field(x.name(), type(x.type(), records)))
                    .toList());
        records.put(r.name(), record);
        yield record;
      }
    };
  }
}
