package dev.mosaic.cli.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.host.component.ComponentLimits;
import dev.mosaic.host.component.ExternName;
import dev.mosaic.host.component.Item;
import dev.mosaic.host.component.WitPrinter;
import dev.mosaic.host.component.World;
import dev.mosaic.host.component.binary.ComponentReader;
import dev.mosaic.host.component.binary.WorldReader;
import dev.mosaic.interpreter.wit.WitParser;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.io.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** What {@code mosaic inspect} shows of a component binary: its world and interfaces as WIT. */
public final class ComponentWorld {
  private ComponentWorld() {}

  /** True when the file starts with the component preamble (binary version 0x0d, layer 1). */
  public static boolean isComponentFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return false; // PlanFile.read reports what the path is
    }
    try (InputStream in = Files.newInputStream(file)) {
      return ComponentReader.isComponent(in.readNBytes(8));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The world of the component in {@code file}: {@code world root { ... }} as {@code jco wit}
   * prints it, then each imported and exported interface with its functions and types.
   */
  public static String render(Path file, boolean json) {
    byte[] bytes =
        InputFiles.read(
            file,
            ComponentLimits.DEFAULT.maxBytes(),
            PlanCodes.BLOB_TOO_LARGE,
            "component `" + file + "`");
    World world = WorldReader.read(ComponentReader.read(bytes));
    String digest = digest(bytes);
    String worldText = WitPrinter.world(world);
    if (json) {
      ObjectNode root = new ObjectMapper().createObjectNode();
      root.put("digest", digest);
      root.put("world", worldText);
      ArrayNode interfaces = root.putArray("interfaces");
      forEachInterface(
          world,
          (direction, name, text) ->
              interfaces
                  .addObject()
                  .put("name", name)
                  .put("direction", direction)
                  .put("wit", text));
      return root.toPrettyString() + "\n";
    }
    StringBuilder out = new StringBuilder("component ").append(digest).append("\n\n");
    out.append(worldText);
    forEachInterface(
        world,
        (direction, name, text) ->
            out.append("\n// ").append(direction).append("ed\n").append(text));
    return out.toString();
  }

  /** A WIT file's package as the reader resolved it: each interface, then each world. */
  public static String renderWit(Path file) {
    String text =
        new String(
            InputFiles.read(file, WitParser.MAX_CHARS, WitParser.LIMIT, "WIT file `" + file + "`"),
            StandardCharsets.UTF_8);
    WitParser.Package pkg = WitParser.parse(text);
    StringBuilder out = new StringBuilder();
    if (pkg.name() != null) {
      out.append("package ").append(pkg.name()).append(";\n");
    }
    pkg.interfaces().forEach((name, i) -> out.append('\n').append(WitPrinter.iface(name, i)));
    pkg.worlds()
        .forEach(
            (name, w) ->
                out.append('\n')
                    .append(WitPrinter.world(w).replaceFirst("^world root", "world " + name)));
    return out.toString();
  }

  private interface InterfaceSink {
    void accept(String direction, String name, String wit);
  }

  private static void forEachInterface(World world, InterfaceSink sink) {
    interfaces("import", world.imports(), sink);
    interfaces("export", world.exports(), sink);
  }

  private static void interfaces(String direction, List<Item.Named> items, InterfaceSink sink) {
    for (Item.Named n : items) {
      if (n.item() instanceof Item.InstanceItem i && n.name() instanceof ExternName.Interface) {
        sink.accept(direction, n.name().text(), WitPrinter.iface(n.name().text(), i));
      }
    }
  }

  private static String digest(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
