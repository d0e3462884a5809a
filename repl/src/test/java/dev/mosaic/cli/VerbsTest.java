package dev.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.cli.command.BlobCommand;
import dev.mosaic.cli.options.Environment;
import dev.mosaic.dsl.ScriptParser;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every verb as a user runs it: output, exit codes, and coded errors without stack traces. */
class VerbsTest {
  static final Path EXAMPLE = Path.of("..", "examples", "hello");

  @org.junit.jupiter.api.io.TempDir Path dir;
  Path store;
  Path script;
  String hello;

  @BeforeEach
  void copyExample() throws Exception {
    store = dir.resolve("store");
    Files.copy(EXAMPLE.resolve("hello.wasm"), dir.resolve("hello.wasm"));
    hello = Files.readString(EXAMPLE.resolve("hello.mosaic"));
    script = write("hello.mosaic", hello);
  }

  record Outcome(int exit, String out, String err, byte[] binary) {}

  /**
   * Runs a command with streams that are not terminals and no stdin, in the test's store unless the
   * arguments name one.
   */
  Outcome mosaic(String... args) {
    return mosaic(false, "", args);
  }

  Outcome mosaic(boolean terminals, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream binary = new ByteArrayOutputStream();
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    Environment env =
        new Environment(
            () ->
                new DumbTerminal(
                    "test",
                    "dumb",
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                    screen,
                    StandardCharsets.UTF_8),
            binary,
            terminals,
            terminals);
    List<String> all = new ArrayList<>(List.of(args));
    boolean needsStore = !all.contains("--store") && !all.equals(List.of("blob"));
    if (needsStore) {
      all.add("--store");
      all.add(store.toString());
    }
    int exit =
        Main.execute(
            all.toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env);
    String shown = screen.toString(StandardCharsets.UTF_8).replace("\r", "");
    return new Outcome(exit, out + shown, err.toString(), binary.toByteArray());
  }

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  Path compiled() {
    Path plan = dir.resolve("hello.cbor");
    assertThat(mosaic("compile", script.toString(), "-o", plan.toString()).exit()).isZero();
    return plan;
  }

  static void noStackTrace(Outcome o) {
    assertThat(o.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(o.out()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run",
        "compile",
        "validate",
        "inspect",
        "exec",
        "blob",
        "blob add",
        "blob get",
        "blob ls",
        "explain",
        "repl"
      })
  void everyVerbHasHelp(String verb) {
    List<String> args = new ArrayList<>(List.of(verb.split(" ")));
    args.add("--help");
    StringWriter out = new StringWriter();
    int exit =
        Main.execute(
            args.toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true));
    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith("Usage: mosaic " + verb + " ").contains("--help");
  }

  @Test
  void inspectShowsThePlan() {
    Path plan = compiled();
    Outcome o = mosaic("inspect", plan.toString());
    assertThat(o.exit()).isZero();
    assertThat(o.out())
        .startsWith("plan     sha256:")
        .contains("tenant   demo\n")
        .contains("limits   max-components 100, max-memory 16 MiB, max-time 2000 ms\n")
        .contains("  hello  sha256:")
        .contains("    import mosaic.log (i32, i32) -> ()  capability `log` granted\n")
        .contains("    export greet (i32, i32) -> (i32)\n")
        .contains("policy (1 rule, deny by default)\n  allow hello log\n")
        .contains("entry points (1)\n  hello.greet (i32, i32) -> (i32)\n")
        .doesNotContain("not in store");
  }

  @Test
  void inspectJsonIsMachineReadableAndMarksMissingBlobs() throws Exception {
    Path plan = compiled();
    String digest = PlanCodec.digestOf(Files.readAllBytes(plan));
    Outcome o =
        mosaic("inspect", "--json", plan.toString(), "--store", dir.resolve("empty").toString());
    assertThat(o.exit()).isZero();
    JsonNode json = new ObjectMapper().readTree(o.out());
    assertThat(json.get("digest").asText()).isEqualTo(digest);
    assertThat(json.get("tenant").asText()).isEqualTo("demo");
    assertThat(json.at("/limits/max_memory_bytes").asLong()).isEqualTo(16L << 20);
    JsonNode component = json.at("/components/0");
    assertThat(component.get("id").asText()).isEqualTo("hello");
    assertThat(component.get("digest").asText()).startsWith("sha256:");
    assertThat(component.get("in_store").asBoolean()).isFalse();
    assertThat(component.at("/imports/0/name").asText()).isEqualTo("log");
    assertThat(component.at("/imports/0/capability").asBoolean()).isTrue();
    assertThat(component.at("/exports/0/name").asText()).isEqualTo("greet");
    assertThat(component.at("/exports/0/results/0").asText()).isEqualTo("i32");
    assertThat(json.get("bindings")).isEmpty();
    assertThat(json.at("/policy/0/effect").asText()).isEqualTo("allow");
    assertThat(json.at("/policy/0/capability").asText()).isEqualTo("log");
    assertThat(json.at("/entry_points/0/function").asText()).isEqualTo("greet");
  }

