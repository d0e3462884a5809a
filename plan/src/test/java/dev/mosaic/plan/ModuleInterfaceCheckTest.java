package dev.mosaic.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.store.BlobStore;
import dev.mosaic.plan.store.MemoryBlobStore;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The blobs phase compares each module's real imports and exports with the plan's lists, so a plan
 * edited after compiling (another module's digest, a dropped import, a changed type) is refused
 * before anything runs; and it reads hostile modules with coded errors only.
 */
class ModuleInterfaceCheckTest {
  private static final FuncType LOG = new FuncType(List.of("i32", "i32"), List.of());
  private static final FuncType PATH_OPEN =
      new FuncType(
          List.of("i32", "i32", "i32", "i32", "i32", "i64", "i64", "i32", "i32"), List.of("i32"));
  private static final FunctionDecl RUN =
      new FunctionDecl("", "run", new FuncType(List.of(), List.of("i32")));

  /** One component {@code app} whose plan declares {@code declared}, run by {@code module}. */
  private static MosaicException refused(Component declared, byte[] module) {
    Plan plan =
        new Plan(
            1,
            "acme",
            List.of(declared),
            List.of(),
            List.of(
                new PolicyRule(PolicyRule.Effect.ALLOW, "app", "log", List.of()),
                new PolicyRule(PolicyRule.Effect.ALLOW, "app", "files", List.of("/data/*"))),
            new TenantLimits(10, 16L << 20, 1_000),
            List.of(new EntryPoint("app", "run")));
    MemoryBlobStore store = new MemoryBlobStore();
    store.put("acme", module);
    return catchThrowableOfType(
        MosaicException.class, () -> new PlanValidator(SystemLimits.DEFAULT, store).validate(plan));
  }

  private static Component declared(
      List<FunctionDecl> imports, List<FunctionDecl> exports, byte[] m) {
    return new Component("app", PlanCodec.digestOf(m), imports, exports);
  }

  @Test
  void aSwappedModuleWithMoreImportsThanThePlanDeclaresIsRefused() {
    // The plan was compiled for a module importing only `log`; its digest now names a module that
    // also opens files through WASI, which the policy grants for another purpose.
    List<FunctionDecl> logOnly = List.of(new FunctionDecl(Capabilities.MODULE, "log", LOG));
    byte[] swapped =
        StubModules.module(
            List.of(
                new FunctionDecl(Capabilities.MODULE, "log", LOG),
                new FunctionDecl(Capabilities.WASI_MODULE, "path_open", PATH_OPEN)),
            List.of(RUN),
            "swapped");
    MosaicException e = refused(declared(logOnly, List.of(RUN), swapped), swapped);
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo("E4203");
    assertThat(e.exitCode()).isEqualTo(65);
    assertThat(e.getMessage())
        .isEqualTo(
            "error[E4203]: component `app`'s module imports `wasi_snapshot_preview1.path_open`"
                + " (i32, i32, i32, i32, i32, i64, i64, i32, i32) -> (i32), which the plan does not"
                + " declare");
  }

  @Test
  void aPlanThatDropsARealImportIsRefused() {
    byte[] module =
        StubModules.module(
            List.of(new FunctionDecl(Capabilities.MODULE, "log", LOG)), List.of(RUN), "m");
    MosaicException e = refused(declared(List.of(), List.of(RUN), module), module);
    assertThat(e.code()).isEqualTo("E4203");
    assertThat(e.getMessage()).contains("imports `mosaic.log`", "which the plan does not declare");
  }

  @Test
  void aPlanThatDeclaresAnImportTheModuleLacksIsRefused() {
    byte[] module = StubModules.module(List.of(), List.of(RUN), "m");
    MosaicException e =
        refused(
            declared(
                List.of(new FunctionDecl(Capabilities.MODULE, "log", LOG)), List.of(RUN), module),
            module);
    assertThat(e.code()).isEqualTo("E4203");
    assertThat(e.getMessage())
        .contains("the plan declares import `mosaic.log` of component `app`, which its module");
  }

  @Test
  void aPlanThatLiesAboutAnExportsTypeIsRefused() {
    byte[] module = StubModules.module(List.of(), List.of(RUN), "m");
    FunctionDecl lie = new FunctionDecl("", "run", new FuncType(List.of("i64"), List.of("i32")));
    MosaicException e = refused(declared(List.of(), List.of(lie), module), module);
    assertThat(e.code()).isEqualTo("E4204");
    assertThat(e.getMessage())
        .isEqualTo(
            "error[E4204]: component `app`'s module exports `run` with type () -> (i32), the plan"
                + " declares (i64) -> (i32)");
  }

  @Test
  void aPlanThatInventsOrHidesAnExportIsRefused() {
    byte[] module = StubModules.module(List.of(), List.of(RUN), "m");
    FunctionDecl extra = new FunctionDecl("", "extra", new FuncType(List.of(), List.of()));
    assertThat(refused(declared(List.of(), List.of(RUN, extra), module), module).code())
        .isEqualTo("E4204");
    byte[] two = StubModules.module(List.of(), List.of(RUN, extra), "m");
    assertThat(refused(declared(List.of(), List.of(RUN), two), two).code()).isEqualTo("E4204");
  }

  @Test
  void aModuleImportingATableOrGlobalIsRefused() {
    // (import "env" "t" (table 1 funcref)) (import "env" "g" (global i32))
    byte[] module =
        concat(
            HEADER,
            section(
                2,
                bytes(
                    2, 3, 'e', 'n', 'v', 1, 't', 1, 0x70, 0, 1, 3, 'e', 'n', 'v', 1, 'g', 3, 0x7F,
                    0)));
    MosaicException e = refused(declared(List.of(), List.of(), module), module);
    assertThat(e.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly(
            "component `app`'s module imports a table `env.t`",
            "component `app`'s module imports a global `env.g`");
    assertThat(e.code()).isEqualTo("E4203");
  }

  @Test
  void theSameInterfaceInAnotherOrderIsAccepted() {
    FunctionDecl a = new FunctionDecl("", "a", new FuncType(List.of(), List.of()));
    byte[] module = StubModules.module(List.of(), List.of(RUN, a), "m");
    Component app = declared(List.of(), List.of(a, RUN), module);
    MemoryBlobStore store = new MemoryBlobStore();
    store.put("acme", module);
    Plan plan =
        new Plan(
            1,
            "acme",
            List.of(app),
            List.of(),
            List.of(),
            new TenantLimits(10, 16L << 20, 1_000),
            List.of(new EntryPoint("app", "run")));
    assertThat(new PlanValidator(SystemLimits.DEFAULT, store).validate(plan).plan())
        .isEqualTo(plan);
  }

  @Test
  void aModuleStartingWithMoreMemoryThanTheTenantMayUseIsRefused() {
    // (memory 4096): 256 MiB in a plan whose tenant may use 16 MiB
    byte[] module = concat(HEADER, section(5, bytes(1, 0, 0x80, 0x20)));
    MosaicException e = refused(declared(List.of(), List.of(), module), module);
    assertThat(e.code()).isEqualTo("E8008");
    assertThat(e.getMessage())
        .isEqualTo(
            "error[E8008]: the plan's modules start with 268435456 bytes of linear memory, over"
                + " its tenant limit `max-memory` of 16777216 bytes");
    // 256 pages fit exactly: the blobs phase passes, and the graph phase finds no `run`
    byte[] fits = concat(HEADER, section(5, bytes(1, 0, 0x80, 0x02)));
    assertThat(refused(declared(List.of(), List.of(), fits), fits).code()).isEqualTo("E6006");
  }

  static final byte[] HEADER = bytes(0, 'a', 's', 'm', 1, 0, 0, 0);

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  static byte[] section(int id, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(id);
    StubModules.u32(out, body.length);
    out.writeBytes(body);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** One component {@code app} declaring {@code declared}'s lists under {@code digest}. */
  private static Plan planOf(String digest, List<FunctionDecl> imports) {
    return new Plan(
        1,
        "acme",
        List.of(new Component("app", digest, imports, List.of(RUN))),
        List.of(),
        List.of(new PolicyRule(PolicyRule.Effect.ALLOW, "app", "log", List.of())),
        new TenantLimits(10, 16L << 20, 1_000),
        List.of(new EntryPoint("app", "run")));
  }

  @Test
  void aValidatorThatKeptAModulesInterfaceStillComparesItWithEveryPlan() {
    List<FunctionDecl> logOnly = List.of(new FunctionDecl(Capabilities.MODULE, "log", LOG));
    byte[] module = StubModules.module(logOnly, List.of(RUN), "m");
    MemoryBlobStore store = new MemoryBlobStore();
    String digest = store.put("acme", module);
    PlanValidator validator = new PlanValidator(SystemLimits.DEFAULT, store);
    validator.validate(planOf(digest, logOnly));

    // Same module, same validator: the interface comes from its cache, the plan now drops `log`.
    MosaicException e =
        catchThrowableOfType(
            MosaicException.class, () -> validator.validate(planOf(digest, List.of())));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo("E4203");
    assertThat(e.getMessage()).contains("imports `mosaic.log`", "which the plan does not declare");
  }

  @Test
  void aKeptInterfaceNeverStandsForOtherBytesUnderTheSameDigest() {
    // A store that does not verify what it returns: under one digest it first serves the module
    // the plan was compiled for, then a module that also opens files. The validator must read the
    // second module's interface, not reuse the first one's because the digest is the same.
    List<FunctionDecl> logOnly = List.of(new FunctionDecl(Capabilities.MODULE, "log", LOG));
    byte[] honest = StubModules.module(logOnly, List.of(RUN), "m");
    byte[] swapped =
        StubModules.module(
            List.of(
                new FunctionDecl(Capabilities.MODULE, "log", LOG),
                new FunctionDecl(Capabilities.WASI_MODULE, "path_open", PATH_OPEN)),
            List.of(RUN),
            "m");
    String digest = PlanCodec.digestOf(honest);
    byte[][] served = {honest};
    BlobStore unverified = UnverifiedStore.serving(digest, served);
    PlanValidator validator = new PlanValidator(SystemLimits.DEFAULT, unverified);
    Plan plan = planOf(digest, logOnly);
    validator.validate(plan);

    served[0] = swapped;
    MosaicException e = catchThrowableOfType(MosaicException.class, () -> validator.validate(plan));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo("E4203");
    assertThat(e.getMessage()).contains("imports `wasi_snapshot_preview1.path_open`");
  }
}
