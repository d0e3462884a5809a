package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.interpreter.compiler.CapabilityReach;
import dev.mosaic.interpreter.compiler.Compiler;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.store.FileBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scripts compile to the plans in their golden files, printed in CBOR diagnostic notation ({@code
 * NAME.plan.txt}), with their capability reach ({@code NAME.reach.txt}).
 */
class GoldenPlanTest {
  @TempDir Path store;

  static Stream<Path> scripts() throws Exception {
    return Golden.scripts("plan").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void compilesToTheGoldenPlan(Path script) throws Exception {
    CompileResult result = compile(script);
    assertThat(result.diagnostics()).as(result.render()).isEmpty();
    PlanCodec codec = new PlanCodec();
    byte[] bytes = codec.encode(result.plan());
    String printed =
        "/ " + PlanCodec.digestOf(bytes) + " /\n" + CborDiagnosticNotation.print(bytes);
    Golden.check(Golden.sibling(script, ".plan.txt"), printed);
    // What the compiler gives out, the validator accepts (signatures are checked with blobs).
    assertThat(
            new PlanValidator(SystemLimits.DEFAULT, new FileBlobStore(store, 1 << 20))
                .checkWithoutBlobs(codec.decode(bytes)))
        .isEmpty();
    Golden.check(Golden.sibling(script, ".reach.txt"), CapabilityReach.render(result.reach()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void compilesToTheSameBytesWithAnotherStore(Path script, @TempDir Path otherStore)
      throws Exception {
    PlanCodec codec = new PlanCodec();
    byte[] first = codec.encode(compile(script).plan());
    byte[] second =
        codec.encode(
            new Compiler(new FileBlobStore(otherStore, 1 << 20))
                .allowing(Golden.FIXTURES)
                .compile(
                    script.getFileName().toString(), Files.readString(script), script.getParent())
                .plan());
    assertThat(second).isEqualTo(first);
    assertThat(codec.decode(first)).isEqualTo(compile(script).plan());
  }

  private CompileResult compile(Path script) throws Exception {
    return new Compiler(new FileBlobStore(store, 1 << 20))
        .allowing(Golden.FIXTURES)
        .compile(script.getFileName().toString(), Files.readString(script), script.getParent());
  }
}
