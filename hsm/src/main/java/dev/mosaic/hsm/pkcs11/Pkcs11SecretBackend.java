package dev.mosaic.hsm.pkcs11;

import dev.mosaic.hsm.Secret;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretCodes;
import dev.mosaic.hsm.SecretErrors;
import dev.mosaic.hsm.SignatureAlgorithm;
import iaik.pkcs.pkcs11.Mechanism;
import iaik.pkcs.pkcs11.Module;
import iaik.pkcs.pkcs11.Session;
import iaik.pkcs.pkcs11.Slot;
import iaik.pkcs.pkcs11.Token;
import iaik.pkcs.pkcs11.TokenException;
import iaik.pkcs.pkcs11.TokenInfo;
import iaik.pkcs.pkcs11.objects.Key;
import iaik.pkcs.pkcs11.parameters.GCMParameters;
import iaik.pkcs.pkcs11.wrapper.PKCS11Constants;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/**
 * Secrets on a PKCS#11 token, through the IAIK-style wrapper {@code
 * org.xipki.iaik:sunpkcs11-wrapper}. Objects are found by their label: data objects and extractable
 * secret keys can be read; keys the token keeps to itself (sensitive or unextractable) can only be
 * used through {@link #hmacSha256}, {@link #sign}, {@link #encrypt} and {@link #decrypt}, so their
 * value never enters the JVM.
 *
 * <p>The backend logs in once when opened and does not keep the PIN. Calls from any number of
 * threads share a pool of sessions ({@link Pkcs11Config#maxSessions()}). Only object handles,
 * classes and the attributes an operation needs cross into the JVM ({@link TokenObjects}); a key
 * that is only used is never read, even when the token would allow it.
 */
public final class Pkcs11SecretBackend implements SecretBackend {
  private static final int MAX_MATCHES = 8;
  private static final int GCM_NONCE = 12;
  private static final int GCM_TAG = 16;

  private final String id;
  private final SessionPool sessions;
  private final SecureRandom random = new SecureRandom();

  private Pkcs11SecretBackend(String id, SessionPool sessions) {
    this.id = id;
    this.sessions = sessions;
  }

  /**
   * Loads the library, finds the token, logs in with the PIN from its source and keeps that
   * session.
   *
   * @throws dev.mosaic.plan.MosaicException {@link SecretCodes#MODULE_LIBRARY_MISSING}, {@link
   *     SecretCodes#TOKEN_NOT_FOUND}, {@link SecretCodes#PIN_LOCKED}, {@link
   *     SecretCodes#WRONG_PIN}, {@link SecretCodes#CREDENTIAL_UNAVAILABLE}, {@link
   *     SecretCodes#TOKEN_IN_USE}, {@link SecretCodes#PKCS11_NOT_ENABLED} or {@link
   *     SecretCodes#TOKEN_ERROR}
   */
  public static Pkcs11SecretBackend open(Pkcs11Config config) {
    Module module = Pkcs11Modules.load(config.library());
    String id = "pkcs11://" + config.token().describe();
    Token token = findToken(module, config.token(), id);
    Session session = null;
    try {
      TokenInfo info = token.getTokenInfo();
      if (info.isUserPinLocked()) {
        throw Pkcs11Errors.locked(id);
      }
      session =
          token.openSession(
              Token.SessionType.SERIAL_SESSION,
              Token.SessionReadWriteBehavior.RO_SESSION,
              null,
              null);
      login(session, token, config, id);
      Session login = session;
      session = null;
      return new Pkcs11SecretBackend(
          id, new SessionPool(token, id, config.maxSessions(), config.borrowTimeout(), login));
    } catch (TokenException e) {
      throw Pkcs11Errors.failed(id, "opening a session", e);
    } finally {
      if (session != null) {
        try {
          session.closeSession();
        } catch (TokenException e) {
          // failing to close a session we could not use changes nothing for the caller
        }
      }
    }
  }

