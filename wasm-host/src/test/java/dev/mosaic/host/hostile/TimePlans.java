package dev.mosaic.host.hostile;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Validated plans of the test guests in src/test/resources/wasm, for the time-limit tests. */
final class TimePlans {
  private final FileBlobStore blobs;

  TimePlans(Path storeDir) {
    this.blobs = new FileBlobStore(storeDir);
  }

  static byte[] wasm(String name) {
    try (InputStream in = TimePlans.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
      if (in == null) {
        throw new IllegalArgumentException("no test guest " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code timecalls} guest with its URL pointing at {@code port} on 127.0.0.1. */
  static byte[] timecalls(int port) {
    byte[] bytes = wasm("timecalls");
    byte[] marker = "127.0.0.1:00000".getBytes(StandardCharsets.US_ASCII);
    byte[] patched = String.format("127.0.0.1:%05d", port).getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + marker.length <= bytes.length; i++) {
      if (java.util.Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
        System.arraycopy(patched, 0, bytes, i, patched.length);
        return bytes;
      }
    }
    throw new IllegalStateException("no URL marker in timecalls.wasm");
  }

  Builder plan(String tenant, long maxMillis) {
    return new Builder(tenant, maxMillis);
  }

  final class Builder {
    private final String tenant;
    private final long maxMillis;
    private final List<Component> components = new ArrayList<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final List<PolicyRule> policy = new ArrayList<>();
    private long maxMemory = 64L << 20;

    Builder(String tenant, long maxMillis) {
      this.tenant = tenant;
      this.maxMillis = maxMillis;
    }

    Builder component(String id, String guest) {
      return component(id, guest, wasm(guest));
    }

    Builder component(String id, String name, byte[] bytes) {
      String digest = blobs.put(tenant, bytes);
      ModuleInspector.ModuleInterface shape = ModuleInspector.inspect(name, bytes);
      components.add(new Component(id, digest, shape.imports(), shape.exports()));
      return this;
    }

    Builder bind(String importer, String module, String name, String exporter, String export) {
      bindings.add(new Binding(importer, module, name, exporter, export));
      return this;
    }

    Builder allow(String component, String capability, String... patterns) {
      policy.add(new PolicyRule(PolicyRule.Effect.ALLOW, component, capability, List.of(patterns)));
      return this;
    }

    Builder maxMemory(long bytes) {
      this.maxMemory = bytes;
      return this;
    }

    ValidatedPlan validate() {
      Plan plan =
          new Plan(
              Plan.FORMAT_VERSION,
              tenant,
              components,
              bindings,
              policy,
              new TenantLimits(10, maxMemory, maxMillis),
              List.<EntryPoint>of());
      return new PlanValidator(SystemLimits.DEFAULT, blobs).validate(plan);
    }
  }
}
