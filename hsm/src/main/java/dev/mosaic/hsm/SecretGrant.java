package dev.mosaic.hsm;

import dev.mosaic.plan.rules.PolicyEngine;

/** The policy decision for one component asking for one secret of its tenant. */
@FunctionalInterface
public interface SecretGrant {
  /** The capability name policies use for secrets. */
  String CAPABILITY = "secret";

  /** Whether {@code component} may use the secret {@code secretName}. */
  boolean allows(String component, String secretName);

  /** Decisions of a policy engine for the {@value #CAPABILITY} capability with the secret name. */
  static SecretGrant of(PolicyEngine engine) {
    return (component, secretName) -> engine.decide(component, CAPABILITY, secretName).allowed();
  }
}
