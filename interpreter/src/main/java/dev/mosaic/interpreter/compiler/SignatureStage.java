package dev.mosaic.interpreter.compiler;

import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.SignatureRule;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.diag.Suggest;
import dev.mosaic.interpreter.model.CheckedComponent;
import dev.mosaic.plan.SignatureRequirement;
import dev.mosaic.plan.rules.PlanRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiler stage: applies the policy's {@code require signature VERIFIERS for COMPONENTS|*} rules
 * to the components' signature requirements.
 *
 * <ul>
 *   <li>A component without {@code signed by} must be signed, checked by one of the rule's
 *       verifiers against the host's trust anchors.
 *   <li>A component {@code signed by} a key keeps that key, whose kind fixes the verifier; a rule
 *       that does not allow that verifier is an error (E2026).
 *   <li>Several rules for one component: every one must allow the verifier that checks it, so the
 *       verifiers are the rules' intersection, in the order of the first rule.
 * </ul>
 */
final class SignatureStage {
  private final Problems problems;

  SignatureStage(Problems problems) {
    this.problems = problems;
  }

  /** The components with the rules applied, in the same order. */
  Map<String, CheckedComponent> run(
      List<Located> items, Map<String, CheckedComponent> components, Set<String> unresolved) {
    Map<String, CheckedComponent> out = new LinkedHashMap<>(components);
    for (Located located : items) {
      if (!(located.item() instanceof Item.Policy policy)) {
        continue;
      }
      for (SignatureRule rule : policy.signatures()) {
        boolean named = true;
        for (String v : rule.verifiers()) {
          var tooLong = PlanRules.stringLength("verifier name", v);
          if (tooLong.isPresent()) {
            problems.add(tooLong.get().at(Problems.at(located.file(), rule.span())));
            named = false;
          }
        }
        if (!named) {
          continue;
        }
        List<String> targets = new ArrayList<>();
        if (rule.all()) {
          targets.addAll(out.keySet());
        }
        for (int i = 0; i < rule.components().size(); i++) {
          String name = rule.components().get(i);
          if (out.containsKey(name)) {
            targets.add(name);
          } else if (!unresolved.contains(name)) {
            problems.error(
                LangCodes.UNKNOWN_COMPONENT,
                "unknown component `" + name + "`",
                located.file(),
                rule.componentSpans().get(i),
                Suggest.help(name, out.keySet()));
          }
        }
        for (String name : targets) {
          CheckedComponent c = out.get(name);
          SignatureRequirement applied = apply(c, rule, located.file());
          if (applied != null) {
            out.put(name, withSignature(c, applied));
          }
        }
      }
    }
    return out;
  }

  private SignatureRequirement apply(CheckedComponent c, SignatureRule rule, String file) {
    SignatureRequirement current = c.signature();
    if (!current.required()) {
      return new SignatureRequirement(rule.verifiers(), List.of());
    }
    List<String> kept =
        current.verifiers().stream().filter(v -> rule.verifiers().contains(v)).toList();
    if (kept.isEmpty()) {
      problems.error(
          LangCodes.SIGNATURE_CONFLICT,
          "component `"
              + c.name()
              + "` must be signed for "
              + String.join(" or ", current.verifiers())
              + ", the policy requires "
              + String.join(" or ", rule.verifiers()),
          file,
          rule.span(),
          "a `signed by` key fixes the verifier: a PEM public key is cosign, a PGP key pgp, a"
              + " certificate x509");
      return null;
    }
    return new SignatureRequirement(kept, current.trustedKeys());
  }

  private static CheckedComponent withSignature(CheckedComponent c, SignatureRequirement s) {
    return new CheckedComponent(
        c.name(),
        c.digest(),
        s,
        c.implementsInterface(),
        c.imports(),
        c.exports(),
        c.file(),
        c.span(),
        c.abi());
  }
}
