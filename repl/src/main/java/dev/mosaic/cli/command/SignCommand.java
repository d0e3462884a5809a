package dev.mosaic.cli.command;

import dev.mosaic.cli.Main;
import dev.mosaic.cli.options.TrustOptions;
import dev.mosaic.cli.text.PlanFile;
import dev.mosaic.hsm.attest.DsseEnvelope;
import dev.mosaic.hsm.attest.KeySigner;
import dev.mosaic.hsm.attest.PlanAttestation;
import dev.mosaic.hsm.attest.PlanProvenance;
import dev.mosaic.hsm.attest.PlanSigner;
import dev.mosaic.plan.diag.ExitCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mosaic sign PLAN --key KEY.pem [-o PLAN.sig]}. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a compiled plan: an in-toto statement (plan digest, component digests, compiler"
          + " version) in a DSSE envelope, written as JSON.",
      "Keys are unencrypted PEM private keys (EC P-256, Ed25519, RSA); several --key options add"
          + " several signatures."
    })
public final class SignCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PLAN", description = "The plan file (canonical CBOR).")
  Path file;

  @Option(
      names = "--key",
      paramLabel = "KEY.pem",
      required = true,
      description = "A PEM private key to sign with. Repeatable.")
  List<Path> keys;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "PLAN.sig",
      description = "Where to write the envelope (default: PLAN.sig beside the plan).")
  Path output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    byte[] bytes = PlanFile.read(file);
    List<PlanSigner> signers =
        keys.stream()
            .map(k -> (PlanSigner) KeySigner.fromPem(TrustOptions.read(k), k.toString()))
            .toList();
    String name = file.getFileName().toString();
    DsseEnvelope envelope =
        PlanAttestation.sign(
            PlanProvenance.of(name, bytes, new Main.Version().getVersion()[0]), signers);
    Path target = output != null ? output : file.resolveSibling(name + ".sig");
    try {
      Files.write(target, envelope.toJson());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    spec.commandLine().getOut().println("signed " + name + " -> " + target);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
