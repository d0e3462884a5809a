package dev.mosaic.host.component;

import dev.mosaic.host.component.binary.ComponentReader;
import dev.mosaic.host.component.binary.WorldReader;
import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.SignatureRequirement;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.store.FileBlobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Plans whose components are the test components of {@link TestComponents}, written with the plan
 * records: a component blob's plan entry declares the functions the plan calls as exports (the host
 * checks the component's world when it loads), and a binding names WIT interfaces.
 */
public final class ComponentPlans {
  private final FileBlobStore blobs;
  private final List<Component> components = new ArrayList<>();
  private final List<Binding> bindings = new ArrayList<>();
  private final List<PolicyRule> policy = new ArrayList<>();
  private final List<EntryPoint> entries = new ArrayList<>();
  private long maxMillis = 5_000;
  private long maxMemory = 256L << 20;

  public ComponentPlans(FileBlobStore blobs) {
    this.blobs = blobs;
  }

  /**
   * Component {@code id} with the blob of test component {@code name}, entry point {@code call}.
   */
  public ComponentPlans component(String id, String name, String call) {
    byte[] bytes = TestComponents.bytes(name);
    World world;
    try {
      world = WorldReader.read(ComponentReader.read(bytes));
    } catch (MosaicException e) {
      // A hostile component whose world does not read: the host refuses it with the same error.
      world = new World(List.of(), List.of());
    }
    components.add(
        new Component(
            id,
            blobs.put("t1", bytes),
            List.of(),
            world.planExports(),
            SignatureRequirement.NONE,
            world.planWit()));
    entries.add(new EntryPoint(id, call));
    return this;
  }

  /** Binds {@code importer}'s import of interface {@code iface} to {@code exporter}'s export. */
  public ComponentPlans bind(String importer, String iface, String exporter) {
    bindings.add(new Binding(importer, iface, iface, exporter, iface));
    return this;
  }

  /**
   * Binds {@code importer}'s import {@code importIface} to {@code exporter}'s {@code exportIface}.
   */
  public ComponentPlans bind(
      String importer, String importIface, String exporter, String exportIface) {
    bindings.add(new Binding(importer, importIface, importIface, exporter, exportIface));
    return this;
  }

  /** Adds a binding as written, e.g. with another import module than the interface's name. */
  public ComponentPlans binding(Binding b) {
    bindings.add(b);
    return this;
  }

  /** Replaces component {@code id} by what {@code change} makes of it: a tampered plan. */
  public ComponentPlans edit(String id, UnaryOperator<Component> change) {
    components.replaceAll(c -> c.id().equals(id) ? change.apply(c) : c);
    return this;
  }

  public ComponentPlans allow(String component, String capability) {
    policy.add(new PolicyRule(PolicyRule.Effect.ALLOW, component, capability, List.of()));
    return this;
  }

  /** Allows {@code capability} with the parameter patterns {@code patterns}. */
  public ComponentPlans allow(String component, String capability, String... patterns) {
    policy.add(new PolicyRule(PolicyRule.Effect.ALLOW, component, capability, List.of(patterns)));
    return this;
  }

  public ComponentPlans maxMillis(long millis) {
    maxMillis = millis;
    return this;
  }

  public ComponentPlans maxMemory(long bytes) {
    maxMemory = bytes;
    return this;
  }

  public ValidatedPlan validate() {
    Plan plan =
        new Plan(
            Plan.FORMAT_VERSION,
            "t1",
            components,
            bindings,
            policy,
            new TenantLimits(10, maxMemory, maxMillis),
            entries);
    return new PlanValidator(SystemLimits.DEFAULT, blobs).validate(plan);
  }
}
