package dev.mosaic.interpreter.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.dsl.ast.Span;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.model.CheckedComponent;
import dev.mosaic.interpreter.model.CheckedScript;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.FuncType;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.TenantLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each compiler stage on its own. */
class StagesTest {
  @TempDir Path dir;

  static Loader.Loaded load(Problems problems, Path dir, String file, String source) {
    return new Loader(problems).run(file, source, dir);
  }

  @Test
  void tenantStageConvertsUnits() {
    Problems problems = new Problems();
    var items =
        load(
                problems,
                dir,
                "t.mosaic",
                "tenant \"t\" { max-memory 1 GiB max-time 2 s max-components 7 }")
            .items();
    TenantStage.Tenant tenant = new TenantStage(problems).run(items);
    assertThat(problems.list()).isEmpty();
    assertThat(tenant.name()).isEqualTo("t");
    assertThat(tenant.limits()).isEqualTo(new TenantLimits(7, 1L << 30, 2000));
  }

  @Test
  void tenantStageRejectsOverflowingSizes() {
    Problems problems = new Problems();
    var items =
        load(problems, dir, "t.mosaic", "tenant \"t\" { max-memory 9999999999999 GiB }").items();
    new TenantStage(problems).run(items);
    assertThat(problems.list())
        .singleElement()
        .satisfies(d -> assertThat(d.code()).isEqualTo(LangCodes.BAD_LIMIT_VALUE));
  }

  @Test
  void loaderExpandsLoadsInPlaceWithTheirOwnFileNames() throws Exception {
    Files.createDirectories(dir.resolve("lib"));
    Files.writeString(dir.resolve("lib/policy.mosaic"), "load \"more.mosaic\"\nprint 1\n");
    Files.writeString(dir.resolve("lib/more.mosaic"), "print 2\n");
    Problems problems = new Problems();
    Loader.Loaded loaded =
        load(problems, dir, "main.mosaic", "print 0\nload \"lib/policy.mosaic\"\nprint 3\n");
    assertThat(problems.list()).isEmpty();
    assertThat(loaded.items())
        .extracting(Located::file)
        .containsExactly("main.mosaic", "lib/more.mosaic", "lib/policy.mosaic", "main.mosaic");
    assertThat(loaded.sources())
        .containsKeys("main.mosaic", "lib/policy.mosaic", "lib/more.mosaic");
  }

  @Test
  void loaderStopsChainsDeeperThanTheCap() throws Exception {
    for (int i = 0; i < 40; i++) {
      Files.writeString(dir.resolve("f" + i + ".mosaic"), "load \"f" + (i + 1) + ".mosaic\"\n");
    }
    Problems problems = new Problems();
    load(problems, dir, "main.mosaic", "load \"f0.mosaic\"");
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo(LangCodes.LOAD_TOO_DEEP);
              assertThat(d.location().file()).isEqualTo("f14.mosaic");
            });
  }

  @Test
  void loaderReportsSyntaxErrorsInTheLoadedFile() throws Exception {
    Files.writeString(dir.resolve("bad.mosaic"), "\n\npolicy {");
    Problems problems = new Problems();
    load(problems, dir, "main.mosaic", "load \"bad.mosaic\"");
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("E1001");
              assertThat(d.location().toString()).isEqualTo("bad.mosaic:3:9");
            });
  }

  @Test
  void pathsThatCannotExistAreReportedNotThrown() {
    Problems problems = new Problems();
    var items =
        load(problems, dir, "", "load \"a\u0000b\"\ncomponent c from \"x\u0000.wasm\"").items();
    new ComponentStage(problems, new dev.mosaic.plan.store.FileBlobStore(dir, 1024))
        .run(items, "t", java.util.Map.of());
    assertThat(problems.list())
        .extracting(d -> d.code() + " " + d.message())
        .containsExactly(
            "E4002 `a\u0000b` is not a valid path", "E4002 `x\u0000.wasm` is not a valid path");
  }

  static CheckedComponent component(String name, List<FunctionDecl> imports) {
    FuncType unit = new FuncType(List.of(), List.of());
    return new CheckedComponent(
        name,
        "sha256:" + "0".repeat(64),
        dev.mosaic.plan.SignatureRequirement.NONE,
        null,
        imports,
        List.of(new FunctionDecl("", "f", unit)),
        "x.mosaic",
        new Span(1, 1, 1));
  }

  static FunctionDecl capability(String name) {
    return new FunctionDecl("mosaic", name, new FuncType(List.of(), List.of()));
  }

  static FunctionDecl call(String module) {
    return new FunctionDecl(module, "f", new FuncType(List.of(), List.of()));
  }

  static CheckedScript chain() {
    // plugin -> broker -> vault; vault holds secrets, broker talks http, plugin only logs.
    return new CheckedScript(
        "t",
        TenantLimits.DEFAULT,
        List.of(),
        List.of(
            component("plugin", List.of(capability("log"), call("broker"))),
            component("broker", List.of(capability("http_get"), call("vault"))),
            component("vault", List.of(capability("secret_read"), capability("kv_get")))),
        List.of(
            new Binding("plugin", "broker", "f", "broker", "f"),
            new Binding("broker", "vault", "f", "vault", "f")),
        List.of(
            new PolicyRule(PolicyRule.Effect.ALLOW, "*", "log", List.of()),
            new PolicyRule(PolicyRule.Effect.ALLOW, "broker", "http", List.of()),
            new PolicyRule(PolicyRule.Effect.ALLOW, "vault", "secret", List.of("db/*"))),
        List.of(),
        List.of());
  }

  @Test
  void reachFollowsBindingsTransitivelyAndOnlyCountsGrants() {
    List<CapabilityReach.Reach> reach = CapabilityReach.of(chain());
    assertThat(reach.get(0).component()).isEqualTo("plugin");
    assertThat(reach.get(0).direct()).containsExactly("log");
    assertThat(reach.get(0).through())
        .containsExactly(
            java.util.Map.entry("http", List.of("broker")),
            java.util.Map.entry("secret", List.of("broker", "vault")));
    assertThat(reach.get(2).direct())
        .as("kv is imported but not granted")
        .containsExactly("secret");
    assertThat(reach.get(2).through()).isEmpty();
    assertThat(CapabilityReach.render(reach))
        .startsWith(
            "plugin\n  direct: log\n  through bindings: http (via broker), secret (via broker -> vault)\n");
  }

  @Test
  void reachTerminatesOnCycles() {
    CheckedScript cyclic =
        new CheckedScript(
            "t",
            TenantLimits.DEFAULT,
            List.of(),
            List.of(
                component("a", List.of(call("b"))),
                component("b", List.of(call("a"), capability("random")))),
            List.of(new Binding("a", "b", "f", "b", "f"), new Binding("b", "a", "f", "a", "f")),
            List.of(new PolicyRule(PolicyRule.Effect.ALLOW, "*", "random", List.of())),
            List.of(),
            List.of());
    List<CapabilityReach.Reach> reach = CapabilityReach.of(cyclic);
    assertThat(reach.get(0).through()).containsOnlyKeys("random");
    assertThat(reach.get(1).through()).isEmpty();
  }

  @Test
  void planBuilderKeepsDeclarationOrder() {
    Plan plan = PlanBuilder.build(chain());
    assertThat(plan.components())
        .extracting(c -> c.id())
        .containsExactly("plugin", "broker", "vault");
    assertThat(plan.bindings()).hasSize(2);
    assertThat(plan.policy()).isEqualTo(chain().policy());
    assertThat(plan.tenant()).isEqualTo("t");
  }
}
