package dev.mosaic.hsm;

import dev.mosaic.plan.rules.SecretNameRules;

/**
 * Error codes raised by secret backends and secret access (E71xx, in the E7 band: denied, exit 77).
 * Every code is listed in docs/errors.md. Messages carrying these codes name secrets, labels and
 * backends, never secret values, PINs or tokens.
 */
public final class SecretCodes {
  /** The policy does not grant the component access to the secret. */
  public static final String SECRET_DENIED = "E7101";

  /** The backend has no secret (PKCS#11 object, Vault path or field, variable) of that name. */
  public static final String SECRET_NOT_FOUND = "E7102";

  /** The PKCS#11 token rejected the PIN. */
  public static final String WRONG_PIN = "E7103";

  /** The token's user PIN is locked after too many wrong attempts. */
  public static final String PIN_LOCKED = "E7104";

  /** The PKCS#11 module library does not exist or cannot be loaded. */
  public static final String MODULE_LIBRARY_MISSING = "E7105";

  /**
   * A key's value was asked for, but the token does not let it leave (sensitive or unextractable).
   */
  public static final String KEY_NOT_EXTRACTABLE = "E7106";

  /** No token with the configured label or slot is present. */
  public static final String TOKEN_NOT_FOUND = "E7107";

  /** The PIN or access token cannot be read from its source (variable unset, file missing). */
  public static final String CREDENTIAL_UNAVAILABLE = "E7108";

  /** A development-only backend (env) was configured while the host runs in production mode. */
  public static final String DEVELOPMENT_ONLY = "E7109";

  /** The backend cannot be reached or failed (connection refused, TLS, HTTP 5xx, no session). */
  public static final String BACKEND_UNAVAILABLE = "E7110";

  /** The backend refused the host's credentials (Vault HTTP 403). */
  public static final String BACKEND_DENIED = "E7111";

  /** The backend did not answer within the configured timeout. */
  public static final String BACKEND_TIMEOUT = "E7112";

  /** No backend provider (built in or plugin) handles the configured scheme. */
  public static final String UNKNOWN_SCHEME = "E7113";

  /** A backend's configuration is incomplete or invalid. */
  public static final String BAD_CONFIG = "E7114";

  /** The secret or backend cannot perform the requested operation (e.g. hmac with an AES key). */
  public static final String OPERATION_UNSUPPORTED = "E7115";

  /** The backend answered with something that is not what its protocol promises. */
  public static final String BAD_RESPONSE = "E7116";

  /** The JVM was started without access to the JDK's PKCS#11 wrapper. */
  public static final String PKCS11_NOT_ENABLED = "E7117";

  /** Any other PKCS#11 failure; the message names the CKR_ return value. */
  public static final String TOKEN_ERROR = "E7118";

  /** A secret name is empty, too long, or has characters or segments that are not allowed. */
  public static final String BAD_SECRET_NAME = SecretNameRules.BAD_SECRET_NAME;

  /** The token is already logged in by another backend of this process. */
  public static final String TOKEN_IN_USE = "E7120";

  /** More than one object of the same kind carries the label. */
  public static final String AMBIGUOUS_LABEL = "E7121";

  private SecretCodes() {}
}
