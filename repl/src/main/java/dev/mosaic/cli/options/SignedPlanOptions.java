package dev.mosaic.cli.options;

import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.plan.ValidatedPlan;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options of commands that load a compiled plan: whether it must be signed, and by whom. */
public final class SignedPlanOptions {
  @Option(
      names = "--require-signed-plan",
      description = "Run only a plan whose DSSE envelope (`mosaic sign`) a --trusted-key signed.")
  boolean requireSignedPlan;

  @Option(
      names = "--trusted-key",
      paramLabel = "PUB.pem",
      description = "A public key trusted to sign plans (with --require-signed-plan). Repeatable.")
  List<Path> planKeys = new ArrayList<>();

  @Option(
      names = "--sig",
      paramLabel = "PLAN.sig",
      description = "The plan's DSSE envelope (default: PLAN.sig beside the plan).")
  Path envelope;

  /** Applies the options to a facade builder. */
  public Mosaic.Builder apply(Mosaic.Builder builder, CommandLine cli) {
    if (requireSignedPlan) {
      if (planKeys.isEmpty()) {
        throw new ParameterException(cli, "--require-signed-plan needs at least one --trusted-key");
      }
      builder.requireSignedPlans(TrustOptions.publicKeys(planKeys).toArray(PublicKey[]::new));
    }
    return builder;
  }

  /** Loads a plan, with its envelope when signed plans are required. */
  public ValidatedPlan load(Mosaic mosaic, Path plan, byte[] bytes) {
    return load(mosaic, null, plan, bytes);
  }

  /**
   * Loads a plan as {@link #load(Mosaic, Path, byte[])} does; with a {@code tenant}, only a plan of
   * that tenant (E7004 otherwise).
   */
  public ValidatedPlan load(Mosaic mosaic, String tenant, Path plan, byte[] bytes) {
    if (!requireSignedPlan) {
      return tenant == null ? mosaic.load(bytes) : mosaic.tenant(tenant).load(bytes);
    }
    Path sig = envelope != null ? envelope : plan.resolveSibling(plan.getFileName() + ".sig");
    byte[] signature = TrustOptions.read(sig);
    return tenant == null
        ? mosaic.load(bytes, signature)
        : mosaic.tenant(tenant).load(bytes, signature);
  }
}
