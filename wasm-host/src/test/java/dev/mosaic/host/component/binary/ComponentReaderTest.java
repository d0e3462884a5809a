package dev.mosaic.host.component.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.host.component.Component;
import dev.mosaic.host.component.ComponentCodes;
import dev.mosaic.host.component.Definition;
import dev.mosaic.host.component.ExternName;
import dev.mosaic.host.component.FuncSig;
import dev.mosaic.host.component.Item;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.ResourceType;
import dev.mosaic.host.component.StringEncoding;
import dev.mosaic.host.component.TestComponents;
import dev.mosaic.host.component.WitPrinter;
import dev.mosaic.host.component.WitType;
import dev.mosaic.host.component.World;
import dev.mosaic.plan.MosaicException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The reader and the world resolver on components built by jco and componentize-js. */
class ComponentReaderTest {

  /** The import and export lines of a {@code world root { ... }} text, as a set. */
  private static Set<String> worldLines(String wit) {
    return wit.lines()
        .map(String::strip)
        .filter(l -> l.startsWith("import ") || l.startsWith("export "))
        .collect(Collectors.toSet());
  }

  @Test
  void javascriptComponentsWorldMatchesJcoWit() {
    Component c = ComponentReader.read(TestComponents.bytes("fixture"));
    World world = WorldReader.read(c);
    assertThat(worldLines(WitPrinter.world(world)))
        .isEqualTo(worldLines(TestComponents.jcoWit("fixture")))
        .contains("export version: func() -> string;", "export mosaic:fixture/values@0.1.0;");
    assertThat(world.imports()).isEmpty();
  }

  @Test
  void javascriptComponentsInterfaceMatchesItsSourceWit() {
    World world = WorldReader.read(ComponentReader.read(TestComponents.bytes("fixture")));
    Item.InstanceItem values = (Item.InstanceItem) world.export("mosaic:fixture/values@0.1.0");
    String printed = WitPrinter.iface("values", values);
    String source = TestComponents.source("fixture/wit/fixture.wit");
    String sourceInterface =
        source.substring(source.indexOf("interface values"), source.indexOf("world fixture"));
    assertThat(normalize(printed)).isEqualTo(normalize(sourceInterface));
  }

