package dev.mosaic.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.store.BlobStore;
import dev.mosaic.plan.store.MemoryBlobStore;
import dev.mosaic.plan.verify.BlobVerifier;
import dev.mosaic.plan.verify.ComponentVerification;
import dev.mosaic.plan.verify.SignatureStatus;
import dev.mosaic.plan.verify.VerificationRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every refusal of the blobs phase reaches the audit sink with the code that caused it. */
class ValidationAuditTest {
  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  private static Plan signed() {
    Plan base = PlanFixtures.single();
    List<Component> components = new ArrayList<>(base.components());
    Component c = components.getFirst();
    components.set(
        0,
        new Component(
            c.id(),
            c.digest(),
            c.imports(),
            c.exports(),
            new SignatureRequirement(List.of("test"), List.of("key"))));
    return PlanFixtures.with(base, components, base.bindings(), base.entryPoints());
  }

  private static BlobVerifier verifier(Function<VerificationRequest, ComponentVerification> f) {
    return new BlobVerifier() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public ComponentVerification verify(VerificationRequest request) {
        return f.apply(request);
      }
    };
  }

  private MosaicException refuse(Plan plan, BlobStore store, BlobVerifier verifier) {
    PlanValidator v = PlanValidator.builder(store).verifier(verifier).audit(events::add).build();
    return catchThrowableOfType(MosaicException.class, () -> v.validate(plan));
  }

  private AuditEvent only(String type) {
    List<AuditEvent> of = events.stream().filter(e -> e.eventType().equals(type)).toList();
    assertThat(of).hasSize(1);
    return of.getFirst();
  }

  @Test
  void aVerifierThatThrowsIsARefusalAndIsAudited() {
    Plan plan = signed();
    MosaicException e =
        refuse(
            plan,
            PlanFixtures.storeFor(plan),
            verifier(
                r -> {
                  throw new IllegalStateException("verifier bug");
                }));
    assertThat(e.code()).isEqualTo("E4111");
    assertThat(only(AuditEvent.BLOB).details())
        .containsEntry("result", "rejected")
        .containsEntry("code", "E4111")
        .containsEntry("reason", "verifier `test` failed: IllegalStateException");
    assertThat(only(AuditEvent.PLAN_VALIDATION).details())
        .containsEntry("result", "rejected")
        .containsEntry("codes", "E4111");
  }

  @Test
  void theVerifiersOwnCodeIsAuditedNotOnlyTheRefusalKind() {
    Plan plan = signed();
    MosaicException e =
        refuse(
            plan,
            PlanFixtures.storeFor(plan),
            verifier(
                r ->
                    ComponentVerification.failed(
                        r,
                        "test",
                        SignatureStatus.UNTRUSTED,
                        "",
                        "certificate `CN=build` expired on 2025-01-01 (E4113)")));
    assertThat(e.code()).isEqualTo("E4112");
    assertThat(only(AuditEvent.BLOB).details())
        .containsEntry("code", "E4113")
        .containsEntry("refusal", "E4112")
        .containsEntry("reason", "certificate `CN=build` expired on 2025-01-01 (E4113)");
  }

  @Test
  void aStoreThatCannotReadIsARefusalAndIsAudited() {
    Plan plan = signed();
    MemoryBlobStore real = PlanFixtures.storeFor(plan);
    BlobStore broken =
        new BlobStore() {
          @Override
          public String put(String tenant, byte[] bytes) {
            return real.put(tenant, bytes);
          }

          @Override
          public Optional<byte[]> get(String tenant, String digest) {
            throw new UncheckedIOException(new IOException("disk on fire"));
          }

          @Override
          public boolean contains(String tenant, String digest) {
            return real.contains(tenant, digest);
          }

          @Override
          public List<String> list(String tenant) {
            return real.list(tenant);
          }
        };
    MosaicException e =
        refuse(plan, broken, verifier(r -> ComponentVerification.verified(r, "test", "key")));
    assertThat(e.code()).isEqualTo(PlanCodes.BLOB_UNREADABLE);
    assertThat(e.getMessage()).doesNotContain("disk on fire");
    assertThat(only(AuditEvent.PLAN_VALIDATION).details())
        .containsEntry("result", "rejected")
        .containsEntry("codes", "E0002");
  }
}