  @Test
  void inspectRejectsMissingAndBrokenPlans() throws Exception {
    Outcome missing = mosaic("inspect", dir.resolve("nope.cbor").toString());
    assertThat(missing.exit()).isEqualTo(66);
    assertThat(missing.err()).startsWith("error[E4002]: plan file `");
    Path garbage = dir.resolve("garbage.cbor");
    Files.write(garbage, new byte[] {(byte) 0xbf, 0x61});
    Outcome broken = mosaic("inspect", garbage.toString());
    assertThat(broken.exit()).isEqualTo(65);
    assertThat(broken.err()).startsWith("error[E3");
    noStackTrace(broken);
  }

  @Test
  void execCallsAnEntryPoint() {
    Path plan = compiled();
    Outcome o = mosaic("exec", plan.toString(), "--call", "hello.greet", "40", "-2");
    assertThat(o.err()).isEmpty();
    assertThat(o.out()).isEqualTo("[hello] hello, world\n38\n");
    assertThat(o.exit()).isZero();
  }

  @Test
  void execWithoutCallRunsEntryPointsWithoutArgumentsAndNamesTheOthers() throws Exception {
    Path plan = compiled();
    Outcome o = mosaic("exec", plan.toString());
    assertThat(o.exit()).isZero();
    assertThat(o.out()).isEmpty();
    assertThat(o.err())
        .isEqualTo(
            "note: `hello.greet` takes arguments (i32, i32) -> (i32); call it with --call"
                + " hello.greet ARGS\n");

    Files.copy(
        Path.of("src", "test", "resources", "repl", "counter.wasm"), dir.resolve("counter.wasm"));
    Path counter =
        write("counter.mosaic", "component counter from \"counter.wasm\"\nexport counter.next\n");
    Path counterPlan = dir.resolve("counter.cbor");
    assertThat(mosaic("compile", counter.toString(), "-o", counterPlan.toString()).exit()).isZero();
    Outcome ran = mosaic("exec", counterPlan.toString());
    assertThat(ran.out()).isEqualTo("counter.next = 1\n");
    assertThat(ran.exit()).isZero();
  }

  @Test
  void execUsageErrors() {
    Path plan = compiled();
    Outcome arity = mosaic("exec", plan.toString(), "--call", "hello.greet", "1");
    assertThat(arity.exit()).isEqualTo(64);
    assertThat(arity.err())
        .startsWith("error: `hello.greet` takes 2 arguments (i32, i32) -> (i32), got 1");
    Outcome unknown = mosaic("exec", plan.toString(), "--call", "hello.shout");
    assertThat(unknown.exit()).isEqualTo(64);
    assertThat(unknown.err())
        .startsWith("error: `hello.shout` is not an entry point of the plan; it has `hello.greet`");
    Outcome stray = mosaic("exec", plan.toString(), "1");
    assertThat(stray.exit()).isEqualTo(64);
    assertThat(stray.err()).startsWith("error: arguments need --call");
  }

  Path textPlan() throws Exception {
    Files.copy(
        Path.of("src", "test", "resources", "guests", "text.wasm"), dir.resolve("text.wasm"));
    Path script =
        write(
            "text.mosaic",
            "component text from \"text.wasm\"\nexport text.upper\nexport text.size\n"
                + "export text.echo\n");
    Path plan = dir.resolve("text.cbor");
    assertThat(mosaic("compile", script.toString(), "-o", plan.toString()).exit()).isZero();
    return plan;
  }

