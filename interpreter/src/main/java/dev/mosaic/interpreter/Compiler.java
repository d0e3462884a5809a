package dev.mosaic.interpreter;

import dev.mosaic.dsl.ParseResult;
import dev.mosaic.dsl.ScriptParser;
import dev.mosaic.dsl.SyntaxError;
import dev.mosaic.dsl.ast.Expr;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.LimitDecl;
import dev.mosaic.dsl.ast.RuleDecl;
import dev.mosaic.dsl.ast.Script;
import dev.mosaic.dsl.ast.Span;
import dev.mosaic.host.ModuleInspector;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.BlobStore;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanCodes;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.SourceLocation;
import dev.mosaic.plan.TenantLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles Mosaic source to a {@link Plan} in named stages: parse, resolve components (storing
 * their bytes in the tenant's blob store), check names, then build the plan. Every stage reports
 * all its errors.
 */
public final class Compiler {
  /** Tenant used when a script declares none. */
  public static final String DEFAULT_TENANT = "default";

  private final BlobStore blobs;

  public Compiler(BlobStore blobs) {
    this.blobs = blobs;
  }

  /**
   * Compiles a script.
   *
   * @param file name shown in diagnostics
   * @param source script text
   * @param baseDir directory that relative component paths are resolved against
   */
  public CompileResult compile(String file, String source, Path baseDir) {
    ParseResult parsed = ScriptParser.parse(file, source);
    if (!parsed.ok()) {
      List<Diagnostic> ds = new ArrayList<>();
      for (SyntaxError e : parsed.errors()) {
        ds.add(new Diagnostic(e.code(), e.message(), at(file, e.span()), null));
      }
      return new CompileResult(file, source, null, List.of(), ds);
    }
    return new Run(file, parsed.script(), baseDir).compile(source);
  }

  private static SourceLocation at(String file, Span span) {
    return new SourceLocation(file, span.line(), span.column(), span.length());
  }

  /** State of one compilation. */
  private final class Run {
    private final String file;
    private final Script script;
    private final Path baseDir;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, Component> components = new LinkedHashMap<>();
    // Declared components whose module could not be read: already reported, so later
    // references to them stay quiet instead of cascading.
    private final java.util.Set<String> unresolved = new java.util.HashSet<>();
    private String tenant = DEFAULT_TENANT;
    private TenantLimits limits = TenantLimits.DEFAULT;

    Run(String file, Script script, Path baseDir) {
      this.file = file;
      this.script = script;
      this.baseDir = baseDir;
    }

    CompileResult compile(String source) {
      if (script.version() != 0 && script.version() != 1) {
        error(
            LangCodes.UNSUPPORTED_VERSION,
            "unsupported language version " + script.version(),
            script.span(),
            "this compiler reads `mosaic 1`");
      }
      for (Item item : script.items()) {
        if (item instanceof Item.Tenant t) {
          tenant(t);
        }
      }
      for (Item item : script.items()) {
        if (item instanceof Item.Component c) {
          component(c);
        }
      }
      List<Binding> bindings = new ArrayList<>();
      List<PolicyRule> rules = new ArrayList<>();
      List<EntryPoint> entries = new ArrayList<>();
      List<Item> statements = new ArrayList<>();
      for (Item item : script.items()) {
        switch (item) {
          case Item.Tenant t -> {}
          case Item.Component c -> {}
          case Item.Bind b -> bind(b, bindings);
          case Item.Policy p -> p.rules().forEach(r -> rule(r, rules));
          case Item.Export e -> {
            if (requireExport(e.component(), e.function(), e.span())) {
              entries.add(new EntryPoint(e.component(), e.function()));
            }
          }
          case Item.Print p -> {
            expr(p.expr());
            statements.add(p);
          }
          case Item.Let l -> {
            expr(l.expr());
            statements.add(l);
          }
          case Item.Eval e -> {
            expr(e.expr());
            statements.add(e);
          }
        }
      }
      if (!diagnostics.isEmpty()) {
        return new CompileResult(file, source, null, List.of(), diagnostics);
      }
      Plan plan =
          new Plan(
              Plan.FORMAT_VERSION,
              tenant,
              List.copyOf(components.values()),
              bindings,
              rules,
              limits,
              entries);
      return new CompileResult(file, source, plan, statements, List.of());
    }

    private void tenant(Item.Tenant t) {
      tenant = t.name();
      int maxComponents = TenantLimits.DEFAULT.maxComponents();
      long memory = TenantLimits.DEFAULT.maxMemoryBytes();
      long time = TenantLimits.DEFAULT.maxExecutionMillis();
      for (LimitDecl l : t.limits()) {
        switch (l.name()) {
          case "max-components" -> {
            if (!l.unit().isEmpty()) {
              error(
                  LangCodes.BAD_UNIT,
                  "`max-components` takes a plain number, not `" + l.unit() + "`",
                  l.span(),
                  null);
            }
            maxComponents = (int) Math.min(Integer.MAX_VALUE, Math.max(1, l.amount()));
          }
          case "max-memory" -> memory = bytes(l);
          case "max-time" -> time = millis(l);
          default ->
              error(
                  LangCodes.UNKNOWN_LIMIT,
                  "unknown limit `" + l.name() + "`",
                  l.span(),
                  Suggest.help(l.name(), List.of("max-components", "max-memory", "max-time")));
        }
      }
      limits = new TenantLimits(maxComponents, Math.max(1, memory), Math.max(1, time));
    }

    private long bytes(LimitDecl l) {
      long scale =
          switch (l.unit()) {
            case "B" -> 1;
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            default -> {
              error(
                  LangCodes.BAD_UNIT,
                  "`" + l.name() + "` needs a size unit, got `" + l.unit() + "`",
                  l.span(),
                  "use B, KiB, MiB or GiB");
              yield 1;
            }
          };
      return Math.multiplyHigh(l.amount(), scale) != 0 ? Long.MAX_VALUE : l.amount() * scale;
    }

    private long millis(LimitDecl l) {
      long scale =
          switch (l.unit()) {
            case "ms" -> 1;
            case "s" -> 1000;
            default -> {
              error(
                  LangCodes.BAD_UNIT,
                  "`" + l.name() + "` needs a time unit, got `" + l.unit() + "`",
                  l.span(),
                  "use ms or s");
              yield 1;
            }
          };
      return Math.multiplyHigh(l.amount(), scale) != 0 ? Long.MAX_VALUE : l.amount() * scale;
    }

    private void component(Item.Component c) {
      if (components.containsKey(c.name()) || unresolved.contains(c.name())) {
        error(
            LangCodes.DUPLICATE_NAME,
            "component `" + c.name() + "` is declared twice",
            c.nameSpan(),
            null);
        return;
      }
      unresolved.add(c.name());
      byte[] bytes;
      String digest;
      try {
        if (c.byDigest()) {
          digest = c.source();
          if (!dev.mosaic.plan.FileBlobStore.isDigest(digest)) {
            error(
                PlanCodes.BAD_DIGEST,
                "malformed digest `" + digest + "`",
                c.span(),
                "a digest is `sha256:` and 64 lowercase hex digits");
            return;
          }
          var found = blobs.get(tenant, digest);
          if (found.isEmpty()) {
            error(
                PlanCodes.BLOB_MISSING,
                "blob `"
                    + digest
                    + "` of component `"
                    + c.name()
                    + "` is not in the store of tenant `"
                    + tenant
                    + "`",
                c.span(),
                "add it with `mosaic blob add FILE --tenant " + tenant + "`");
            return;
          }
          bytes = found.get();
        } else {
          Path path = baseDir.resolve(c.source()).normalize();
          try {
            bytes = Files.readAllBytes(path);
          } catch (NoSuchFileException e) {
            error(
                LangCodes.FILE_MISSING,
                "component file `" + c.source() + "` does not exist",
                c.span(),
                null);
            return;
          } catch (IOException e) {
            error(
                LangCodes.FILE_MISSING,
                "cannot read component file `" + c.source() + "`",
                c.span(),
                null);
            return;
          }
          digest = blobs.put(tenant, bytes);
        }
        var shape = ModuleInspector.inspect(c.source(), bytes);
        components.put(c.name(), new Component(c.name(), digest, shape.imports(), shape.exports()));
        unresolved.remove(c.name());
      } catch (MosaicException e) {
        for (Diagnostic d : e.diagnostics()) {
          diagnostics.add(new Diagnostic(d.code(), d.message(), at(file, c.span()), d.help()));
        }
      }
    }

    private void bind(Item.Bind b, List<Binding> out) {
      boolean ok = requireComponent(b.importer(), b.importerSpan());
      ok &= requireExport(b.exporter(), b.export(), b.exporterSpan());
      if (ok) {
        out.add(new Binding(b.importer(), b.module(), b.field(), b.exporter(), b.export()));
      }
    }

    private void rule(RuleDecl r, List<PolicyRule> out) {
      boolean ok = r.target().equals("*") || requireComponent(r.target(), r.targetSpan());
      if (!Capabilities.KNOWN.contains(r.capability())) {
        error(
            LangCodes.UNKNOWN_CAPABILITY,
            "unknown capability `" + r.capability() + "`",
            r.capabilitySpan(),
            Suggest.help(r.capability(), Capabilities.KNOWN));
        ok = false;
      }
      if (ok) {
        out.add(
            new PolicyRule(
                r.allow() ? PolicyRule.Effect.ALLOW : PolicyRule.Effect.DENY,
                r.target(),
                r.capability(),
                r.patterns().stream().sorted().toList()));
      }
    }

    private void expr(Expr e) {
      if (e instanceof Expr.Call c) {
        if (requireExport(c.component(), c.function(), c.componentSpan())) {
          int expected =
              components.get(c.component()).exports().stream()
                  .filter(f -> f.name().equals(c.function()))
                  .findFirst()
                  .map(f -> f.type().params().size())
                  .orElse(0);
          if (expected != c.args().size()) {
            error(
                LangCodes.WRONG_ARGUMENTS,
                "`"
                    + c.component()
                    + "."
                    + c.function()
                    + "` takes "
                    + expected
                    + " arguments, got "
                    + c.args().size(),
                c.span(),
                null);
          }
        }
        c.args().forEach(this::expr);
      }
    }

    private boolean requireComponent(String name, Span span) {
      if (components.containsKey(name)) {
        return true;
      }
      if (unresolved.contains(name)) {
        return false;
      }
      error(
          LangCodes.UNKNOWN_COMPONENT,
          "unknown component `" + name + "`",
          span,
          Suggest.help(name, components.keySet()));
      return false;
    }

    private boolean requireExport(String component, String function, Span span) {
      if (!requireComponent(component, span)) {
        return false;
      }
      List<String> names =
          components.get(component).exports().stream().map(FunctionDecl::name).toList();
      if (names.contains(function)) {
        return true;
      }
      error(
          LangCodes.UNKNOWN_EXPORT,
          "component `" + component + "` has no export `" + function + "`",
          span,
          Suggest.help(function, names));
      return false;
    }

    private void error(String code, String message, Span span, String help) {
      diagnostics.add(new Diagnostic(code, message, at(file, span), help));
    }
  }
}
