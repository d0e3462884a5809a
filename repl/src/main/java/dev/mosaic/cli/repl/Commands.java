package dev.mosaic.cli.repl;

import dev.mosaic.cli.text.AuditLines;
import dev.mosaic.cli.text.Explanation;
import dev.mosaic.cli.text.PlanSummary;
import dev.mosaic.cli.text.RuleText;
import dev.mosaic.interpreter.compiler.Compiler;
import dev.mosaic.interpreter.compiler.ScriptFiles;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.rules.PolicyEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The REPL's {@code :commands} as data: one table of name, arguments, help line and handler, which
 * dispatch, completion and {@code :help} all read.
 */
final class Commands {
  private Commands() {}

  /** Lines {@code :audit} shows without an argument. */
  private static final int DEFAULT_AUDIT_LINES = 10;

  /** Every command, in the order {@code :help} lists them. */
  static final List<ReplCommand> ALL =
      List.of(
          new ReplCommand("help", "", "show this help", Commands::help),
          new ReplCommand(
              "load",
              "FILE",
              "start over from a script (its paths resolve from its folder)",
              Commands::load),
          new ReplCommand("plan", "", "show the current plan and its digest", Commands::plan),
          new ReplCommand(
              "caps",
              "",
              "capabilities each component imports or is granted, and the deciding rule",
              Commands::caps),
          new ReplCommand(
              "explain",
              "COMPONENT CAPABILITY [PARAM]",
              "which rule allows or denies a capability, and where it is",
              Commands::explain),
          new ReplCommand(
              "audit",
              "[N]",
              "the last N (default " + DEFAULT_AUDIT_LINES + ") lines of the tenant's audit log",
              Commands::audit),
          new ReplCommand("reset", "", "forget all declarations and variables", Commands::reset),
          new ReplCommand("quit", "", "leave (Ctrl-D does too)", Commands::quit));

  static List<ReplCommand> all() {
    return ALL;
  }

  private static ReplCommand named(String name) {
    return ALL.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  /** {@code :help}. */
  private static boolean help(String argument, Repl repl) {
    PrintWriter out = repl.out();
    out.println("Type declarations and statements of the Mosaic language; an input continues");
    out.println("while braces or parentheses are open. Declarations (tenant, component, bind,");
    out.println("policy, export) stay for the session; statements run at once. When declarations");
    out.println("change the plan it is validated and instantiated again; `let` variables stay.");
    out.println();
    for (ReplCommand c : repl.commands()) {
      String usage = ":" + c.name() + (c.arguments().isEmpty() ? "" : " " + c.arguments());
      out.printf("  %-40s %s%n", usage, c.summary());
    }
    return true;
  }

  /** {@code :load FILE}. */
  private static boolean load(String argument, Repl repl) {
    if (argument.isEmpty()) {
      repl.usage(named("load"));
      return true;
    }
    Path file = Path.of(argument);
    String text;
    try {
      text = ScriptFiles.read(file, file.toString());
    } catch (MosaicException e) {
      repl.report(e);
      return true;
    }
    repl.session().load(file, text);
    return true;
  }

  /** {@code :plan}. */
  private static boolean plan(String argument, Repl repl) {
    Session s = repl.session();
    Plan plan = s.plan().orElse(null);
    if (plan == null) {
      repl.out().println("no plan yet: declare a component");
      return true;
    }
    String digest = s.validated().map(ValidatedPlan::digest).orElse("(not valid)");
    repl.out().print(PlanSummary.render(digest, plan, c -> true));
    if (s.planError().isPresent()) {
      repl.out().println("the plan does not validate:");
      s.reportPlanError();
    }
    return true;
  }

  /** {@code :caps}. */
  private static boolean caps(String argument, Repl repl) {
    Plan plan = repl.session().plan().orElse(null);
    PrintWriter out = repl.out();
    if (plan == null || plan.components().isEmpty()) {
      out.println("no components yet");
      return true;
    }
    PolicyEngine policy = new PolicyEngine(plan.policy());
    for (Component c : plan.components()) {
      out.println(c.id());
      boolean any = false;
      for (String capability : Capabilities.KNOWN) {
        boolean imported = c.imports().stream().anyMatch(f -> f.asksFor(capability));
        PolicyEngine.Decision d = policy.decide(c.id(), capability, null);
        if (!imported && !d.allowed()) {
          continue;
        }
        any = true;
        out.printf(
            "  %-8s %-12s %s%n", capability, imported ? "imported" : "not imported", decision(d));
      }
      if (!any) {
        out.println("  (no capabilities)");
      }
    }
    return true;
  }

  /** {@code :explain COMPONENT CAPABILITY [PARAM]}. */
  private static boolean explain(String argument, Repl repl) {
    String[] words = argument.isEmpty() ? new String[0] : argument.split("\\s+");
    if (words.length < 2 || words.length > 3) {
      repl.usage(named("explain"));
      return true;
    }
    try {
      Explanation e =
          repl.session().explain(words[0], words[1], words.length == 3 ? words[2] : null);
      repl.out().print(e.text());
    } catch (Explanation.UnknownName e) {
      repl.out().println("error: " + e.getMessage());
    }
    return true;
  }

  /** {@code :audit [N]}: the last lines of the session tenant's audit log. */
  private static boolean audit(String argument, Repl repl) {
    PrintWriter out = repl.out();
    int n = DEFAULT_AUDIT_LINES;
    if (!argument.isEmpty()) {
      try {
        n = Integer.parseInt(argument);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0) {
        repl.usage(named("audit"));
        return true;
      }
    }
    Path dir = repl.auditDir().orElse(null);
    if (dir == null) {
      out.println("this session keeps no audit log");
      return true;
    }
    String tenant = repl.session().plan().map(Plan::tenant).orElse(Compiler.DEFAULT_TENANT);
    Path log = dir.resolve(tenant).resolve("audit.jsonl");
    if (!Files.isRegularFile(log)) {
      out.println("no audit events for tenant `" + tenant + "` yet (" + log + ")");
      return true;
    }
    try {
      for (String line : AuditLines.last(log, n)) {
        out.println(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  /** {@code :reset}. */
  private static boolean reset(String argument, Repl repl) {
    repl.session().reset();
    repl.out().println("session reset");
    return true;
  }

  /** {@code :quit}. */
  private static boolean quit(String argument, Repl repl) {
    return false;
  }

  private static String decision(PolicyEngine.Decision d) {
    PolicyRule rule = d.rule();
    if (rule == null) {
      return "denied (no rule allows it)";
    }
    return (d.allowed() ? "granted by `" : "denied by `") + RuleText.of(rule) + "`";
  }
}