  @Test
  void execPassesArgumentsAsTheExportDeclaresThem() throws Exception {
    Path plan = textPlan();
    Outcome upper = mosaic("exec", plan.toString(), "--call", "text.upper", "héllo wörld");
    assertThat(upper.err()).isEmpty();
    assertThat(upper.out()).isEqualTo("HéLLO WöRLD\n");
    assertThat(upper.exit()).isZero();
    Outcome hex = mosaic("exec", plan.toString(), "--call", "text.echo", "0x00ff4869");
    assertThat(hex.out()).isEqualTo("0x00ff4869\n");
    Files.write(dir.resolve("data.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7});
    Outcome file =
        mosaic("exec", plan.toString(), "--call", "text.size", "@" + dir.resolve("data.bin"));
    assertThat(file.out()).isEqualTo("7\n");
    assertThat(file.exit()).isZero();
  }

  @Test
  void execRefusesArgumentsThatDoNotFitTheirKind() throws Exception {
    Path plan = textPlan();
    Outcome text = mosaic("exec", plan.toString(), "--call", "text.echo", "hello");
    assertThat(text.exit()).isEqualTo(64);
    assertThat(text.err()).startsWith("error: argument 1 of `text.echo` is bytes: give hex as");
    Outcome odd = mosaic("exec", plan.toString(), "--call", "text.echo", "0xabc");
    assertThat(odd.exit()).isEqualTo(64);
    assertThat(odd.err()).contains("pairs of hex digits");
    Outcome missing =
        mosaic("exec", plan.toString(), "--call", "text.echo", "@" + dir.resolve("nope.bin"));
    assertThat(missing.exit()).isEqualTo(66);
    assertThat(missing.err()).startsWith("error[E4002]: ").contains("nope.bin` does not exist");
    Outcome arity = mosaic("exec", plan.toString(), "--call", "text.upper");
    assertThat(arity.exit()).isEqualTo(64);
    assertThat(arity.err())
        .startsWith("error: `text.upper` takes 1 arguments (string) -> (string)");

    Path hello = compiled();
    Outcome fraction = mosaic("exec", hello.toString(), "--call", "hello.greet", "2.9", "0");
    assertThat(fraction.exit()).isEqualTo(64);
    assertThat(fraction.err())
        .startsWith("error: argument 1 of `hello.greet` is i32, got `2.9`; give a whole number");
    Outcome range = mosaic("exec", hello.toString(), "--call", "hello.greet", "4294967296", "0");
    assertThat(range.exit()).isEqualTo(70);
    assertThat(range.err()).startsWith("error[E9004]: argument 1 of `hello.greet` is i32, got");
    noStackTrace(range);
  }

  @Test
  void execRefusesAnArgumentFileOverTheTransferLimit() throws Exception {
    Path plan = textPlan();
    Path big = dir.resolve("big.bin");
    try (var ch =
        java.nio.channels.FileChannel.open(
            big, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(
          java.nio.ByteBuffer.wrap(new byte[] {1}),
          dev.mosaic.host.HostLimits.DEFAULT.maxTransferBytes());
    }
    Outcome o = mosaic("exec", plan.toString(), "--call", "text.size", "@" + big);
    assertThat(o.exit()).isEqualTo(64);
    assertThat(o.err()).contains("is over the host's transfer limit of");
    noStackTrace(o);
  }

  @Test
  void execOfAPlanWhoseBlobIsMissingExits66() {
    Path plan = compiled();
    Outcome o = mosaic("exec", plan.toString(), "--store", dir.resolve("empty").toString());
    assertThat(o.exit()).isEqualTo(66);
    assertThat(o.err()).startsWith("error[E4001]: blob `sha256:");
    noStackTrace(o);
  }

  @Test
  void execOfAPlanWithADeniedCapabilityExits77() throws Exception {
    // The compiler refuses such a script (E7001 at the component), so the plan is made the way
    // a tampering or foreign tool would: a valid plan with its policy removed.
    Path valid = dir.resolve("valid.cbor");
    assertThat(
            mosaic("compile", write("hello.mosaic", hello).toString(), "-o", valid.toString())
                .exit())
        .isZero();
    PlanCodec codec = new PlanCodec();
    Plan p = codec.decode(Files.readAllBytes(valid));
    Plan withoutPolicy =
        new Plan(
            p.formatVersion(),
            p.tenant(),
            p.components(),
            p.bindings(),
            List.of(),
            p.limits(),
            p.entryPoints());
    Path plan = dir.resolve("denied.cbor");
    Files.write(plan, codec.encode(withoutPolicy));
    Outcome o = mosaic("exec", plan.toString(), "--call", "hello.greet", "1", "2");
    assertThat(o.exit()).isEqualTo(77);
    assertThat(o.err()).startsWith("error[E7001]: ");
    assertThat(o.out()).doesNotContain("hello, world");
  }

  @Test
  void blobAddGetAndList() throws Exception {
    byte[] wasm = Files.readAllBytes(dir.resolve("hello.wasm"));
    String digest = PlanCodec.digestOf(wasm);
    Outcome added = mosaic("blob", "add", dir.resolve("hello.wasm").toString(), "--tenant", "acme");
    assertThat(added.exit()).isZero();
    assertThat(added.out()).isEqualTo(digest + "\n");
    assertThat(added.err()).isEmpty();

    assertThat(mosaic("blob", "ls", "--tenant", "acme").out()).isEqualTo(digest + "\n");
    assertThat(mosaic("blob", "ls").out()).isEmpty();

    Path copy = dir.resolve("copy.wasm");
    Outcome got = mosaic("blob", "get", digest, "--tenant", "acme", "-o", copy.toString());
    assertThat(got.exit()).isZero();
    assertThat(Files.readAllBytes(copy)).isEqualTo(wasm);

    Outcome piped = mosaic("blob", "get", digest, "--tenant", "acme");
    assertThat(piped.exit()).isZero();
    assertThat(piped.binary()).isEqualTo(wasm);
  }

  @Test
  void blobErrors() {
    String absent = "sha256:" + "ab".repeat(32);
    Outcome missing = mosaic("blob", "get", absent);
    assertThat(missing.exit()).isEqualTo(66);
    assertThat(missing.err())
        .startsWith("error[E4001]: blob `" + absent + "` is not in the store of tenant `default`")
        .contains("help: `mosaic blob ls --tenant default` lists what it has");

    Outcome malformed = mosaic("blob", "get", "sha256:XYZ");
    assertThat(malformed.exit()).isEqualTo(64);
    assertThat(malformed.err()).startsWith("error: malformed digest `sha256:XYZ`");

    Outcome tenant = mosaic("blob", "ls", "--tenant", "../etc");
    assertThat(tenant.exit()).isEqualTo(64);
    assertThat(tenant.err()).startsWith("error: invalid tenant `../etc`");

    Outcome noFile = mosaic("blob", "add", dir.resolve("nope.wasm").toString());
    assertThat(noFile.exit()).isEqualTo(66);
    assertThat(noFile.err()).startsWith("error[E4002]: file `");

    Outcome noVerb = mosaic("blob");
    assertThat(noVerb.exit()).isEqualTo(64);
    assertThat(noVerb.err()).startsWith("error: missing subcommand: add, get or ls");
  }

  @Test
  void blobGetRefusesToWriteBinaryToATerminal() {
    mosaic("blob", "add", dir.resolve("hello.wasm").toString());
    String digest = mosaic("blob", "ls").out().strip();
    Outcome o = mosaic(true, "", "blob", "get", digest);
    assertThat(o.exit()).isEqualTo(64);
    assertThat(o.err()).startsWith("error: refusing to write binary data to a terminal");
    assertThat(o.binary()).isEmpty();
  }

  @Test
  void largeBlobShowsProgressOnlyOnATerminal() throws Exception {
    byte[] big = new byte[(int) BlobCommand.Add.PROGRESS_FROM_BYTES + 12345];
    new Random(7).nextBytes(big);
    Path file = dir.resolve("big.bin");
    Files.write(file, big);

    Outcome quiet = mosaic("blob", "add", file.toString());
    assertThat(quiet.exit()).isZero();
    assertThat(quiet.out()).isEqualTo(PlanCodec.digestOf(big) + "\n");
    assertThat(quiet.err()).isEmpty();

    Outcome shown = mosaic(true, "", "blob", "add", file.toString());
    assertThat(shown.exit()).isZero();
    assertThat(shown.out()).isEqualTo(PlanCodec.digestOf(big) + "\n");
    assertThat(shown.err()).contains("\radding [").contains("100% 4.0 MiB/4.0 MiB");
    assertThat(shown.err()).endsWith("\r").doesNotContain("\n");
  }

  @Test
  void explainNamesTheAllowingRuleAndWhereItIs() {
    Outcome o = mosaic("explain", script.toString(), "hello", "log");
    assertThat(o.exit()).isZero();
    assertThat(o.out())
        .isEqualTo(
            "allowed: `hello` may use `log`\n"
                + "  by rule `allow hello log` at "
                + script
                + ":12:3\n"
                + "   |   allow hello log\n");
  }

  @Test
  void explainDenialsExit77() throws Exception {
    Path p =
        write(
            "rules.mosaic",
            hello.replace(
                "  allow hello log\n",
                "  allow hello log\n  allow * secret \"api-*\"\n  deny hello secret \"api-admin\"\n"));
    Outcome byRule = mosaic("explain", p.toString(), "hello", "secret", "api-admin");
    assertThat(byRule.exit()).isEqualTo(77);
    assertThat(byRule.out())
        .startsWith("denied: `hello` may not use `secret` with `api-admin`\n")
        .contains("  by rule `deny hello secret \"api-admin\"` at " + p + ":14:3\n")
        .contains("note: `hello` does not import `secret`");

    Outcome allowed = mosaic("explain", p.toString(), "hello", "secret", "api-read");
    assertThat(allowed.exit()).isZero();
    assertThat(allowed.out()).contains("by rule `allow * secret \"api-*\"` at " + p + ":13:3");

    Outcome byDefault = mosaic("explain", p.toString(), "hello", "http");
    assertThat(byDefault.exit()).isEqualTo(77);
    assertThat(byDefault.out()).contains("  no rule allows it (deny by default)\n");
  }

  @Test
  void explainPrintsRulesAsAScriptWritesThem() throws Exception {
    Path p =
        write(
            "two.mosaic",
            hello.replace(
                "  allow hello log\n",
                "  allow hello log\n  allow hello secret \"db/*\", \"api-key\"\n"));
    Outcome o = mosaic("explain", p.toString(), "hello", "secret", "api-key");
    assertThat(o.exit()).isZero();
    String rule = "allow hello secret \"api-key\", \"db/*\"";
    assertThat(o.out()).contains("by rule `" + rule + "` at ");
    // What explain prints can be pasted back into a policy block.
    assertThat(ScriptParser.parse("r.mosaic", "policy {\n  " + rule + "\n}\n").errors()).isEmpty();
  }

  @Test
  void explainReadsPlansToo() {
    Path plan = compiled();
    Outcome o = mosaic("explain", plan.toString(), "hello", "log");
    assertThat(o.exit()).isZero();
    assertThat(o.out()).contains("by rule `allow hello log` at rule 1 of the policy in " + plan);
  }

  @Test
  void explainUsageAndScriptErrors() throws Exception {
    Outcome component = mosaic("explain", script.toString(), "helo", "log");
    assertThat(component.exit()).isEqualTo(64);
    assertThat(component.err()).startsWith("error: unknown component `helo`; the plan has `hello`");
    Outcome capability = mosaic("explain", script.toString(), "hello", "net");
    assertThat(capability.exit()).isEqualTo(64);
    assertThat(capability.err()).startsWith("error: unknown capability `net`; known are `log`");
    Path broken = write("broken.mosaic", hello.replace("allow hello log", "allow hello log {"));
    Outcome syntax = mosaic("explain", broken.toString(), "hello", "log");
    assertThat(syntax.exit()).isEqualTo(65);
    assertThat(syntax.err()).startsWith("error[E1001]: ").contains("^");
    noStackTrace(syntax);
  }

  @Test
  void replVerbReadsTheTerminal() throws Exception {
    Outcome o =
        mosaic(
            false,
            ":load " + script + "\nhello.greet(1, 1)\n:quit\n",
            "repl",
            "--history",
            dir.resolve("history").toString());
    assertThat(o.exit()).isZero();
    assertThat(o.out())
        .contains("[hello] hello, world\n42\n")
        .contains("[hello] hello, world\n2\n");
    assertThat(Files.readString(dir.resolve("history"))).contains("hello.greet(1, 1)");
  }

  @Test
  void replVerbStartsFromAFile() throws Exception {
    Outcome o =
        mosaic(
            false,
            ":plan\n",
            "repl",
            script.toString(),
            "--history",
            dir.resolve("history").toString());
    assertThat(o.exit()).isZero();
    assertThat(o.out()).contains("[hello] hello, world\n42\n").contains("tenant   demo");
  }
}
