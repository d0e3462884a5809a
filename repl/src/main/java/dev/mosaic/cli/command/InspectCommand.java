package dev.mosaic.cli.command;

import dev.mosaic.cli.options.StoreOptions;
import dev.mosaic.cli.options.TrustOptions;
import dev.mosaic.cli.text.ComponentWorld;
import dev.mosaic.cli.text.PlanFile;
import dev.mosaic.cli.text.PlanJson;
import dev.mosaic.cli.text.PlanSummary;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.diag.ExitCodes;
import dev.mosaic.plan.store.BlobStore;
import dev.mosaic.plan.verify.ComponentVerification;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mosaic inspect PLAN [--json]}, or {@code mosaic inspect COMPONENT.wasm}. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show what a compiled plan contains: tenant, digest, limits, components with their digests,"
          + " imports and exports, bindings, policy rules and entry points.",
      "The plan is decoded and its schema checked; blobs need not be in the store (components"
          + " whose blob is missing are marked). Each component's signature is checked when its"
          + " blob is in the store (status verified, missing, invalid or untrusted).",
      "JSON fields: digest, format_version, tenant, limits{max_components, max_memory_bytes,"
          + " max_execution_ms}, components[{id, digest, in_store, imports[{module, name,"
          + " capability, params, results}], exports[{name, params, results}], signature{verifiers,"
          + " trusted_keys, status, verifier, signer, detail}}],"
          + " bindings[{importer, import_module, import_name, exporter, export_name}],"
          + " policy[{effect, component, capability, patterns}], entry_points[{component,"
          + " function}].",
      "Given a WebAssembly component (binary version 0x0d) instead of a plan, it shows the"
          + " component's world as WIT, then the WIT of each interface the component imports or"
          + " exports. JSON fields: digest, world, interfaces[{name, direction, wit}].",
      "Given a WIT file (.wit), it reads the package and prints each interface and world as"
          + " the reader resolved them."
    })
public final class InspectCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "PLAN",
      description = "The plan file (canonical CBOR), or a component binary.")
  Path file;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Mixin StoreOptions store;
  @Mixin TrustOptions trust;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (file.getFileName() != null && file.getFileName().toString().endsWith(".wit")) {
      spec.commandLine().getOut().print(ComponentWorld.renderWit(file));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    if (ComponentWorld.isComponentFile(file)) {
      spec.commandLine().getOut().print(ComponentWorld.render(file, json));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    byte[] bytes = PlanFile.read(file);
    Plan plan = new PlanCodec().decode(bytes);
    String digest = PlanCodec.digestOf(bytes);
    BlobStore blobs = store.blobStore();
    Predicate<Component> inStore = c -> blobs.contains(plan.tenant(), c.digest());
    Map<String, ComponentVerification> verifications = new LinkedHashMap<>();
    for (ComponentVerification v : trust.validator(blobs).verifications(plan)) {
      verifications.put(v.componentId(), v);
    }
    spec.commandLine()
        .getOut()
        .print(
            json
                ? PlanJson.render(digest, plan, inStore, verifications)
                : PlanSummary.render(digest, plan, inStore, verifications));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
