package dev.mosaic.host.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import dev.mosaic.host.TestPlans;
import org.junit.jupiter.api.Test;

/** Moving a start function to an export keeps the module valid and everything else as it was. */
class StartFunctionTest {
  /** {@code (module (func $s) (start $s))}: no export section at all. */
  private static final byte[] ONLY_START = {
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00, // magic, version
    0x01,
    0x04,
    0x01,
    0x60,
    0x00,
    0x00, // type: () -> ()
    0x03,
    0x02,
    0x01,
    0x00, // function 0 of type 0
    0x08,
    0x01,
    0x00, // start: function 0
    0x0a,
    0x04,
    0x01,
    0x02,
    0x00,
    0x0b // code: no locals, end
  };

  /** {@link #ONLY_START} that also exports its start function as {@code mosaic:start}. */
  private static final byte[] NAME_TAKEN = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02,
    0x01, 0x00, 0x07, 0x10, 0x01, 0x0c, 'm', 'o', 's', 'a', 'i', 'c', ':', 's', 't', 'a', 'r', 't',
    0x00, 0x00, 0x08, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b
  };

  @Test
  void aModuleWithoutExportsGetsOneForItsStartFunction() {
    StartFunction.Moved moved = StartFunction.move(ONLY_START);
    assertThat(moved.export()).isEqualTo("mosaic:start");
    WasmModule module = Parser.parse(moved.module());
    assertThat(module.startSection()).isEmpty();
    assertThat(module.exportSection().exportCount()).isEqualTo(1);
    assertThat(module.exportSection().getExport(0).name()).isEqualTo("mosaic:start");
    assertThat(module.exportSection().getExport(0).exportType()).isEqualTo(ExternalType.FUNCTION);
    assertThat(module.exportSection().getExport(0).index()).isZero();
  }

  @Test
  void existingExportsStay() {
    byte[] withExports = TestPlans.wasm("startspin");
    StartFunction.Moved moved = StartFunction.move(withExports);
    WasmModule module = Parser.parse(moved.module());
    assertThat(module.startSection()).isEmpty();
    assertThat(module.exportSection().exportCount()).isEqualTo(2);
    assertThat(module.exportSection().getExport(0).name()).isEqualTo("ok");
    assertThat(moved.export()).isEqualTo("mosaic:start");
    assertThat(StartFunction.export(withExports)).isEqualTo("mosaic:start");
    // Moved once, there is no start function left to move.
    assertThat(StartFunction.move(moved.module()).export()).isNull();
  }

  @Test
  void aNameTheGuestAlreadyExportsIsNotReused() {
    StartFunction.Moved moved = StartFunction.move(NAME_TAKEN);
    assertThat(moved.export()).isEqualTo("mosaic:start'");
    WasmModule module = Parser.parse(moved.module());
    assertThat(module.startSection()).isEmpty();
    assertThat(module.exportSection().exportCount()).isEqualTo(2);
    assertThat(module.exportSection().getExport(1).name()).isEqualTo("mosaic:start'");
  }

  @Test
  void aModuleWithoutStartFunctionIsLeftAlone() {
    byte[] wasm = TestPlans.wasm("hostile");
    StartFunction.Moved moved = StartFunction.move(wasm);
    assertThat(moved.export()).isNull();
    assertThat(moved.module()).isSameAs(wasm);
  }
}
