package dev.mosaic.plan.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.StubModules;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.store.MemoryBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target {@code plan_parse}: decode and validate arbitrary bytes. Anything but a {@link
 * MosaicException} with a coded diagnostic is a finding (an unchecked exception, a stack overflow,
 * an out-of-memory error, a hang).
 *
 * <p>In a normal build this runs the seed corpus in {@code
 * src/test/resources/dev/mosaic/plan/fuzz/PlanParseFuzzTestInputs/plan_parse} as a regression test;
 * with {@code JAZZER_FUZZ=1} it fuzzes (see {@code scripts/fuzz}).
 */
class PlanParseFuzzTest {
  private static final MemoryBlobStore STORE = new MemoryBlobStore();
  private static final PlanValidator VALIDATOR = new PlanValidator(SystemLimits.DEFAULT, STORE);

  static {
    // Blobs of the seed plans, so fuzzing reaches the graph and bindings phases: modules with
    // the interfaces the seeds declare.
    for (String seed : new String[] {"valid-chain", "signed", "cycle"}) {
      try (InputStream in =
          PlanParseFuzzTest.class.getResourceAsStream(
              "PlanParseFuzzTestInputs/plan_parse/" + seed)) {
        for (Component c : new PlanCodec().decode(in.readAllBytes()).components()) {
          STORE.put("acme", StubModules.module(c.imports(), c.exports(), c.id()));
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @Test
  void seedsReachEveryPhase() throws IOException {
    Map<String, String> expected = new TreeMap<>();
    expected.put("valid-chain", "ok");
    expected.put("signed", "E4115");
    expected.put("cycle", "E5001");
    expected.put("unknown-version", "E3003");
    expected.put("empty-plan", "ok");
    expected.put("huge-array", "E3006");
    expected.put("deep-nesting", "E8004");
    expected.put("duplicate-key", "E3009");
    expected.put("indefinite", "E3002");
    Map<String, String> actual = new TreeMap<>();
    for (String seed : expected.keySet()) {
      try (InputStream in =
          PlanParseFuzzTest.class.getResourceAsStream(
              "PlanParseFuzzTestInputs/plan_parse/" + seed)) {
        byte[] bytes = in.readAllBytes();
        try {
          VALIDATOR.validate(bytes);
          actual.put(seed, "ok");
        } catch (MosaicException e) {
          actual.put(seed, e.code());
        }
      }
    }
    assertThat(actual).isEqualTo(expected);
  }

  @FuzzTest(maxDuration = "60s")
  void plan_parse(byte[] input) {
    try {
      ValidatedPlan plan = VALIDATOR.validate(input);
      // Only the canonical encoding of a plan may be accepted.
      if (!Arrays.equals(new PlanCodec().encode(plan.plan()), input)) {
        throw new IllegalStateException("accepted a plan that is not in canonical form");
      }
    } catch (MosaicException e) {
      String code = e.code();
      if (code.length() != 5 || code.charAt(0) != 'E' || code.charAt(1) < '3') {
        throw new IllegalStateException("unexpected code " + code, e);
      }
    }
  }
}
