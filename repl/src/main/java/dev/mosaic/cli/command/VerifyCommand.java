package dev.mosaic.cli.command;

import dev.mosaic.cli.options.TrustOptions;
import dev.mosaic.cli.text.PlanFile;
import dev.mosaic.hsm.attest.PlanAttestation;
import dev.mosaic.hsm.attest.VerifiedAttestation;
import dev.mosaic.plan.diag.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mosaic verify PLAN --sig PLAN.sig --key PUB.pem...}. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check a signed plan: the DSSE envelope must carry a valid signature by one of the keys and"
          + " be about exactly this plan.",
      "Exit 0 when it is; 77 with E4120 (malformed envelope), E4121 (no trusted signature) or"
          + " E4122 (another plan) when not."
    })
public final class VerifyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PLAN", description = "The plan file (canonical CBOR).")
  Path file;

  @Option(
      names = "--sig",
      paramLabel = "PLAN.sig",
      description = "The envelope (default: PLAN.sig beside the plan).")
  Path envelope;

  @Option(
      names = "--key",
      paramLabel = "PUB.pem",
      required = true,
      description = "A trusted PEM public key. Repeatable.")
  List<Path> keys;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    byte[] bytes = PlanFile.read(file);
    Path sig = envelope != null ? envelope : file.resolveSibling(file.getFileName() + ".sig");
    VerifiedAttestation verified =
        PlanAttestation.verify(TrustOptions.read(sig), bytes, TrustOptions.publicKeys(keys));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "ok "
            + verified.provenance().planDigest()
            + " signed by "
            + String.join(", ", verified.keyIds())
            + " (compiler "
            + verified.provenance().compilerVersion()
            + ")");
    out.flush();
    return ExitCodes.OK;
  }
}
