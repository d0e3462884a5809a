package dev.mosaic.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.cli.Main;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.FuncType;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans edited after compiling, plans of another tenant and modules too large for their tenant,
 * through {@code mosaic validate}, {@code exec} and {@code run}: each refused with its code before
 * any guest runs.
 */
class PlanBindingCliTest {
  static final Path EXAMPLE = Path.of("..", "examples", "hello");
  static final Path GUESTS = Path.of("src", "test", "resources", "hostile");

  @TempDir Path dir;
  Path store;
  Path script;
  Path plan;

  record Outcome(int exit, String out, String err) {}

  Outcome mosaic(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--store", store.toString()));
    int exit =
        Main.execute(
            all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exit, out.toString(), err.toString());
  }

  @BeforeEach
  void compileHello() throws Exception {
    store = dir.resolve("store");
    Files.copy(EXAMPLE.resolve("hello.wasm"), dir.resolve("hello.wasm"));
    script = dir.resolve("hello.mosaic");
    Files.copy(EXAMPLE.resolve("hello.mosaic"), script);
    plan = dir.resolve("hello.cbor");
    assertThat(mosaic("compile", script.toString(), "-o", plan.toString()).exit()).isZero();
  }

  /** Rewrites hello's component in the compiled plan, as an attacker with the file would. */
  private void edit(UnaryOperator<Component> change) throws Exception {
    PlanCodec codec = new PlanCodec();
    Plan p = codec.decode(Files.readAllBytes(plan));
    List<Component> components = p.components().stream().map(change).toList();
    Plan edited =
        new Plan(
            p.formatVersion(),
            p.tenant(),
            components,
            p.bindings(),
            p.policy(),
            p.limits(),
            p.entryPoints());
    Files.write(plan, codec.encode(edited));
  }

  @Test
  void aPlanWhoseDigestWasSwappedForAModuleWithMoreImportsIsRefused() throws Exception {
    // The swapped module imports WASI file functions; the plan still says `mosaic.log` only.
    Outcome added =
        mosaic("blob", "add", GUESTS.resolve("swapped.wasm").toString(), "--tenant", "demo");
    assertThat(added.exit()).isZero();
    String digest = added.out().substring(0, 71);
    edit(c -> new Component(c.id(), digest, c.imports(), c.exports(), c.signature()));

    Outcome validated = mosaic("validate", plan.toString());
    assertThat(validated.exit()).isEqualTo(65);
    assertThat(validated.err())
        .startsWith(
            "error[E4203]: component `hello`'s module imports"
                + " `wasi_snapshot_preview1.path_open`")
        .contains("`wasi_snapshot_preview1.fd_read`")
        .doesNotContain("Exception");

    Outcome exec = mosaic("exec", plan.toString());
    assertThat(exec.exit()).isEqualTo(65);
    assertThat(exec.err()).startsWith("error[E4203]: ");
    assertThat(exec.out()).as("no guest ran").isEmpty();
  }

  @Test
  void aPlanThatDropsARealImportIsRefusedByValidate() throws Exception {
    edit(c -> new Component(c.id(), c.digest(), List.of(), c.exports(), c.signature()));
    Outcome o = mosaic("validate", plan.toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err())
        .startsWith(
            "error[E4203]: component `hello`'s module imports `mosaic.log` (i32, i32) -> (),"
                + " which the plan does not declare");
  }

  @Test
  void aPlanThatLiesAboutAnExportsTypeIsRefusedByValidate() throws Exception {
    FunctionDecl lie = new FunctionDecl("", "greet", new FuncType(List.of("i64"), List.of("i64")));
    edit(c -> new Component(c.id(), c.digest(), c.imports(), List.of(lie), c.signature()));
    Outcome o = mosaic("validate", plan.toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err())
        .startsWith(
            "error[E4204]: component `hello`'s module exports `greet` with type (i32, i32) ->"
                + " (i32), the plan declares (i64) -> (i64)");
  }

  @Test
  void execWithTenantRefusesAPlanOfAnotherTenant() {
    Outcome o = mosaic("exec", plan.toString(), "--tenant", "acme");
    assertThat(o.exit()).isEqualTo(77);
    assertThat(o.err())
        .startsWith(
            "error[E7004]: the plan is for tenant `demo`, and this host runs it as tenant `acme`");
    assertThat(o.out()).as("no guest ran").isEmpty();
    // the plan's own tenant runs it
    Outcome own =
        mosaic("exec", plan.toString(), "--tenant", "demo", "--call", "hello.greet", "1", "2");
    assertThat(own.exit()).isZero();
    assertThat(own.out()).endsWith("3\n");
  }

  @Test
  void runWithTenantRefusesAScriptOfAnotherTenant() {
    Outcome o = mosaic("run", script.toString(), "--tenant", "acme");
    assertThat(o.exit()).isEqualTo(77);
    assertThat(o.err()).startsWith("error[E7004]: ");
    assertThat(o.out()).doesNotContain("hello, world");
    Outcome own = mosaic("run", script.toString(), "--tenant", "demo");
    assertThat(own.exit()).isZero();
    assertThat(own.out()).isEqualTo("[hello] hello, world\n42\n");
  }

  @Test
  void anInvalidTenantNameIsACodedError() {
    Outcome o = mosaic("exec", plan.toString(), "--tenant", "../other");
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err()).startsWith("error[E3011]: invalid tenant name `../other`");
  }

  @Test
  void aModuleStartingWithMoreMemoryThanItsTenantMayUseIsRefused() throws Exception {
    Files.copy(GUESTS.resolve("bigmemory.wasm"), dir.resolve("big.wasm"));
    Path big =
        Files.writeString(
            dir.resolve("big.mosaic"),
            """
            mosaic 1
            tenant "demo" {
              max-memory 16 MiB
            }
            component big from "big.wasm"
            print big.pages()
            """);
    Outcome o = mosaic("run", big.toString());
    assertThat(o.exit()).isEqualTo(65);
    assertThat(o.err())
        .startsWith(
            "error[E8008]: the plan's modules start with 268435456 bytes of linear memory, over"
                + " its tenant limit `max-memory` of 16777216 bytes");
    assertThat(o.out()).isEmpty();
  }
}
