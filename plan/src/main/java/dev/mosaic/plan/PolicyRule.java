package dev.mosaic.plan;

import java.util.List;
import java.util.Objects;

/**
 * One allow or deny rule. {@code component} is a component id or {@code *}; {@code patterns} narrow
 * parameterized capabilities (secret names, host patterns, paths); empty means any.
 *
 * @param effect allow or deny
 * @param component component id or {@code *}
 * @param capability capability name, see {@link Capabilities}
 * @param patterns parameter patterns, sorted
 */
public record PolicyRule(
    Effect effect, String component, String capability, List<String> patterns) {

  /** Whether a rule grants or refuses. */
  public enum Effect {
    ALLOW,
    DENY
  }

  public PolicyRule {
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(capability, "capability");
    patterns = List.copyOf(patterns);
  }

  public boolean appliesTo(String componentId, String capabilityName) {
    return (component.equals("*") || component.equals(componentId))
        && capability.equals(capabilityName);
  }
}
