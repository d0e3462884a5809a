package dev.mosaic.bench;

import dev.mosaic.plan.Binding;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.FuncType;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.TenantLimits;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.store.MemoryBlobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Plan encode, decode, digest and validate on a typical plan (10 components, 16 bindings) and on
 * the largest plan the default limits accept (1,000 components, 10,000 bindings, depth 100).
 * Targets: decode + validate of the maximal plan within 10 ms, of the typical plan within 20 us.
 * Blobs come from an in-memory store, so the validate figures include SHA-256 re-verification of
 * every blob but no disk I/O. The validator keeps the interface it read from each module (bounded,
 * per blob content), so {@link #decodeAndValidate} on one validator measures a host that validates
 * many plans over the same modules (warm), and {@link #decodeAndValidateCold} one that meets the
 * modules for the first time (a fresh validator per plan; making one costs under 1 us).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlanBench {
  /**
   * {@code typical} (10 components, 16 bindings) and {@code maximal} (1,000 components, 10,000
   * bindings) as before; {@code c10}, {@code c100} and {@code c1000} keep one shape (every
   * component outside the last layer imports two functions from two components of the next layer,
   * two exports each) at 10, 100 and 1,000 components, so that time divided by components shows
   * whether the cost per component stays flat.
   */
  @Param({"typical", "maximal", "c10", "c100", "c1000"})
  public String shape;

  private final PlanCodec codec = new PlanCodec();
  private Plan plan;
  private byte[] bytes;
  private PlanValidator validator;
  private MemoryBlobStore store;

  @Setup
  public void setUp() {
    plan =
        switch (shape) {
          case "typical" -> layered(5, 2, 0, 10);
          case "maximal" -> layered(100, 10, 100, 1_000);
          case "c10" -> fanned(5, 2);
          case "c100" -> fanned(10, 10);
          case "c1000" -> fanned(100, 10);
          default -> throw new IllegalArgumentException(shape);
        };
    bytes = codec.encode(plan);
    store = new MemoryBlobStore();
    plan.components()
        .forEach(
            c -> store.put(plan.tenant(), StubModules.module(c.imports(), c.exports(), c.id())));
    validator = new PlanValidator(SystemLimits.DEFAULT, store);
    // Fail fast if the fixture stops being valid: the numbers would measure an error path.
    validator.validate(bytes);
  }

  @Benchmark
  public byte[] encode() {
    return codec.encode(plan);
  }

  @Benchmark
  public Plan decode() {
    return codec.decode(bytes);
  }

  @Benchmark
  public String digest() {
    return PlanCodec.digestOf(bytes);
  }

  /** Validation of an already decoded plan (all four phases). */
  @Benchmark
  public ValidatedPlan validate() {
    return validator.validate(plan);
  }

  /**
   * What a host does with plan bytes: decode, then validate, on a validator that has seen these
   * modules before (their interfaces are kept; digests, signatures and every check still run).
   */
  @Benchmark
  public ValidatedPlan decodeAndValidate() {
    return validator.validate(bytes);
  }

  /** Decode and validate on a fresh validator: every module's interface is read from its bytes. */
  @Benchmark
  public ValidatedPlan decodeAndValidateCold() {
    return new PlanValidator(SystemLimits.DEFAULT, store).validate(bytes);
  }

  /**
   * {@code layers * width} components; each outside the last layer imports {@code f0} and {@code
   * f1} from components {@code k} and {@code k + 1} of the next layer; each exports {@code e0},
   * {@code e1} and {@code run}.
   */
  static Plan fanned(int layers, int width) {
    List<Component> components = new ArrayList<>();
    List<Binding> bindings = new ArrayList<>();
    List<FunctionDecl> exports =
        List.of(
            new FunctionDecl("", "e0", UNARY),
            new FunctionDecl("", "e1", UNARY),
            new FunctionDecl("", "run", new FuncType(List.of(), List.of("i32"))));
    for (int layer = 0; layer < layers; layer++) {
      for (int k = 0; k < width; k++) {
        String id = "c" + layer + "_" + k;
        List<FunctionDecl> imports = new ArrayList<>();
        if (layer + 1 < layers) {
          for (int j = 0; j < 2; j++) {
            imports.add(new FunctionDecl("dep", "f" + j, UNARY));
            bindings.add(
                new Binding(
                    id, "dep", "f" + j, "c" + (layer + 1) + "_" + (k + j) % width, "e" + j));
          }
        } else {
          imports.add(
              new FunctionDecl(
                  Capabilities.MODULE, "log", new FuncType(List.of("i32", "i32"), List.of())));
        }
        components.add(
            new Component(
                id,
                PlanCodec.digestOf(StubModules.module(imports, exports, id)),
                imports,
                exports));
      }
    }
    return new Plan(
        Plan.FORMAT_VERSION,
        "acme",
        components,
        bindings,
        List.of(new PolicyRule(PolicyRule.Effect.ALLOW, "*", "log", List.of())),
        new TenantLimits(layers * width, 64L << 20, 1_000),
        List.of(new EntryPoint("c0_0", "run")));
  }

  private static final FuncType UNARY = new FuncType(List.of("i32"), List.of("i32"));

  /**
   * {@code layers * width} components; each outside the last layer imports one function from every
   * component of the next layer, the first {@code extra} one more from the layer after next.
   */
  static Plan layered(int layers, int width, int extra, int tenantComponents) {
    List<Component> components = new ArrayList<>();
    List<Binding> bindings = new ArrayList<>();
    int count = 0;
    for (int layer = 0; layer < layers; layer++) {
      for (int k = 0; k < width; k++) {
        String id = "c" + layer + "_" + k;
        List<FunctionDecl> imports = new ArrayList<>();
        if (layer + 1 < layers) {
          for (int j = 0; j < width; j++) {
            imports.add(new FunctionDecl("dep", "f" + j, UNARY));
            bindings.add(new Binding(id, "dep", "f" + j, "c" + (layer + 1) + "_" + j, "e" + k));
          }
          if (count < extra && layer + 2 < layers) {
            imports.add(new FunctionDecl("far", "g", UNARY));
            bindings.add(new Binding(id, "far", "g", "c" + (layer + 2) + "_" + k, "e" + k));
          }
        } else {
          imports.add(
              new FunctionDecl(
                  Capabilities.MODULE, "log", new FuncType(List.of("i32", "i32"), List.of())));
        }
        List<FunctionDecl> exports = new ArrayList<>();
        for (int j = 0; j < width; j++) {
          exports.add(new FunctionDecl("", "e" + j, UNARY));
        }
        exports.add(new FunctionDecl("", "run", new FuncType(List.of(), List.of("i32"))));
        components.add(
            new Component(
                id,
                PlanCodec.digestOf(StubModules.module(imports, exports, id)),
                imports,
                exports));
        count++;
      }
    }
    List<EntryPoint> entries = new ArrayList<>();
    for (int k = 0; k < width; k++) {
      entries.add(new EntryPoint("c0_" + k, "run"));
    }
    return new Plan(
        Plan.FORMAT_VERSION,
        "acme",
        components,
        bindings,
        List.of(new PolicyRule(PolicyRule.Effect.ALLOW, "*", "log", List.of())),
        new TenantLimits(tenantComponents, 64L << 20, 1_000),
        entries);
  }
}
