package dev.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * A command line that names a verb builds only that verb; every other command line sees all of
 * them. What a user sees must not depend on which were built.
 */
class VerbRegistrationTest {
  record Outcome(int exit, String out, String err) {}

  static Outcome mosaic(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exit, out.toString(), err.toString());
  }

  @Test
  void everyVerbIsRegisteredUnderItsOwnName() {
    for (Map.Entry<String, Class<?>> verb : Main.VERBS.entrySet()) {
      Command command = verb.getValue().getAnnotation(Command.class);
      assertThat(command).as(verb.getKey()).isNotNull();
      assertThat(command.name()).isEqualTo(verb.getKey());
      assertThat(command.aliases()).as("aliases of " + verb.getKey()).isEmpty();
    }
  }

  @Test
  void helpListsEveryVerb() {
    Outcome help = mosaic("--help");
    assertThat(help.exit()).isZero();
    for (String verb : Main.VERBS.keySet()) {
      assertThat(help.out()).containsPattern("(?m)^\\s+" + verb + "\\s");
    }
    assertThat(mosaic().out()).isEqualTo(help.out());
  }

  @Test
  void aMisspeltVerbIsRefusedWithASuggestion() {
    Outcome o = mosaic("valdate", "x.plan");
    assertThat(o.exit()).isEqualTo(64);
    assertThat(o.err()).contains("valdate").contains("validate");
  }

  @Test
  void aVerbsOwnHelpAndErrorsNameTheVerb() {
    Outcome help = mosaic("validate", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: mosaic validate");
    Outcome wrong = mosaic("validate", "x.plan", "--no-such-option");
    assertThat(wrong.exit()).isEqualTo(64);
    assertThat(wrong.err()).contains("--no-such-option").contains("Usage: mosaic validate");
  }

  @Test
  void anOptionBeforeTheVerbStillFindsIt() {
    Outcome o = mosaic("--version");
    assertThat(o.exit()).isZero();
    assertThat(o.out()).startsWith("mosaic ");
  }
}
