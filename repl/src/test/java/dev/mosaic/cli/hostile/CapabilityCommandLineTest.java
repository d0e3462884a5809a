package dev.mosaic.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capabilities attacked through {@code mosaic run}: a plan that names its own tenant reaching
 * another tenant's files under {@code --files-root}, links out of a grant, and forged log lines.
 */
class CapabilityCommandLineTest {
  private static final Path GUEST = Path.of("src", "test", "resources", "hostile", "peek.wasm");

  @TempDir Path dir;
  private Path root;

  record Outcome(int exit, String out, String err) {}

  @BeforeEach
  void setUp() throws Exception {
    Files.copy(GUEST, dir.resolve("peek.wasm"));
    root = dir.resolve("files");
    Files.createDirectories(root.resolve("other"));
    Files.writeString(root.resolve("other/secret.txt"), "secret of tenant other");
  }

  private Outcome mosaic(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--store", dir.resolve("store").toString()));
    if (args[0].equals("run")) {
      all.addAll(List.of("--audit-dir", dir.resolve("audit").toString()));
    }
    int exit =
        Main.execute(
            all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exit, out.toString(), err.toString());
  }

  private Path script(String tenant, String call, String grant) throws Exception {
    Path p = dir.resolve(tenant + "-" + call + ".mosaic");
    Files.writeString(
        p,
        "tenant \""
            + tenant
            + "\" {\n  max-memory 16 MiB\n  max-time 5 s\n}\n\n"
            + "component peek from \"peek.wasm\"\n\n"
            + "policy {\n  allow peek log\n  allow peek files \""
            + grant
            + "\"\n}\n\n"
            + "export peek."
            + call
            + "\n\nprint peek."
            + call
            + "()\n");
    return p;
  }

  @Test
  void aPlanCannotReadAnotherTenantsFilesUnderTheFilesRoot() throws Exception {
    Outcome o =
        mosaic(
            "run", script("acme", "peek", "/other/*").toString(), "--files-root", root.toString());
    assertThat(o.err()).isEmpty();
    assertThat(o.out()).doesNotContain("secret of tenant other").contains("[peek] refused");
    assertThat(o.exit()).isZero();
    assertThat(root.resolve("acme")).isDirectory();
    // The tenant whose directory it is reads it.
    Files.createDirectories(root.resolve("other/other"));
    Files.writeString(root.resolve("other/other/secret.txt"), "its own file");
    Outcome own =
        mosaic(
            "run", script("other", "peek", "/other/*").toString(), "--files-root", root.toString());
    assertThat(own.out()).contains("[peek] its own file");
  }

  @Test
  void aLinkInsideAGrantCannotReachAnUngrantedFile() throws Exception {
    Path acme = Files.createDirectories(root.resolve("acme/other"));
    Files.createDirectories(root.resolve("acme/private"));
    Files.writeString(root.resolve("acme/private/key.txt"), "acme private key");
    Files.createSymbolicLink(acme.resolve("secret.txt"), root.resolve("acme/private/key.txt"));
    Outcome o =
        mosaic(
            "run", script("acme", "peek", "/other/*").toString(), "--files-root", root.toString());
    assertThat(o.out()).doesNotContain("acme private key").contains("[peek] refused");
    String audit = Files.readString(dir.resolve("audit/acme/audit.jsonl"));
    assertThat(audit).contains("\"leads_to\":\"/private/key.txt\"");
  }

  @Test
  void aSecretPatternThatIsNoCanonicalNameIsRefusedWhenCompiling() throws Exception {
    Path p = script("acme", "forge", "/none");
    Files.writeString(
        p,
        Files.readString(p)
            .replace(
                "  allow peek log\n", "  allow peek log\n  deny peek secret \"../db/root\"\n"));
    Outcome compiled = mosaic("compile", p.toString(), "-o", dir.resolve("p.cbor").toString());
    assertThat(compiled.exit()).isEqualTo(77);
    assertThat(compiled.err())
        .startsWith("error[E7119]: " + p + ":")
        .contains("secret pattern `../db/root` is not allowed");
    assertThat(dir.resolve("p.cbor")).doesNotExist();
  }

  @Test
  void aGuestCannotForgeALineOfTheHost() throws Exception {
    Outcome o = mosaic("run", script("acme", "forge", "/none").toString());
    assertThat(o.exit()).isZero();
    assertThat(o.out().lines())
        .noneMatch(line -> line.startsWith("[admin]"))
        .contains("[peek] ok\\n[admin] all checks passed\\x1b[2K\\x00");
    assertThat(o.out()).doesNotContain("\u001b").doesNotContain("\0");
  }
}
