package dev.mosaic.plan;

import static dev.mosaic.plan.ModuleInterfaceCheckTest.HEADER;
import static dev.mosaic.plan.ModuleInterfaceCheckTest.bytes;
import static dev.mosaic.plan.ModuleInterfaceCheckTest.concat;
import static dev.mosaic.plan.ModuleInterfaceCheckTest.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.wasm.WasmInterface;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile wasm modules in a tenant's store: the blobs phase reads them with a bounded reader, so
 * truncation, garbage, huge counts and overlong numbers end in E4201 (runs on the 64 MiB heap of
 * the hostile suite).
 */
@Tag("hostile")
class HostileModuleInputTest {
  private static final FuncType LOG = new FuncType(List.of("i32", "i32"), List.of());
  private static final FunctionDecl RUN =
      new FunctionDecl("", "run", new FuncType(List.of(), List.of("i32")));

  private static String readCode(byte[] module) {
    try {
      WasmInterface.read("blob", module);
      return "ok";
    } catch (MosaicException e) {
      return e.code();
    }
  }

  @Test
  void everyTruncationOfAModuleIsACodedError() {
    byte[] good =
        StubModules.module(
            List.of(new FunctionDecl(Capabilities.MODULE, "log", LOG)), List.of(RUN), "tag");
    assertThat(readCode(good)).isEqualTo("ok");
    for (int cut = 0; cut < good.length; cut++) {
      String code = readCode(Arrays.copyOf(good, cut));
      // A cut at a section boundary is a shorter valid module; every other cut is E4201.
      assertThat(code).as("cut at %d", cut).isIn("ok", "E4201");
    }
    assertThat(readCode(Arrays.copyOf(good, good.length - 1))).isEqualTo("E4201");
  }

  @Test
  void garbageHeadersAndComponentsAreRefused() {
    assertThat(readCode(new byte[0])).isEqualTo("E4201");
    assertThat(readCode("not wasm at all".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo("E4201");
    // a component-model binary (layer 1, version 0x0d) has a code of its own
    assertThat(readCode(bytes(0, 'a', 's', 'm', 0x0d, 0, 1, 0))).isEqualTo("E4205");
    // another core version or layer is not wasm Mosaic knows
    assertThat(readCode(bytes(0, 'a', 's', 'm', 2, 0, 0, 0))).isEqualTo("E4201");
  }

  @Test
  void hugeCountsFailBeforeAnythingIsAllocated() {
    // import count 2^32-1 in a section of five bytes
    byte[] imports = concat(HEADER, section(2, bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x0F)));
    MosaicException e =
        catchThrowableOfType(MosaicException.class, () -> WasmInterface.read("blob", imports));
    assertThat(e.code()).isEqualTo("E4201");
    assertThat(e.getMessage()).contains("claims 4294967295 entries");
    // a type with 2^31 parameters, and a name of 2^32-1 bytes
    assertThat(readCode(concat(HEADER, section(1, bytes(1, 0x60, 0x80, 0x80, 0x80, 0x80, 0x08)))))
        .isEqualTo("E4201");
    assertThat(readCode(concat(HEADER, section(2, bytes(1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)))))
        .isEqualTo("E4201");
    // a section that claims more bytes than the module has
    assertThat(readCode(concat(HEADER, bytes(1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)))).isEqualTo("E4201");
  }

  @Test
  void overlongAndOverflowingNumbersAreRefused() {
    // a section size of six LEB bytes, and a fifth byte with bits above 32
    assertThat(readCode(concat(HEADER, bytes(1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00))))
        .isEqualTo("E4201");
    assertThat(readCode(concat(HEADER, bytes(1, 0x81, 0x80, 0x80, 0x80, 0x10)))).isEqualTo("E4201");
    // a memory minimum that overflows
    assertThat(readCode(concat(HEADER, section(5, bytes(1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)))))
        .isEqualTo("E4201");
  }

  @Test
  void malformedEntriesAreRefused() {
    // a name that is not UTF-8
    assertThat(readCode(concat(HEADER, section(2, bytes(1, 1, 0xFF, 1, 'f', 0, 0)))))
        .isEqualTo("E4201");
    // an import of a type that does not exist
    assertThat(readCode(concat(HEADER, section(2, bytes(1, 1, 'm', 1, 'f', 0, 5)))))
        .isEqualTo("E4201");
    // an export of a function that does not exist
    assertThat(readCode(concat(HEADER, section(7, bytes(1, 1, 'f', 0, 9))))).isEqualTo("E4201");
    // an unknown import kind, an unknown section, a section twice, a section with bytes left over
    assertThat(readCode(concat(HEADER, section(2, bytes(1, 1, 'm', 1, 'f', 9, 0)))))
        .isEqualTo("E4201");
    assertThat(readCode(concat(HEADER, section(99, bytes())))).isEqualTo("E4201");
    assertThat(readCode(concat(HEADER, section(1, bytes(0)), section(1, bytes(0)))))
        .isEqualTo("E4201");
    assertThat(readCode(concat(HEADER, section(1, bytes(0, 0))))).isEqualTo("E4201");
  }

  /** A module of {@code n} function imports `m.f<i>` of type () -> (). */
  private static byte[] manyImports(int n) {
    ByteArrayOutputStream imports = new ByteArrayOutputStream();
    StubModules.u32(imports, n);
    for (int i = 0; i < n; i++) {
      byte[] name = ("f" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      imports.writeBytes(bytes(1, 'm', name.length));
      imports.writeBytes(name);
      imports.writeBytes(bytes(0, 0));
    }
    return concat(HEADER, section(1, bytes(1, 0x60, 0, 0)), section(2, imports.toByteArray()));
  }

  @Test
  void aModuleIsReadWithinTheImplementationLimits() {
    // 100,000 imports is the JS API's limit; one more is refused before it is read
    assertThat(WasmInterface.read("blob", manyImports(100_000)).imports()).hasSize(100_000);
    MosaicException e =
        catchThrowableOfType(
            MosaicException.class, () -> WasmInterface.read("blob", manyImports(100_001)));
    assertThat(e.code()).isEqualTo("E4201");
    assertThat(e.getMessage()).contains("has 100001 imports, more than the 100000");
    // a type with 1,001 parameters
    byte[] params = new byte[1_001];
    Arrays.fill(params, (byte) 0x7F);
    ByteArrayOutputStream type = new ByteArrayOutputStream();
    type.writeBytes(bytes(1, 0x60));
    StubModules.u32(type, 1_001);
    type.writeBytes(params);
    type.write(0);
    assertThat(readCode(concat(HEADER, section(1, type.toByteArray())))).isEqualTo("E4201");
  }

  @Test
  void comparingHugeListsIsLinearAndReportsAtMostFiftyDifferences() {
    // 100,000 real imports against 100,000 declared ones that all differ in type
    WasmInterface shape = WasmInterface.read("blob", manyImports(100_000));
    List<FunctionDecl> declared = new java.util.ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      declared.add(new FunctionDecl("m", "f" + i, LOG));
    }
    Component c = new Component("app", "sha256:" + "0".repeat(64), declared, List.of());
    List<Diagnostic> differences = shape.mismatches(c);
    assertThat(differences).hasSize(50).allMatch(d -> d.code().equals("E4203"));
    assertThat(differences.getFirst().message())
        .isEqualTo(
            "component `app`'s module imports `m.f0` with type () -> (), the plan declares"
                + " (i32, i32) -> ()");
  }
}
