package dev.mosaic.hsm.pkcs11;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import iaik.pkcs.pkcs11.DefaultInitializeArgs;
import iaik.pkcs.pkcs11.Module;
import iaik.pkcs.pkcs11.Session;
import iaik.pkcs.pkcs11.Slot;
import iaik.pkcs.pkcs11.Token;
import iaik.pkcs.pkcs11.objects.Data;
import iaik.pkcs.pkcs11.objects.PKCS11Object;
import iaik.pkcs.pkcs11.objects.ValuedSecretKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SoftHSM2 token directory in a temp dir, made once per test JVM. SoftHSM2 reads {@code
 * SOFTHSM2_CONF} and scans its token directory only when the library is initialized, and the JDK
 * initializes a library once per process, so every token the tests need is created here, before the
 * library is loaded, and {@code SOFTHSM2_CONF} is set in this process's environment through libc's
 * {@code setenv}.
 *
 * <p>Tokens: {@value #MAIN} holds the objects below; {@value #WRONG_PIN} exists for wrong-PIN
 * logins (so that no other test's login state can hide the failure); {@value #LOCKED} has a locked
 * user PIN. SoftHSM2 2.6 counts no failed logins and never locks a PIN by itself (twelve wrong PINs
 * in a row still leave the right one working), but it refuses logins while the token's stored flags
 * carry {@code CKF_USER_PIN_LOCKED}, so the fixture sets that flag in the token's object store: the
 * state a hardware token is in after too many wrong PINs.
 */
final class SoftHsm {
  static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  static final String MAIN = "mosaic";
  static final String WRONG_PIN = "wrongpin";
  static final String LOCKED = "locked";
  static final String PIN = "mosaic-pin-4821";
  static final String SO_PIN = "so-pin-99172";
  private static final long CKF_USER_PIN_LOCKED = 0x00040000L;

  /** SoftHSM2's object-store attribute for the token flags: type, then kind 2 (ulong). */
  private static final byte[] TOKEN_FLAGS_ATTRIBUTE =
      HexFormat.of().parseHex("000000008000534b0000000000000002");

  private static SoftHsm shared;

  final Path dir;
  final Path conf;
  final String apiKey;
  final byte[] exportKey;
  final byte[] hmacKey;
  final byte[] aesKey;
  final KeyPair ecKey;

  private SoftHsm(Path dir) throws Exception {
    this.dir = dir;
    this.conf = dir.resolve("softhsm2.conf");
    SecureRandom random = new SecureRandom();
    this.apiKey = "sk-live-" + HexFormat.of().formatHex(bytes(random, 16));
    this.exportKey = bytes(random, 32);
    this.hmacKey = bytes(random, 32);
    this.aesKey = bytes(random, 32);
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    this.ecKey = ec.generateKeyPair();
  }

  /** The fixture for this JVM, made on first use. */
  static synchronized SoftHsm shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("mosaic-softhsm-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        SoftHsm hsm = new SoftHsm(dir);
        hsm.create();
        shared = hsm;
      } catch (Throwable e) {
        throw new IllegalStateException("cannot create the SoftHSM2 test tokens", e);
      }
    }
    return shared;
  }

  Pkcs11Config config(String token, String pin) {
    return Pkcs11Config.of(
        LIBRARY,
        TokenSelector.label(token),
        dev.mosaic.hsm.CredentialSource.callback("test", pin::toCharArray));
  }

  private void create() throws Throwable {
    Path tokens = Files.createDirectories(dir.resolve("tokens"));
    Files.writeString(
        conf,
        "directories.tokendir = "
            + tokens
            + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
    setenv("SOFTHSM2_CONF", conf.toString());
    for (String label : List.of(MAIN, WRONG_PIN, LOCKED)) {
      run(
          "softhsm2-util",
          "--init-token",
          "--free",
          "--label",
          label,
          "--so-pin",
          SO_PIN,
          "--pin",
          PIN);
    }
    lockUserPin(tokens, LOCKED);

    Path apiKeyFile = dir.resolve("api-key.bin");
    Files.writeString(apiKeyFile, apiKey);
    writeObject(apiKeyFile, "data", "api-key", "--private");
    Path twin = dir.resolve("twin.bin");
    Files.writeString(twin, "one of two");
    writeObject(twin, "data", "twin", "--private");
    writeObject(twin, "data", "twin", "--private");
    Path ecDer = dir.resolve("ec-key.der");
    Files.write(ecDer, ecKey.getPrivate().getEncoded());
    writeObject(ecDer, "privkey", "ec-key", "--sensitive", "--usage-sign");
    Files.delete(apiKeyFile);
    Files.delete(ecDer);

    // pkcs11-tool 0.23 cannot import generic secret keys, so these go through the wrapper.
    Module module = Module.getInstance(LIBRARY.toString());
    module.initialize(new DefaultInitializeArgs());
    Token token = null;
    for (Slot slot : module.getSlotList(Module.SlotRequirement.TOKEN_PRESENT)) {
      if (slot.getToken().getTokenInfo().getLabel().strip().equals(MAIN)) {
        token = slot.getToken();
      }
    }
    Session session =
        token.openSession(
            Token.SessionType.SERIAL_SESSION,
            Token.SessionReadWriteBehavior.RW_SESSION,
            null,
            null);
    try {
      session.login(Session.UserType.USER, PIN.toCharArray());
      session.createObject(
          secretKey(ValuedSecretKey.newGenericSecretKey(), "export-me", exportKey, true));
      session.createObject(
          secretKey(ValuedSecretKey.newGenericSecretKey(), "hmac-key", hmacKey, false));
      session.createObject(secretKey(ValuedSecretKey.newAESSecretKey(), "aes-key", aesKey, false));
      Data note = new Data();
      note.getToken().setBooleanValue(true);
      note.getLabel().setCharArrayValue("public-note".toCharArray());
      note.getValue().setByteArrayValue("not secret".getBytes(StandardCharsets.UTF_8));
      session.createObject(note);
    } finally {
      session.closeSession();
    }
  }

  private static PKCS11Object secretKey(
      ValuedSecretKey key, String label, byte[] value, boolean extractable) {
    key.getToken().setBooleanValue(true);
    key.getPrivate().setBooleanValue(true);
    key.getLabel().setCharArrayValue(label.toCharArray());
    key.getValue().setByteArrayValue(value.clone());
    key.getSensitive().setBooleanValue(!extractable);
    key.getExtractable().setBooleanValue(extractable);
    key.getSign().setBooleanValue(true);
    key.getVerify().setBooleanValue(true);
    key.getEncrypt().setBooleanValue(true);
    key.getDecrypt().setBooleanValue(true);
    return key;
  }

  private void writeObject(Path file, String type, String label, String... flags)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "pkcs11-tool",
                "--module",
                LIBRARY.toString(),
                "--token-label",
                MAIN,
                "--login",
                "--pin",
                PIN,
                "--write-object",
                file.toString(),
                "--type",
                type,
                "--label",
                label));
    command.addAll(List.of(flags));
    run(command.toArray(String[]::new));
  }

  private static void lockUserPin(Path tokens, String label) throws IOException {
    byte[] padded = String.format("%-32s", label).getBytes(StandardCharsets.US_ASCII);
    try (Stream<Path> files = Files.walk(tokens)) {
      for (Path file : files.filter(p -> p.endsWith("token.object")).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        if (indexOf(bytes, padded) < 0) {
          continue;
        }
        int at = indexOf(bytes, TOKEN_FLAGS_ATTRIBUTE);
        if (at < 0) {
          throw new IllegalStateException("no token flags in " + file);
        }
        int value = at + TOKEN_FLAGS_ATTRIBUTE.length;
        long flags = 0;
        for (int i = 0; i < 8; i++) {
          flags = flags << 8 | (bytes[value + i] & 0xff);
        }
        flags |= CKF_USER_PIN_LOCKED;
        for (int i = 7; i >= 0; i--) {
          bytes[value + i] = (byte) flags;
          flags >>>= 8;
        }
        Files.write(file, bytes);
        return;
      }
    }
    throw new IllegalStateException("token " + label + " not found under " + tokens);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void run(String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SOFTHSM2_CONF", conf.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(command[0] + " failed: " + output);
    }
  }

  /** Sets a variable in this process's C environment, where the PKCS#11 library reads it. */
  @SuppressWarnings("restricted")
  private static void setenv(String name, String value) throws Throwable {
    Linker linker = Linker.nativeLinker();
    MethodHandle setenv =
        linker.downcallHandle(
            linker.defaultLookup().find("setenv").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    try (Arena arena = Arena.ofConfined()) {
      int rc = (int) setenv.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1);
      if (rc != 0) {
        throw new IllegalStateException("setenv failed");
      }
    }
  }

  private static byte[] bytes(SecureRandom random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
