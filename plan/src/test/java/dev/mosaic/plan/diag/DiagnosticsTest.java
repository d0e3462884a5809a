package dev.mosaic.plan.diag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.plan.MosaicException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {
  @Test
  void keepsTheOrderAddedIn() {
    Diagnostics d = new Diagnostics();
    d.add("E2003", "third");
    d.add("E2001", "first");
    d.add(Diagnostic.of("E2002", "second"));
    assertThat(d.list())
        .extracting(Diagnostic::message)
        .containsExactly("third", "first", "second");
    assertThat(d.count()).isEqualTo(3);
  }

  @Test
  void pastTheCapTheRestAreCountedAndTheLastKeptSaysHowMany() {
    Diagnostics d = new Diagnostics(3);
    for (int i = 0; i < 10; i++) {
      d.add(Diagnostic.of("E3005", "error " + i).withHelp(i == 2 ? "fix it" : null));
    }
    List<Diagnostic> kept = d.list();
    assertThat(kept)
        .extracting(Diagnostic::message)
        .containsExactly("error 0", "error 1", "error 2");
    assertThat(kept.getLast().help()).isEqualTo("fix it; and 7 more errors not shown");
    assertThat(d.count()).isEqualTo(10);
    assertThatThrownBy(d::throwIfAny)
        .isInstanceOfSatisfying(
            MosaicException.class,
            e -> {
              assertThat(e.diagnostics()).hasSize(3);
              assertThat(e.diagnostics().getLast().help()).endsWith("and 7 more errors not shown");
            });
  }

  @Test
  void aCapWithoutHelpGetsOne() {
    Diagnostics d = new Diagnostics(1);
    d.add("E3005", "a");
    d.add("E3005", "b");
    assertThat(d.list().getFirst().help()).isEqualTo("and 1 more errors not shown");
  }

  @Test
  void nothingAddedThrowsNothing() {
    Diagnostics d = new Diagnostics(5);
    d.throwIfAny();
    assertThat(d.any()).isFalse();
    assertThat(d.list()).isEmpty();
    assertThatThrownBy(() -> new Diagnostics(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLongQuotedNameIsShortenedAndTheLocationAndLabelsAreKept() {
    String hostile = "a".repeat(100_000);
    SourceLocation at = new SourceLocation("x.mosaic", 3, 7, 5);
    SourceLocation first = new SourceLocation("x.mosaic", 1, 1, 5);
    Diagnostics d = new Diagnostics();
    d.add(
        new Diagnostic(
                "E2002", "`" + hostile + "` is declared twice", at, "rename `" + hostile + "`")
            .withLabel(first, "first declared here"));
    Diagnostic shown = d.list().getFirst();
    assertThat(shown.message())
        .startsWith("`" + "a".repeat(64) + "…` (100000 characters)")
        .hasSizeLessThan(200);
    assertThat(shown.help()).hasSizeLessThan(200).contains("(100000 characters)");
    assertThat(shown.location()).isEqualTo(at);
    assertThat(shown.labels()).containsExactly(new Diagnostic.Label(first, "first declared here"));
  }

  @Test
  void shortQuotesAndWarningsAreKeptWholeAndWarningsAreNeverCapped() {
    Diagnostics d = new Diagnostics(1);
    for (int i = 0; i < 5; i++) {
      d.warn(Diagnostic.of("E2030", "`name" + i + "` is unused"));
    }
    assertThat(d.warnings()).hasSize(5);
    assertThat(d.warnings().getFirst().message()).isEqualTo("`name0` is unused");
    assertThat(d.any()).isFalse();
    assertThat(Diagnostics.shorten("`" + "é".repeat(200) + "`")).contains("(200 characters)");
  }
}
