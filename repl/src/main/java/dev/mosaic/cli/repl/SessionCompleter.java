package dev.mosaic.cli.repl;

import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes {@code :commands}, file names after {@code :load}, and in the language: keywords,
 * component names, {@code component.export} calls, capabilities and variables the session knows.
 */
final class SessionCompleter implements Completer {
  private final Supplier<Session> session;
  private final List<ReplCommand> commands;
  private final Completer files = new Completers.FileNameCompleter();

  SessionCompleter(Supplier<Session> session, List<ReplCommand> commands) {
    this.session = session;
    this.commands = commands;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    boolean command = !words.isEmpty() && words.getFirst().startsWith(":");
    if (command && line.wordIndex() == 0) {
      for (ReplCommand c : commands) {
        candidates.add(
            new Candidate(":" + c.name(), ":" + c.name(), null, c.summary(), null, null, true));
      }
      return;
    }
    if (command && words.getFirst().equals(":load")) {
      files.complete(reader, line, candidates);
      return;
    }
    Plan plan = session.get().plan().orElse(null);
    List<String> components =
        plan == null ? List.of() : plan.components().stream().map(Component::id).toList();
    if (command && words.getFirst().equals(":explain")) {
      List<String> options = line.wordIndex() == 1 ? components : Capabilities.KNOWN;
      options.forEach(o -> candidates.add(new Candidate(o)));
      return;
    }
    List<String> options = new ArrayList<>(Lexing.keywords());
    options.addAll(components);
    options.addAll(Capabilities.KNOWN);
    options.addAll(session.get().variables());
    if (plan != null) {
      for (Component c : plan.components()) {
        for (FunctionDecl f : c.exports()) {
          options.add(c.id() + "." + f.name());
        }
      }
    }
    options.stream().distinct().forEach(o -> candidates.add(new Candidate(o)));
  }
}
