package dev.mosaic.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Test;

/** Tests run what users run: GraalWasm on the optimizing Truffle runtime, not the fallback. */
class OptimizingRuntimeTest {
  @Test
  void engineUsesTheOptimizingRuntime() {
    try (Engine engine =
        Engine.newBuilder("wasm").option("engine.WarnInterpreterOnly", "true").build()) {
      assertThat(engine.getImplementationName()).isNotEqualTo("Interpreted");
      assertThat(engine.getLanguages()).containsKey("wasm");
    }
  }
}
