package dev.mosaic.hsm.pkcs11;

import dev.mosaic.hsm.SecretCodes;
import dev.mosaic.hsm.SecretErrors;
import iaik.pkcs.pkcs11.TokenException;
import iaik.pkcs.pkcs11.wrapper.PKCS11Constants;
import iaik.pkcs.pkcs11.wrapper.PKCS11Exception;
import java.util.Locale;

/**
 * Turns wrapper exceptions into coded errors. Only the CKR_ name of a failure is used: the
 * wrapper's other texts may print object attributes.
 */
final class Pkcs11Errors {
  private Pkcs11Errors() {}

  /** The CKR_ name of a failure, or the exception's class name when it is not a CKR_ code. */
  static String name(TokenException e) {
    if (e instanceof PKCS11Exception p) {
      String message = p.getMessage();
      return message != null && message.startsWith("CKR_")
          ? message.split("\\s", 2)[0]
          : "CKR_0x" + Long.toHexString(p.getErrorCode()).toUpperCase(Locale.ROOT);
    }
    return e.getClass().getSimpleName();
  }

  static long code(TokenException e) {
    return e instanceof PKCS11Exception p ? p.getErrorCode() : -1;
  }

  /** Whether a session that saw this failure must be thrown away rather than reused. */
  static boolean sessionBroken(TokenException e) {
    long code = code(e);
    return !(e instanceof PKCS11Exception)
        || code == PKCS11Constants.CKR_SESSION_HANDLE_INVALID
        || code == PKCS11Constants.CKR_SESSION_CLOSED
        || code == PKCS11Constants.CKR_DEVICE_REMOVED
        || code == PKCS11Constants.CKR_DEVICE_ERROR
        || code == PKCS11Constants.CKR_TOKEN_NOT_PRESENT
        || code == PKCS11Constants.CKR_USER_NOT_LOGGED_IN;
  }

  /** The error for a failure while doing {@code what} (lowercase, e.g. "reading `api-key`"). */
  static RuntimeException failed(String backendId, String what, TokenException e) {
    long code = code(e);
    if (code == PKCS11Constants.CKR_KEY_TYPE_INCONSISTENT
        || code == PKCS11Constants.CKR_KEY_FUNCTION_NOT_PERMITTED
        || code == PKCS11Constants.CKR_MECHANISM_INVALID) {
      return SecretErrors.error(
          SecretCodes.OPERATION_UNSUPPORTED,
          "token `" + backendId + "` refused " + what + " (" + name(e) + ")",
          "the key's type or usage flags do not allow this operation");
    }
    if (code == PKCS11Constants.CKR_PIN_LOCKED) {
      return locked(backendId);
    }
    return SecretErrors.error(
        SecretCodes.TOKEN_ERROR,
        "pkcs#11 " + name(e) + " while " + what + " on `" + backendId + "`",
        null);
  }

  static RuntimeException locked(String backendId) {
    return SecretErrors.error(
        SecretCodes.PIN_LOCKED,
        "the user pin of token `" + backendId + "` is locked",
        "too many wrong pins were tried; the security officer must unlock it (for SoftHSM2:"
            + " `softhsm2-util --init-pin`) before the host can log in");
  }
}
