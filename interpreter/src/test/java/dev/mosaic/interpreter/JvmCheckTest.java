package dev.mosaic.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.plan.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmCheckTest {
  private static final List<String> ALL =
      List.of(
          "-XX:+UnlockExperimentalVMOptions",
          "-XX:+EnableJVMCI",
          "--upgrade-module-path=target/graal/compiler-25.0.2.jar",
          "--module-path=target/graal");

  private static List<String> codes(List<Diagnostic> findings) {
    return findings.stream().map(Diagnostic::code).toList();
  }

  @Test
  void theDocumentedFlagsLeaveNothingMissing() {
    assertThat(JvmCheck.check(ALL, true, "100000", true, true)).isEmpty();
  }

  @Test
  void eachMissingFlagIsNamedWithItsCodeAndTheFlagToAdd() {
    List<Diagnostic> none = JvmCheck.check(List.of(), false, null, false, false);
    assertThat(codes(none)).containsExactly("E0020", "E0021", "E0022", "E0023");
    assertThat(none.get(0).message()).contains("JVMCI is not enabled", "Graal compiler");
    assertThat(none.get(0).help()).contains("-XX:+EnableJVMCI", "--upgrade-module-path");
    assertThat(none.get(1).help()).isEqualTo("add -Djdk.graal.MaximumLoopExplosionCount=100000");
    assertThat(none.get(2).message()).contains("E7117");
    assertThat(none.get(2).help())
        .isEqualTo("add --add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED");
    assertThat(none.get(3).help()).contains("--enable-native-access=ALL-UNNAMED");
  }

  @Test
  void jvmciWithoutTheCompilerIsStillTheFallbackRuntime() {
    List<Diagnostic> findings =
        JvmCheck.check(List.of("-XX:+EnableJVMCI"), false, "100000", true, true);
    assertThat(codes(findings)).containsExactly("E0020");
    assertThat(findings.getFirst().message()).doesNotContain("JVMCI is not enabled");
  }

  @Test
  void theCompilerIsFoundWhereverItWasLoadedFrom() {
    // The launcher's run-time image: the compiler on the module path, no upgrade path.
    List<String> image =
        List.of(
            "-XX:+UnlockExperimentalVMOptions",
            "-XX:+EnableJVMCI",
            "--module-path=repl/target/graal/compiler-25.0.2.jar",
            "--add-modules=jdk.graal.compiler");
    assertThat(JvmCheck.check(image, true, "100000", true, true)).isEmpty();
    // An upgrade path that names a compiler jar but did not load one is still the fallback.
    assertThat(codes(JvmCheck.check(ALL, false, "100000", true, true))).containsExactly("E0020");
  }

  @Test
  void theTestJvmHasTheCompilerGraalWasmNeeds() {
    // Surefire runs with graal.jvm.args (pom.xml): GraalWasm's compiler on the upgrade path.
    assertThat(JvmCheck.truffleCompilerLoaded()).isTrue();
  }

  @Test
  void aLowOrGarbledLoopExplosionCountIsReported() {
    assertThat(codes(JvmCheck.check(ALL, true, "10000", true, true))).containsExactly("E0021");
    assertThat(codes(JvmCheck.check(ALL, true, "lots", true, true))).containsExactly("E0021");
    assertThat(JvmCheck.check(ALL, true, "lots", true, true).getFirst().message())
        .contains("`lots`");
  }

  @Test
  void theRunningJvmIsCheckedWithoutThrowingAndRendersWarnings() {
    assertThat(JvmCheck.warnings())
        .allSatisfy(
            line -> assertThat(line).matches("warning\\[E002[0-3]\\]: .+ \\(help: add .+\\)"));
  }
}
