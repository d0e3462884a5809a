package dev.mosaic.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.store.MemoryBlobStore;
import dev.mosaic.plan.verify.BlobVerifier;
import dev.mosaic.plan.verify.ComponentVerification;
import dev.mosaic.plan.verify.SignatureStatus;
import dev.mosaic.plan.verify.VerificationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {
  private final PlanCodec codec = new PlanCodec();

  @Test
  void aGoodPlanValidatesWithItsDigestAndBlobs() {
    Plan plan = PlanFixtures.typical();
    byte[] bytes = codec.encode(plan);
    ValidatedPlan v = validator(plan).validate(bytes);
    assertThat(v.plan()).isEqualTo(plan);
    assertThat(v.digest()).isEqualTo(PlanCodec.digestOf(bytes)).isEqualTo(codec.digest(plan));
    assertThat(v.blob("c0_0")).isEqualTo(PlanFixtures.blob(plan, "c0_0"));
    assertThat(v.verifications())
        .hasSize(10)
        .allSatisfy(
            c -> {
              assertThat(c.status()).isEqualTo(SignatureStatus.UNSIGNED_NOT_REQUIRED);
              assertThat(c.accepted()).isTrue();
            });
  }

  @Test
  void theMaximalPlanFitsTheDefaultLimits() {
    Plan plan = PlanFixtures.maximal();
    byte[] bytes = codec.encode(plan);
    assertThat(bytes.length).isLessThanOrEqualTo(1 << 20);
    assertThat(validator(plan).validate(bytes).plan().bindings()).hasSize(10_000);
  }

  @Test
  void schemaReportsEveryErrorOfThePhase() {
    Plan base = PlanFixtures.typical();
    List<Component> components = new ArrayList<>(base.components());
    Component c = components.get(1);
    components.set(1, new Component("c0_0", "sha256:XYZ", c.imports(), c.exports()));
    components.set(
        2,
        new Component(
            "9bad",
            components.get(2).digest(),
            List.of(new FunctionDecl("dep", "f0", new FuncType(List.of("i128"), List.of()))),
            components.get(2).exports()));
    Plan plan =
        new Plan(
            1,
            "bad tenant",
            components,
            base.bindings(),
            List.of(new PolicyRule(PolicyRule.Effect.ALLOW, "*", "teleport", List.of(""))),
            base.limits(),
            base.entryPoints());
    MosaicException e = validateError(plan);
    assertThat(e.diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly("E3011", "E3008", "E3007", "E3011", "E3014", "E7002", "E3013");
  }

  @Test
  void diagnosticsAreCappedWithACountOfTheRest() {
    Plan base = PlanFixtures.maximal();
    List<Component> broken =
        base.components().stream()
            .map(c -> new Component(c.id(), "md5:0", c.imports(), c.exports()))
            .toList();
    MosaicException e =
        validateError(PlanFixtures.with(base, broken, base.bindings(), base.entryPoints()));
    assertThat(e.diagnostics()).hasSize(PlanValidator.MAX_DIAGNOSTICS);
    assertThat(e.diagnostics().getLast().help())
        .endsWith("and " + (1_000 - PlanValidator.MAX_DIAGNOSTICS) + " more errors not shown");
  }

  @Test
  void missingBlobsAreAllReportedWithExitCode66() {
    Plan plan = PlanFixtures.typical();
    MemoryBlobStore store = new MemoryBlobStore();
    store.put(plan.tenant(), PlanFixtures.blob(plan, "c0_0"));
    // another tenant's blobs are not visible
    store.put("other", PlanFixtures.blob(plan, "c0_1"));
    MosaicException e =
        catchThrowableOfType(
            MosaicException.class,
            () -> new PlanValidator(SystemLimits.DEFAULT, store).validate(plan));
    assertThat(e.diagnostics()).hasSize(9).allMatch(d -> d.code().equals("E4001"));
    assertThat(e.exitCode()).isEqualTo(66);
  }

  @Test
  void signatureRequirementsGoThroughTheInstalledVerifier() {
    Plan base = PlanFixtures.typical();
    List<Component> components = new ArrayList<>(base.components());
    for (int i = 0; i < 3; i++) {
      Component c = components.get(i);
      components.set(
          i,
          new Component(
              c.id(),
              c.digest(),
              c.imports(),
              c.exports(),
              new SignatureRequirement(List.of("pgp", "test"), List.of("key-" + i))));
    }
    Plan plan = PlanFixtures.with(base, components, base.bindings(), base.entryPoints());
    BlobVerifier verifier =
        new BlobVerifier() {
          @Override
          public String name() {
            return "test";
          }

          @Override
          public ComponentVerification verify(VerificationRequest r) {
            assertThat(r.blob()).isEqualTo(PlanFixtures.blob(plan, r.componentId()));
            String key = r.requirement().trustedKeys().getFirst();
            return switch (r.componentId()) {
              case "c0_0" -> ComponentVerification.verified(r, name(), key);
              case "c0_1" ->
                  ComponentVerification.failed(
                      r, name(), SignatureStatus.UNTRUSTED, "mallory", "not in the keyring");
              default ->
                  ComponentVerification.failed(
                      r, name(), SignatureStatus.MISSING, "", "no `.sig` next to the blob");
            };
          }
        };
    PlanValidator validator =
        PlanValidator.builder(PlanFixtures.storeFor(plan)).verifier(verifier).build();
    MosaicException e = catchThrowableOfType(MosaicException.class, () -> validator.validate(plan));
    assertThat(e.diagnostics())
        .extracting(Diagnostic::code, Diagnostic::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "E4112", "component `c0_1` is signed by `mallory`, which is not a trusted key"),
            org.assertj.core.groups.Tuple.tuple(
                "E4110", "component `c1_0` requires a signature and has none"));
    assertThat(e.exitCode()).isEqualTo(77);

    // With only the first component signed, everything passes and the verification is kept.
    List<Component> one = new ArrayList<>(base.components());
    one.set(0, components.get(0));
    Plan signed = PlanFixtures.with(base, one, base.bindings(), base.entryPoints());
    ValidatedPlan v =
        PlanValidator.builder(PlanFixtures.storeFor(signed))
            .verifier(verifier)
            .build()
            .validate(codec.encode(signed));
    assertThat(v.verifications().getFirst())
        .isEqualTo(
            new ComponentVerification(
                "c0_0",
                signed.components().getFirst().digest(),
                SignatureStatus.VERIFIED,
                "test",
                "key-0",
                ""));
    assertThat(v.verifications().get(1).status()).isEqualTo(SignatureStatus.UNSIGNED_NOT_REQUIRED);

    // Without an installed verifier the requirement cannot be met.
    MosaicException none =
        catchThrowableOfType(MosaicException.class, () -> validator(signed).validate(signed));
    assertThat(none.code()).isEqualTo("E4115");
    assertThat(none.getMessage()).contains("`pgp` or `test`, and none is installed");
  }

  @Test
  void disconnectedComponentsAreNamed() {
    Plan base = PlanFixtures.layered(5, 2, 0, 20);
    List<Component> components = new ArrayList<>(base.components());
    components.add(
        PlanFixtures.component(
            "island", List.of(), List.of(new FunctionDecl("", "f", PlanFixtures.UNARY))));
    Plan plan = PlanFixtures.with(base, components, base.bindings(), base.entryPoints());
    MosaicException e = validateError(plan);
    assertThat(e.code()).isEqualTo("E5002");
    assertThat(e.diagnostics().getFirst().message())
        .isEqualTo("component `island` is not bound to anything and not exported");
    // exporting it connects it
    List<EntryPoint> entries = new ArrayList<>(base.entryPoints());
    entries.add(new EntryPoint("island", "f"));
    Plan exported = PlanFixtures.with(base, components, base.bindings(), entries);
    assertThat(validator(exported).validate(exported).plan()).isEqualTo(exported);
    // a plan without entry points is driven by its script: nothing is disconnected
    Plan script = PlanFixtures.with(base, components, base.bindings(), List.of());
    assertThat(validator(script).validate(script).plan()).isEqualTo(script);
  }

  @Test
  void bindingsPhaseReportsEveryBadEndDenialsFirst() {
    Plan base = PlanFixtures.layered(3, 1, 0, 10);
    // c0_0 -> c1_0 -> c2_0; c2_0 imports mosaic.log
    List<Binding> bindings = new ArrayList<>();
    bindings.add(new Binding("c0_0", "dep", "f0", "ghost", "e0")); // unknown component
    bindings.add(new Binding("c1_0", "dep", "f0", "c2_0", "nope")); // unknown export
    bindings.add(new Binding("c1_0", "dep", "nope", "c2_0", "e0")); // unknown import
    bindings.add(new Binding("c0_0", "dep", "f0", "c1_0", "run")); // type mismatch
    bindings.add(new Binding("c0_0", "dep", "f0", "c1_0", "e0")); // bound twice
    List<EntryPoint> entries = List.of(new EntryPoint("c0_0", "run"), new EntryPoint("c9", "x"));
    Plan plan =
        new Plan(
            1,
            "acme",
            base.components(),
            bindings,
            List.of(new PolicyRule(PolicyRule.Effect.DENY, "*", "log", List.of())),
            base.limits(),
            entries);
    MosaicException e = validateError(plan);
    assertThat(e.diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly("E7001", "E6001", "E6002", "E6005", "E6003", "E6007", "E6006");
    assertThat(e.diagnostics().get(4).message())
        .isEqualTo("binding `c0_0.dep.f0` expects (i32) -> (i32) but `c1_0.run` has () -> (i32)");
    assertThat(e.exitCode()).isEqualTo(77);
  }

  @Test
  void anUnboundImportIsDangling() {
    Plan base = PlanFixtures.layered(2, 1, 0, 10);
    Plan plan =
        PlanFixtures.with(
            base,
            base.components(),
            List.of(),
            List.of(new EntryPoint("c0_0", "run"), new EntryPoint("c1_0", "run")));
    MosaicException e = validateError(plan);
    assertThat(e.diagnostics())
        .extracting(Diagnostic::code, Diagnostic::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "E6004", "import `dep.f0` of component `c0_0` is not bound"));
    assertThat(e.exitCode()).isEqualTo(65);
  }

  @Test
  void wasiClocksAndRandomNeedTheirCapabilitiesFilesNeedNoneAndSocketsAreRefused() {
    FuncType fdRead = new FuncType(List.of("i32", "i32", "i32", "i32"), List.of("i32"));
    Component reader =
        PlanFixtures.component(
            "reader",
            List.of(
                new FunctionDecl(Capabilities.WASI_MODULE, "fd_read", fdRead),
                new FunctionDecl(Capabilities.WASI_MODULE, "sock_recv", fdRead),
                new FunctionDecl(
                    Capabilities.WASI_MODULE,
                    "random_get",
                    new FuncType(List.of("i32", "i32"), List.of("i32")))),
            List.of(new FunctionDecl("", "run", new FuncType(List.of(), List.of("i32")))));
    List<PolicyRule> logOnly =
        List.of(new PolicyRule(PolicyRule.Effect.ALLOW, "reader", "log", List.of()));
    MosaicException e = validateError(wasiPlan(reader, logOnly));
    assertThat(e.diagnostics())
        .extracting(Diagnostic::code, Diagnostic::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "E7003",
                "component `reader` imports WASI function `sock_recv`, which the host does not"
                    + " provide"),
            org.assertj.core.groups.Tuple.tuple(
                "E7001", "capability `random` is not granted to component `reader`"));
    assertThat(e.exitCode()).isEqualTo(77);

    // A WASI file function links without a grant: without `files` nothing is pre-opened.
    Component fileOnly =
        PlanFixtures.component("reader", List.of(reader.imports().get(0)), reader.exports());
    Plan granted = wasiPlan(fileOnly, List.of());
    assertThat(validator(granted).validate(granted).plan().components().get(0).imports())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.isWasi()).isTrue();
              assertThat(f.isCapability()).isFalse();
              assertThat(f.capability()).isNull();
            });
  }

  private static Plan wasiPlan(Component c, List<PolicyRule> policy) {
    Plan base = PlanFixtures.single();
    return new Plan(
        1,
        base.tenant(),
        List.of(c),
        List.of(),
        policy,
        base.limits(),
        List.of(new EntryPoint(c.id(), "run")));
  }

  @Test
  void tenantCeilingsAndSystemMemoryBoundWhatAPlanMayAsk() {
    Plan plan = PlanFixtures.typical();
    PlanValidator strict =
        PlanValidator.builder(PlanFixtures.storeFor(plan))
            .tenantCeiling("acme", new TenantLimits(5, 1 << 20, 100))
            .build();
    MosaicException e = catchThrowableOfType(MosaicException.class, () -> strict.validate(plan));
    assertThat(e.code()).isEqualTo("E8006");
    assertThat(e.getMessage()).contains("over what tenant `acme` is granted");
    Plan greedy =
        new Plan(
            1,
            "acme",
            plan.components(),
            plan.bindings(),
            plan.policy(),
            new TenantLimits(5, 2L << 30, 100),
            plan.entryPoints());
    assertThat(validateError(greedy).diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly("E8007", "E8006");
  }

  @Test
  void everyValidationIsAudited() {
    Plan plan = PlanFixtures.typical();
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    PlanValidator v = PlanValidator.builder(PlanFixtures.storeFor(plan)).audit(events::add).build();
    v.validate(codec.encode(plan));
    catchThrowableOfType(MosaicException.class, () -> v.validate(new byte[] {(byte) 0x9f}));
    assertThat(events).hasSize(2);
    assertThat(events.get(0).details())
        .containsEntry("result", "accepted")
        .containsEntry("plan_digest", codec.digest(plan));
    assertThat(events.get(0).tenantId()).isEqualTo("acme");
    assertThat(events.get(0).eventType()).isEqualTo(AuditEvent.PLAN_VALIDATION);
    assertThat(events.get(1).details())
        .containsEntry("result", "rejected")
        .containsEntry("codes", "E3002");
  }

  private static PlanValidator validator(Plan plan) {
    return new PlanValidator(SystemLimits.DEFAULT, PlanFixtures.storeFor(plan));
  }

  private static MosaicException validateError(Plan plan) {
    MosaicException e =
        catchThrowableOfType(MosaicException.class, () -> validator(plan).validate(plan));
    assertThat(e).as("validation must fail").isNotNull();
    return e;
  }
}