  private static Token findToken(Module module, TokenSelector selector, String id) {
    List<String> seen = new ArrayList<>();
    Token found = null;
    try {
      for (Slot slot : module.getSlotList(Module.SlotRequirement.TOKEN_PRESENT)) {
        Token token = slot.getToken();
        TokenInfo info = token.getTokenInfo();
        if (!info.isTokenInitialized()) {
          continue;
        }
        String label = info.getLabel().strip();
        seen.add(label + " (slot " + Long.toUnsignedString(slot.getSlotID()) + ")");
        boolean match =
            switch (selector) {
              case TokenSelector.Label l -> l.label().equals(label);
              case TokenSelector.Slot s -> s.id() == slot.getSlotID();
            };
        if (match && found != null) {
          throw SecretErrors.error(
              SecretCodes.TOKEN_NOT_FOUND,
              "more than one token is labelled `" + selector.describe() + "`",
              "select the token by `slot` instead");
        }
        if (match) {
          found = token;
        }
      }
    } catch (TokenException e) {
      throw Pkcs11Errors.failed(id, "listing slots", e);
    }
    if (found == null) {
      throw SecretErrors.error(
          SecretCodes.TOKEN_NOT_FOUND,
          "no token `" + selector.describe() + "` is present",
          seen.isEmpty() ? "the module reports no initialized token" : "present: " + seen);
    }
    return found;
  }

