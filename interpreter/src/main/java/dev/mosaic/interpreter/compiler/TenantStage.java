package dev.mosaic.interpreter.compiler;

import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.LimitDecl;
import dev.mosaic.dsl.ast.Span;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.diag.Suggest;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.diag.SourceLocation;
import dev.mosaic.plan.rules.PlanRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiler stage: the tenant and its limits, with units checked and converted ({@code 16 MiB} to
 * bytes, {@code 2 s} to milliseconds).
 */
final class TenantStage {
  /** Limit names this version knows. */
  static final List<String> LIMITS = List.of("max-components", "max-memory", "max-time");

  /** Size units and their factors. */
  static final List<String> SIZE_UNITS = List.of("B", "KiB", "MiB", "GiB");

  /** Time units and their factors. */
  static final List<String> TIME_UNITS = List.of("ms", "s");

  private final Problems problems;
  private final SystemLimits system;

  TenantStage(Problems problems) {
    this(problems, SystemLimits.DEFAULT);
  }

  /** A stage that also checks the limits against what a host with {@code system} limits has. */
  TenantStage(Problems problems, SystemLimits system) {
    this.problems = problems;
    this.system = system;
  }

  /**
   * The tenant a script declares.
   *
   * @param name tenant name
   * @param limits its limits, defaults where not given
   * @param valid whether the name is a valid tenant name (a store may be opened for it)
   * @param file the file that declares it, or {@code null} for the default tenant
   * @param limitSpans where each given limit is written, by limit name
   */
  record Tenant(
      String name, TenantLimits limits, boolean valid, String file, Map<String, Span> limitSpans) {
    Tenant(String name, TenantLimits limits) {
      this(name, limits, true, null, Map.of());
    }
  }

  Tenant run(List<Located> items) {
    Tenant result = new Tenant(Compiler.DEFAULT_TENANT, TenantLimits.DEFAULT);
    boolean seen = false;
    SourceLocation firstTenant = null;
    for (Located located : items) {
      if (!(located.item() instanceof Item.Tenant t)) {
        continue;
      }
      if (seen) {
        problems.add(
            new dev.mosaic.plan.diag.Diagnostic(
                    LangCodes.DUPLICATE_TENANT,
                    "a script has one tenant, `" + result.name() + "` is already declared",
                    Problems.at(located.file(), t.span()),
                    "split the script, one per tenant")
                .withLabel(firstTenant, "the tenant is declared here"));
        limits(located.file(), t);
        continue;
      }
      seen = true;
      firstTenant = Problems.at(located.file(), t.span());
      boolean valid = true;
      var badName = PlanRules.tenantName(t.name());
      if (badName.isPresent()) {
        problems.add(badName.get().at(Problems.at(located.file(), t.nameSpan())));
        valid = false;
      }
      Map<String, Span> spans = new HashMap<>();
      t.limits().forEach(l -> spans.putIfAbsent(l.name(), l.span()));
      TenantLimits limits = limits(located.file(), t);
      PlanRules.tenantMemory(limits, system)
          .ifPresent(
              d ->
                  problems.add(
                      d.at(Problems.at(located.file(), spans.getOrDefault("max-memory", t.span())))
                          .withHelp(
                              "a host has at most "
                                  + system.maxTotalMemoryBytes()
                                  + " bytes of memory for all tenants; lower `max-memory`")));
      result = new Tenant(t.name(), limits, valid, located.file(), Map.copyOf(spans));
    }
    return result;
  }

  private TenantLimits limits(String file, Item.Tenant t) {
    long components = TenantLimits.DEFAULT.maxComponents();
    long memory = TenantLimits.DEFAULT.maxMemoryBytes();
    long time = TenantLimits.DEFAULT.maxExecutionMillis();
    Map<String, Span> given = new HashMap<>();
    for (LimitDecl l : t.limits()) {
      Span first = LIMITS.contains(l.name()) ? given.putIfAbsent(l.name(), l.span()) : null;
      if (first != null) {
        problems.duplicate(
            LangCodes.DUPLICATE_NAME,
            "limit `" + l.name() + "` is set twice",
            file,
            l.span(),
            null,
            Problems.at(file, first));
        continue;
      }
      switch (l.name()) {
        case "max-components" -> {
          if (!l.unit().isEmpty()) {
            problems.error(
                LangCodes.BAD_UNIT,
                "`max-components` takes a plain number, not `" + l.unit() + "`",
                file,
                l.span(),
                "write `max-components " + l.amount() + "`");
          }
          components = positive(file, l, l.amount(), Integer.MAX_VALUE);
        }
        case "max-memory" ->
            memory =
                scaled(
                    file, l, SIZE_UNITS, new long[] {1, 1 << 10, 1 << 20, 1 << 30}, "a size unit");
        case "max-time" -> time = scaled(file, l, TIME_UNITS, new long[] {1, 1000}, "a time unit");
        default ->
            problems.error(
                LangCodes.UNKNOWN_LIMIT,
                "unknown limit `" + l.name() + "`",
                file,
                l.span(),
                Suggest.help(l.name(), LIMITS));
      }
    }
    return new TenantLimits((int) components, memory, time);
  }

  private long scaled(String file, LimitDecl l, List<String> units, long[] factors, String kind) {
    int index = units.indexOf(l.unit());
    if (index < 0) {
      String help = l.unit().isEmpty() ? null : Suggest.help(l.unit(), units);
      String binary = l.unit().length() == 2 ? l.unit().charAt(0) + "iB" : "";
      if (l.unit().endsWith("B") && units.contains(binary)) {
        help = "sizes are binary: did you mean `" + binary + "`?";
      }
      problems.error(
          LangCodes.BAD_UNIT,
          l.unit().isEmpty()
              ? "`" + l.name() + "` needs " + kind
              : "`" + l.unit() + "` is not " + kind + " for `" + l.name() + "`",
          file,
          l.span(),
          help != null ? help : "use one of " + String.join(", ", units));
      return 1;
    }
    long factor = factors[index];
    if (l.amount() > Long.MAX_VALUE / factor) {
      return positive(file, l, Long.MAX_VALUE, 0);
    }
    return positive(file, l, l.amount() * factor, Long.MAX_VALUE);
  }

  private long positive(String file, LimitDecl l, long value, long max) {
    if (value < 1 || value > max) {
      problems.error(
          LangCodes.BAD_LIMIT_VALUE,
          value < 1
              ? "`" + l.name() + "` must be at least 1"
              : "`" + l.name() + "` of " + l.amount() + " " + l.unit() + " is too large",
          file,
          l.span(),
          null);
      return 1;
    }
    return value;
  }
}
