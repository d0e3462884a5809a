package dev.mosaic.host;

import dev.mosaic.host.internal.ModuleInspector;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
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

/** Builds validated plans from the test guests in src/test/resources/wasm. */
public final class TestPlans {
  private final FileBlobStore blobs;

  public TestPlans(Path storeDir) {
    this.blobs = new FileBlobStore(storeDir);
  }

  FileBlobStore blobs() {
    return blobs;
  }

  public static byte[] wasm(String name) {
    try (InputStream in = TestPlans.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
      if (in == null) {
        throw new IllegalArgumentException("no test guest " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public PlanBuilder plan(String tenant) {
    return new PlanBuilder(tenant);
  }

  /** A fluent plan under construction. */
  public final class PlanBuilder {
    private final String tenant;
    private final List<Component> components = new ArrayList<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final List<PolicyRule> policy = new ArrayList<>();
    private TenantLimits limits = TenantLimits.DEFAULT;

    PlanBuilder(String tenant) {
      this.tenant = tenant;
    }

    public PlanBuilder component(String id, String guest) {
      byte[] bytes = wasm(guest);
      String digest = blobs.put(tenant, bytes);
      ModuleInspector.ModuleInterface shape = ModuleInspector.inspect(guest, bytes);
      components.add(new Component(id, digest, shape.imports(), shape.exports()));
      return this;
    }

    /** A component running {@code bytes}, declared as guest {@code guest} is. */
    PlanBuilder component(String id, String guest, byte[] bytes) {
      String digest = blobs.put(tenant, bytes);
      ModuleInspector.ModuleInterface shape = ModuleInspector.inspect(guest, wasm(guest));
      components.add(new Component(id, digest, shape.imports(), shape.exports()));
      return this;
    }

    /** A component named by digest only, without storing its bytes in this tenant's store. */
    PlanBuilder reference(String id, String digest, String guest) {
      ModuleInspector.ModuleInterface shape = ModuleInspector.inspect(guest, wasm(guest));
      components.add(new Component(id, digest, shape.imports(), shape.exports()));
      return this;
    }

    PlanBuilder bind(String importer, String module, String name, String exporter, String export) {
      bindings.add(new Binding(importer, module, name, exporter, export));
      return this;
    }

    public PlanBuilder allow(String component, String capability, String... patterns) {
      policy.add(new PolicyRule(PolicyRule.Effect.ALLOW, component, capability, List.of(patterns)));
      return this;
    }

    PlanBuilder deny(String component, String capability, String... patterns) {
      policy.add(new PolicyRule(PolicyRule.Effect.DENY, component, capability, List.of(patterns)));
      return this;
    }

    PlanBuilder limits(int maxComponents, long maxMemoryBytes, long maxMillis) {
      this.limits = new TenantLimits(maxComponents, maxMemoryBytes, maxMillis);
      return this;
    }

    Plan build() {
      return new Plan(
          Plan.FORMAT_VERSION, tenant, components, bindings, policy, limits, List.<EntryPoint>of());
    }

    public ValidatedPlan validate() {
      return new PlanValidator(SystemLimits.DEFAULT, blobs).validate(build());
    }
  }
}
