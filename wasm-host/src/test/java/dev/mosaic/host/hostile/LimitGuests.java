package dev.mosaic.host.hostile;

import dev.mosaic.host.internal.ModuleInspector;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.store.FileBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Plans over the test guests in src/test/resources/wasm, for the limit and interface tests. */
final class LimitGuests {
  private final FileBlobStore blobs;
  private final List<Component> components = new ArrayList<>();
  private final List<PolicyRule> policy = new ArrayList<>();
  private final List<Binding> bindings = new ArrayList<>();
  private TenantLimits limits = new TenantLimits(10, 16L << 20, 5_000);

  LimitGuests(Path store) {
    this.blobs = new FileBlobStore(store);
  }

  static byte[] wasm(String name) {
    try (InputStream in = LimitGuests.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
      if (in == null) {
        throw new IllegalArgumentException("no test guest " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A component running guest {@code guest}, declared as the compiler would declare it. */
  LimitGuests component(String id, String guest) {
    byte[] bytes = wasm(guest);
    ModuleInspector.ModuleInterface shape = ModuleInspector.inspect(guest, bytes);
    components.add(new Component(id, blobs.put("t1", bytes), shape.imports(), shape.exports()));
    return this;
  }

  /**
   * A component whose plan entry was written for guest {@code declaredAs} while its digest names
   * guest {@code runs}: a plan edited after compiling.
   */
  LimitGuests swapped(String id, String declaredAs, String runs) {
    ModuleInspector.ModuleInterface shape = ModuleInspector.inspect(declaredAs, wasm(declaredAs));
    components.add(
        new Component(id, blobs.put("t1", wasm(runs)), shape.imports(), shape.exports()));
    return this;
  }

  /** A component declaring these imports and exports for guest {@code guest}. */
  LimitGuests declared(
      String id, String guest, List<FunctionDecl> imports, List<FunctionDecl> exports) {
    components.add(new Component(id, blobs.put("t1", wasm(guest)), imports, exports));
    return this;
  }

  LimitGuests bind(String importer, String module, String name, String exporter, String export) {
    bindings.add(new Binding(importer, module, name, exporter, export));
    return this;
  }

  LimitGuests allow(String component, String capability, String... patterns) {
    policy.add(new PolicyRule(PolicyRule.Effect.ALLOW, component, capability, List.of(patterns)));
    return this;
  }

  LimitGuests maxMemory(long bytes) {
    limits = new TenantLimits(limits.maxComponents(), bytes, limits.maxExecutionMillis());
    return this;
  }

  LimitGuests maxTime(long millis) {
    limits = new TenantLimits(limits.maxComponents(), limits.maxMemoryBytes(), millis);
    return this;
  }

  ValidatedPlan validate() {
    Plan plan =
        new Plan(
            Plan.FORMAT_VERSION, "t1", components, bindings, policy, limits, List.<EntryPoint>of());
    return new PlanValidator(SystemLimits.DEFAULT, blobs).validate(plan);
  }
}
