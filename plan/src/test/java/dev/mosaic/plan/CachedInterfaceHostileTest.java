package dev.mosaic.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One validator, many plans, hostile blobs: a module whose interface cannot be read is reported by
 * every validation (its failure is never kept), and a store that serves a kept module cut short
 * under the same digest gets the cut module's own error, not the kept interface.
 */
class CachedInterfaceHostileTest {
  private static final FunctionDecl RUN =
      new FunctionDecl("", "run", new FuncType(List.of(), List.of("i32")));

  private static Plan planOf(String digest) {
    return new Plan(
        1,
        "acme",
        List.of(new Component("app", digest, List.of(), List.of(RUN))),
        List.of(),
        List.of(),
        new TenantLimits(10, 16L << 20, 1_000),
        List.of(new EntryPoint("app", "run")));
  }

  @Test
  void aModuleWhoseInterfaceCannotBeReadIsReportedByEveryValidation() {
    byte[] good = StubModules.module(List.of(), List.of(RUN), "m");
    byte[] cut = Arrays.copyOf(good, good.length - 3);
    String digest = PlanCodec.digestOf(cut);
    PlanValidator validator =
        new PlanValidator(
            SystemLimits.DEFAULT, UnverifiedStore.serving(digest, new byte[][] {cut}));
    for (int i = 0; i < 3; i++) {
      MosaicException e =
          catchThrowableOfType(MosaicException.class, () -> validator.validate(planOf(digest)));
      assertThat(e).as("validation %d", i).isNotNull();
      assertThat(e.code()).isEqualTo("E4201");
    }
  }

  @Test
  void aKeptModuleServedCutShortUnderItsDigestIsReadAgainAndRefused() {
    byte[] good = StubModules.module(List.of(), List.of(RUN), "m");
    String digest = PlanCodec.digestOf(good);
    byte[][] served = {good};
    PlanValidator validator =
        new PlanValidator(SystemLimits.DEFAULT, UnverifiedStore.serving(digest, served));
    validator.validate(planOf(digest));
    validator.validate(planOf(digest));
    served[0] = Arrays.copyOf(good, good.length - 1);
    MosaicException e =
        catchThrowableOfType(MosaicException.class, () -> validator.validate(planOf(digest)));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo("E4201");
    // The honest bytes again: accepted, from a fresh read or the kept interface alike.
    served[0] = good;
    assertThat(validator.validate(planOf(digest))).isNotNull();
  }
}
