package dev.mosaic.plan;

import dev.mosaic.plan.store.FileBlobStore;
import dev.mosaic.plan.store.MemoryBlobStore;
import java.util.ArrayList;
import java.util.List;

/** Plans for tests: layered compositions whose size and shape are easy to reason about. */
public final class PlanFixtures {
  public static final FuncType UNARY = new FuncType(List.of("i32"), List.of("i32"));
  static final String TENANT = "acme";

  private PlanFixtures() {}

  /** A wasm module with the component's imports and exports; unique per id. */
  public static byte[] blob(Component c) {
    return StubModules.module(c.imports(), c.exports(), c.id());
  }

  /** The module of component {@code id} of the plan. */
  public static byte[] blob(Plan plan, String id) {
    return blob(
        plan.components().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow());
  }

  static String digest(String id, List<FunctionDecl> imports, List<FunctionDecl> exports) {
    return PlanCodec.digestOf(StubModules.module(imports, exports, id));
  }

  /** A component whose digest names a module with exactly these imports and exports. */
  public static Component component(
      String id, List<FunctionDecl> imports, List<FunctionDecl> exports) {
    return new Component(id, digest(id, imports, exports), imports, exports);
  }

  /** A plan of one component exporting {@code run}, the entry point. */
  public static Plan single() {
    return layered(1, 1, 0, 1);
  }

  /** The typical plan of the benchmarks: 10 components in 5 layers of 2. */
  public static Plan typical() {
    return layered(5, 2, 0, 10);
  }

  /** The largest plan the default limits accept: 1,000 components, 10,000 bindings, depth 100. */
  public static Plan maximal() {
    return layered(100, 10, 100, 1_000);
  }

  /**
   * {@code layers * width} components {@code c<layer>_<k>}. Each component outside the last layer
   * imports {@code width} functions, one from every component of the next layer; the first {@code
   * extra} components import one more, from the layer after next. The last layer imports the {@code
   * log} capability, granted by the policy; the first layer exports entry points.
   */
  public static Plan layered(int layers, int width, int extra, int tenantComponents) {
    List<Component> components = new ArrayList<>();
    List<Binding> bindings = new ArrayList<>();
    int count = 0;
    for (int layer = 0; layer < layers; layer++) {
      for (int k = 0; k < width; k++) {
        String id = id(layer, k);
        List<FunctionDecl> imports = new ArrayList<>();
        if (layer + 1 < layers) {
          for (int j = 0; j < width; j++) {
            imports.add(new FunctionDecl("dep", "f" + j, UNARY));
            bindings.add(new Binding(id, "dep", "f" + j, id(layer + 1, j), "e" + k));
          }
          if (count < extra && layer + 2 < layers) {
            imports.add(new FunctionDecl("far", "g", UNARY));
            bindings.add(new Binding(id, "far", "g", id(layer + 2, k), "e" + k));
          }
        } else {
          imports.add(
              new FunctionDecl(
                  Capabilities.MODULE, "log", new FuncType(List.of("i32", "i32"), List.of())));
        }
        List<FunctionDecl> exports = new ArrayList<>();
        for (int j = 0; j < Math.max(width, 1); j++) {
          exports.add(new FunctionDecl("", "e" + j, UNARY));
        }
        exports.add(new FunctionDecl("", "run", new FuncType(List.of(), List.of("i32"))));
        components.add(new Component(id, digest(id, imports, exports), imports, exports));
        count++;
      }
    }
    List<EntryPoint> entries = new ArrayList<>();
    for (int k = 0; k < width; k++) {
      entries.add(new EntryPoint(id(0, k), "run"));
    }
    return new Plan(
        Plan.FORMAT_VERSION,
        TENANT,
        components,
        bindings,
        List.of(new PolicyRule(PolicyRule.Effect.ALLOW, "*", "log", List.of())),
        new TenantLimits(tenantComponents, 64L << 20, 1_000),
        entries);
  }

  static String id(int layer, int k) {
    return "c" + layer + "_" + k;
  }

  /** A store holding the blob of every component of the plan. */
  public static MemoryBlobStore storeFor(Plan plan) {
    MemoryBlobStore store = new MemoryBlobStore();
    if (!FileBlobStore.isTenant(plan.tenant())) {
      return store;
    }
    for (Component c : plan.components()) {
      store.put(plan.tenant(), blob(c));
    }
    return store;
  }

  /** A copy of the plan with other components, bindings and entry points. */
  public static Plan with(
      Plan plan, List<Component> components, List<Binding> bindings, List<EntryPoint> entries) {
    return new Plan(
        plan.formatVersion(),
        plan.tenant(),
        components,
        bindings,
        plan.policy(),
        plan.limits(),
        entries);
  }
}
