package dev.mosaic.hsm.pkcs11;

import iaik.pkcs.pkcs11.Session;
import iaik.pkcs.pkcs11.TokenException;
import iaik.pkcs.pkcs11.wrapper.PKCS11Constants;
import iaik.pkcs.pkcs11.wrapper.PKCS11Exception;
import java.util.ArrayList;
import java.util.List;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.PKCS11;

/**
 * Finds objects by label and reads single attributes. The wrapper's object model reads every
 * attribute of every object it finds, values included, even when the caller only wants to use a
 * key; here only object handles and the attributes asked for cross into the JVM, through the JDK's
 * PKCS#11 layer the wrapper itself is built on.
 */
final class TokenObjects {
  private TokenObjects() {}

  /**
   * An object on the token.
   *
   * @param handle object handle, valid for the session's application
   * @param objectClass its {@code CKA_CLASS}, e.g. {@code CKO_DATA}
   */
  record Found(long handle, long objectClass) {
    boolean isData() {
      return objectClass == PKCS11Constants.CKO_DATA;
    }

    boolean isSecretKey() {
      return objectClass == PKCS11Constants.CKO_SECRET_KEY;
    }

    boolean isPrivateKey() {
      return objectClass == PKCS11Constants.CKO_PRIVATE_KEY;
    }
  }

  /** Up to {@code max} objects labelled {@code label}, with their classes. */
  static List<Found> byLabel(Session session, String label, int max) throws TokenException {
    PKCS11 p11 = session.getModule().getPKCS11Module();
    long h = session.getSessionHandle();
    try {
      p11.C_FindObjectsInit(
          h, new CK_ATTRIBUTE[] {new CK_ATTRIBUTE(PKCS11Constants.CKA_LABEL, label.toCharArray())});
      long[] handles;
      try {
        handles = p11.C_FindObjects(h, max);
      } finally {
        p11.C_FindObjectsFinal(h);
      }
      List<Found> found = new ArrayList<>(handles.length);
      for (long handle : handles) {
        CK_ATTRIBUTE[] cls = {new CK_ATTRIBUTE(PKCS11Constants.CKA_CLASS)};
        p11.C_GetAttributeValue(h, handle, cls);
        found.add(new Found(handle, cls[0].getLong()));
      }
      return found;
    } catch (sun.security.pkcs11.wrapper.PKCS11Exception e) {
      throw new PKCS11Exception(e);
    }
  }

  /** Whether a secret key's value may leave the token: extractable and not sensitive. */
  static boolean readable(Session session, long handle) throws TokenException {
    CK_ATTRIBUTE[] flags = {
      new CK_ATTRIBUTE(PKCS11Constants.CKA_EXTRACTABLE),
      new CK_ATTRIBUTE(PKCS11Constants.CKA_SENSITIVE)
    };
    try {
      session
          .getModule()
          .getPKCS11Module()
          .C_GetAttributeValue(session.getSessionHandle(), handle, flags);
    } catch (sun.security.pkcs11.wrapper.PKCS11Exception e) {
      throw new PKCS11Exception(e);
    }
    return flags[0].getBoolean() && !flags[1].getBoolean();
  }

  /** The object's {@code CKA_VALUE}; the caller owns (and wipes) the array. */
  static byte[] value(Session session, long handle) throws TokenException {
    CK_ATTRIBUTE[] value = {new CK_ATTRIBUTE(PKCS11Constants.CKA_VALUE)};
    try {
      session
          .getModule()
          .getPKCS11Module()
          .C_GetAttributeValue(session.getSessionHandle(), handle, value);
    } catch (sun.security.pkcs11.wrapper.PKCS11Exception e) {
      throw new PKCS11Exception(e);
    }
    byte[] bytes = value[0].getByteArray();
    return bytes == null ? new byte[0] : bytes;
  }
}