  /** WIT without comments, blank lines and indentation. */
  private static List<String> normalize(String wit) {
    return wit.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("//")).toList();
  }

  @Test
  void javascriptComponentKeepsItsCoreModulesAsByteRanges() {
    byte[] bytes = TestComponents.bytes("fixture");
    Component c = ComponentReader.read(bytes);
    assertThat(c.coreModules()).hasSizeGreaterThanOrEqualTo(2);
    for (Definition.CoreModule m : c.coreModules()) {
      assertThat(m.bytes()).startsWith(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
    }
    // StarlingMonkey, the engine inside, is by far the largest module.
    assertThat(c.coreModules().stream().mapToInt(Definition.CoreModule::length).max().orElse(0))
        .isGreaterThan(1_000_000);
  }

  @Test
  void interfaceTypesResolveThroughTheShimComponent() {
    World world = WorldReader.read(ComponentReader.read(TestComponents.bytes("fixture")));
    Item.InstanceItem values = (Item.InstanceItem) world.export("mosaic:fixture/values@0.1.0");
    FuncSig move = ((Item.FuncItem) values.exports().get("move-point")).type();
    WitType point = ((Item.ValueTypeItem) values.exports().get("point")).type();
    assertThat(move.params().getFirst().type()).isSameAs(point);
    assertThat(point)
        .isEqualTo(
            new WitType.RecordType(
                List.of(
                    new WitType.Field("x", Primitive.S32), new WitType.Field("y", Primitive.S32))));
    ResourceType counter = ((Item.ResourceItem) values.exports().get("counter")).resource();
    FuncSig ctor = ((Item.FuncItem) values.exports().get("[constructor]counter")).type();
    assertThat(ctor.result()).isEqualTo(new WitType.OwnType(counter));
    FuncSig sum = ((Item.FuncItem) values.exports().get("sum-counter")).type();
    assertThat(sum.params().getFirst().type()).isEqualTo(new WitType.BorrowType(counter));
    assertThat(counter.name()).isEqualTo("counter");
  }

  @Test
  void handWrittenCoreModuleComponentsMatchJcoWit() {
    for (String name : List.of("text", "echo-utf16", "echo-latin1-utf16")) {
      World world = WorldReader.read(ComponentReader.read(TestComponents.bytes(name)));
      assertThat(worldLines(WitPrinter.world(world)))
          .as(name)
          .isEqualTo(worldLines(TestComponents.jcoWit(name)));
    }
  }

  @Test
  void canonOptionsCarryEachStringEncoding() {
    assertThat(liftEncoding("text")).isEqualTo(StringEncoding.UTF8);
    assertThat(liftEncoding("echo-utf16")).isEqualTo(StringEncoding.UTF16);
    assertThat(liftEncoding("echo-latin1-utf16")).isEqualTo(StringEncoding.LATIN1_UTF16);
  }

  private static StringEncoding liftEncoding(String name) {
    Component c = ComponentReader.read(TestComponents.bytes(name));
    Definition.CanonLift lift =
        c.definitions().stream()
            .filter(Definition.CanonLift.class::isInstance)
            .map(Definition.CanonLift.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(lift.options().memory()).isZero();
    assertThat(lift.options().realloc()).isNotNegative();
    assertThat(lift.options().postReturn()).isNotNegative();
    return lift.options().encoding();
  }

  @Test
  void versionedInterfaceNamesAreParsed() {
    ExternName n = ExternName.parse("wasi:cli/stdout@0.2.3");
    assertThat(n).isEqualTo(new ExternName.Interface("wasi", "cli", "stdout", "0.2.3"));
    assertThat(((ExternName.Interface) n).unversioned()).isEqualTo("wasi:cli/stdout");
    assertThat(ExternName.parse("ns:my-pkg/iface@1.2.3-rc.1+build.5").text())
        .isEqualTo("ns:my-pkg/iface@1.2.3-rc.1+build.5");
    assertThat(ExternName.parse("ns:pkg/iface"))
        .isEqualTo(new ExternName.Interface("ns", "pkg", "iface", null));
    assertThat(ExternName.parse("[method]counter.increment"))
        .isEqualTo(new ExternName.Method("counter", "increment"));
    assertThat(ExternName.parse("[static]counter.make"))
        .isEqualTo(new ExternName.Static("counter", "make"));
    assertThat(ExternName.parse("[constructor]counter"))
        .isEqualTo(new ExternName.Constructor("counter"));
    assertThat(ExternName.parse("get-HTTP-body")).isEqualTo(new ExternName.Plain("get-HTTP-body"));
  }

  @Test
  void malformedNamesAreRefused() {
    for (String bad :
        List.of(
            "",
            "Hello",
            "a--b",
            "-a",
            "a-",
            "1abc",
            "ns:pkg/iface@1.2",
            "ns:pkg/iface@01.2.3",
            "ns:pkg/iface@1.2.3-",
            "NS:pkg/iface",
            "ns:/iface",
            "ns:pkg/",
            "[method]counter",
            "[constructor]",
            "a b",
            "é")) {
      assertThatThrownBy(() -> ExternName.parse(bad))
          .as(bad)
          .isInstanceOf(MosaicException.class)
          .extracting(e -> ((MosaicException) e).code())
          .isEqualTo(ComponentCodes.INVALID);
    }
  }

  @Test
  void nestedPackageNamesAreNotSupportedYet() {
    assertThatThrownBy(() -> ExternName.parse("ns:pkg/outer/inner@1.0.0"))
        .isInstanceOf(MosaicException.class)
        .hasMessageContaining("nested package names")
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(ComponentCodes.UNSUPPORTED);
  }

  @Test
  void aCoreModuleIsToldApartFromAComponent() {
    byte[] core = TestComponents.bytes("text-core");
    assertThat(ComponentReader.isComponent(core)).isFalse();
    assertThat(ComponentReader.isComponent(TestComponents.bytes("text"))).isTrue();
    assertThatThrownBy(() -> ComponentReader.read(core))
        .isInstanceOf(MosaicException.class)
        .hasMessageContaining("core wasm module")
        .extracting(e -> ((MosaicException) e).code())
        .isEqualTo(ComponentCodes.NOT_A_COMPONENT);
  }
}