  private static void login(Session session, Token token, Pkcs11Config config, String id)
      throws TokenException {
    char[] pin = config.pin().read();
    try {
      session.login(Session.UserType.USER, pin);
    } catch (TokenException e) {
      long code = Pkcs11Errors.code(e);
      if (code == PKCS11Constants.CKR_PIN_INCORRECT || code == PKCS11Constants.CKR_PIN_LEN_RANGE) {
        throw SecretErrors.error(
            SecretCodes.WRONG_PIN,
            "token `" + id + "` rejected the pin from `" + config.pin().describe() + "`",
            wrongPinHelp(token));
      }
      if (code == PKCS11Constants.CKR_PIN_LOCKED) {
        throw Pkcs11Errors.locked(id);
      }
      if (code == PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN) {
        throw SecretErrors.error(
            SecretCodes.TOKEN_IN_USE,
            "token `" + id + "` is already logged in by another backend of this process",
            "open one backend per token and share it; scope tenants with ScopedSecrets");
      }
      throw e;
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  private static String wrongPinHelp(Token token) {
    String advice = "the host does not retry; fix the pin source before the token locks the pin";
    try {
      TokenInfo info = token.getTokenInfo();
      if (info.isUserPinFinalTry()) {
        return "one more wrong pin locks the token; " + advice;
      }
      if (info.isUserPinCountLow()) {
        return "the token reports few attempts left; " + advice;
      }
    } catch (TokenException e) {
      // the help is only less specific
    }
    return advice;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Secret read(String name) {
    return sessions.run(
        "reading `" + name + "`",
        session -> {
          List<TokenObjects.Found> found = TokenObjects.byLabel(session, name, MAX_MATCHES);
          TokenObjects.Found data = only(found, TokenObjects.Found::isData, name);
          if (data != null) {
            return new Secret(name, TokenObjects.value(session, data.handle()));
          }
          TokenObjects.Found key = only(found, TokenObjects.Found::isSecretKey, name);
          if (key != null && TokenObjects.readable(session, key.handle())) {
            return new Secret(name, TokenObjects.value(session, key.handle()));
          }
          if (key != null || only(found, TokenObjects.Found::isPrivateKey, name) != null) {
            throw SecretErrors.error(
                SecretCodes.KEY_NOT_EXTRACTABLE,
                "key `" + name + "` on `" + id + "` cannot be read",
                "the token keeps it (sensitive or not extractable); use it through hmac, sign"
                    + " or encrypt instead of reading it");
          }
          throw notFound(name);
        });
  }

  @Override
  public byte[] hmacSha256(String keyName, byte[] data) {
    return sessions.run(
        "computing hmac-sha256 with `" + keyName + "`",
        session ->
            withKey(
                session,
                keyName,
                TokenObjects.Found::isSecretKey,
                key -> {
                  session.signInit(Mechanism.get(PKCS11Constants.CKM_SHA256_HMAC), key);
                  return session.sign(data);
                }));
  }

  @Override
  public byte[] sign(String keyName, SignatureAlgorithm algorithm, byte[] data) {
    return sessions.run(
        "signing with `" + keyName + "`",
        session ->
            withKey(
                session,
                keyName,
                TokenObjects.Found::isPrivateKey,
                key ->
                    switch (algorithm) {
                      case ECDSA_SHA256 -> {
                        session.signInit(Mechanism.get(PKCS11Constants.CKM_ECDSA), key);
                        yield derSignature(session.sign(sha256(data)));
                      }
                      case RSA_PKCS1_SHA256 -> {
                        session.signInit(Mechanism.get(PKCS11Constants.CKM_SHA256_RSA_PKCS), key);
                        yield session.sign(data);
                      }
                    }));
  }

  @Override
  public byte[] encrypt(String keyName, byte[] plaintext) {
    byte[] nonce = new byte[GCM_NONCE];
    random.nextBytes(nonce);
    return sessions.run(
        "encrypting with `" + keyName + "`",
        session ->
            withKey(
                session,
                keyName,
                TokenObjects.Found::isSecretKey,
                key -> {
                  session.encryptInit(gcm(nonce), key);
                  byte[] sealed = new byte[plaintext.length + GCM_TAG];
                  int n = session.encrypt(plaintext, 0, plaintext.length, sealed, 0, sealed.length);
                  byte[] out = new byte[GCM_NONCE + n];
                  System.arraycopy(nonce, 0, out, 0, GCM_NONCE);
                  System.arraycopy(sealed, 0, out, GCM_NONCE, n);
                  return out;
                }));
  }

  @Override
  public byte[] decrypt(String keyName, byte[] nonceAndCiphertext) {
    if (nonceAndCiphertext.length < GCM_NONCE + GCM_TAG) {
      throw SecretErrors.error(
          SecretCodes.OPERATION_UNSUPPORTED,
          "ciphertext for `" + keyName + "` is shorter than a nonce and a tag",
          null);
    }
    byte[] nonce = Arrays.copyOf(nonceAndCiphertext, GCM_NONCE);
    return sessions.run(
        "decrypting with `" + keyName + "`",
        session ->
            withKey(
                session,
                keyName,
                TokenObjects.Found::isSecretKey,
                key -> {
                  session.decryptInit(gcm(nonce), key);
                  int length = nonceAndCiphertext.length - GCM_NONCE;
                  byte[] out = new byte[length];
                  int n =
                      session.decrypt(nonceAndCiphertext, GCM_NONCE, length, out, 0, out.length);
                  return Arrays.copyOf(out, n);
                }));
  }

  /** A key operation on a found key object. */
  @FunctionalInterface
  private interface KeyUse<T> {
    T apply(Key key) throws TokenException;
  }

  private <T> T withKey(
      Session session, String name, Predicate<TokenObjects.Found> kind, KeyUse<T> use)
      throws TokenException {
    List<TokenObjects.Found> found = TokenObjects.byLabel(session, name, MAX_MATCHES);
    TokenObjects.Found match = only(found, kind, name);
    if (match == null) {
      if (!found.isEmpty()) {
        throw SecretErrors.error(
            SecretCodes.OPERATION_UNSUPPORTED,
            "`" + name + "` on `" + id + "` is not a key of the kind this operation needs",
            "hmac and encrypt need a secret key, sign a private key");
      }
      throw notFound(name);
    }
    Key key = new Key();
    key.setObjectHandle(match.handle());
    return use.apply(key);
  }

  private TokenObjects.Found only(
      List<TokenObjects.Found> found, Predicate<TokenObjects.Found> kind, String name) {
    TokenObjects.Found match = null;
    for (TokenObjects.Found object : found) {
      if (kind.test(object)) {
        if (match != null) {
          throw SecretErrors.error(
              SecretCodes.AMBIGUOUS_LABEL,
              "more than one object on `" + id + "` is labelled `" + name + "`",
              "give each object a unique label");
        }
        match = object;
      }
    }
    return match;
  }

  private RuntimeException notFound(String name) {
    return SecretErrors.error(
        SecretCodes.SECRET_NOT_FOUND,
        "no object labelled `" + name + "` on `" + id + "`",
        "list the token's objects with `pkcs11-tool --list-objects --login`");
  }

  /** A fresh mechanism each call: the wrapper's parameters are mutable. Tag length in bytes. */
  private static Mechanism gcm(byte[] nonce) {
    Mechanism mechanism = new Mechanism(PKCS11Constants.CKM_AES_GCM);
    mechanism.setParameters(new GCMParameters(GCM_TAG, nonce.clone(), new byte[0]));
    return mechanism;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** PKCS#11 ECDSA signatures are r||s; JCA verifiers expect DER {@code SEQUENCE { r, s }}. */
  private static byte[] derSignature(byte[] raw) {
    int half = raw.length / 2;
    ASN1EncodableVector rs = new ASN1EncodableVector(2);
    rs.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 0, half))));
    rs.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length))));
    try {
      return new DERSequence(rs).getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an ECDSA signature", e);
    }
  }

  /** Closes the sessions; the last one closed logs the process out of the token. */
  @Override
  public void close() {
    sessions.close();
  }

  @Override
  public String toString() {
    return "Pkcs11SecretBackend[" + id + "]";
  }
}
