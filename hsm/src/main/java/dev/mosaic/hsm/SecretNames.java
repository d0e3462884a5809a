package dev.mosaic.hsm;

import dev.mosaic.plan.rules.SecretNameRules;

/**
 * The names a guest may ask for: one or more {@code /}-separated segments of letters, digits,
 * {@code .}, {@code _} and {@code -}, no {@code .} or {@code ..} segment, at most 256 characters,
 * case-sensitive. Vault names may end in {@code #field}. The rule itself is {@link
 * SecretNameRules}, the one check every path uses (plan validation, guest calls, this facade).
 */
public final class SecretNames {
  private SecretNames() {}

  /**
   * Returns {@code name} when valid.
   *
   * @throws dev.mosaic.plan.MosaicException with {@link SecretCodes#BAD_SECRET_NAME}
   */
  public static String check(String name) {
    return SecretNameRules.check(name);
  }
}
