package dev.mosaic.hsm.attest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;

/**
 * Signs a plan with an EC key generated inside a SoftHSM2 token through the JDK's SunPKCS11
 * provider. Runs in its own JVM (started by {@link Pkcs11SigningTest}) because SoftHSM2 reads
 * {@code SOFTHSM2_CONF} from the process environment once, when the library is loaded.
 *
 * <p>Arguments: SunPKCS11 config file, user PIN, plan file, output directory. Writes {@code
 * envelope.json}, {@code public.der} and {@code key-class.txt} (the private key's class).
 */
public final class Pkcs11SigningMain {
  private Pkcs11SigningMain() {}

  public static void main(String[] args) throws Exception {
    Provider p11 = Security.getProvider("SunPKCS11").configure(args[0]);
    KeyStore token = KeyStore.getInstance("PKCS11", p11);
    token.load(null, args[1].toCharArray());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", p11);
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();

    PlanSigner signer = KeySigner.of(pair.getPrivate(), pair.getPublic(), p11);
    byte[] plan = Files.readAllBytes(Path.of(args[2]));
    DsseEnvelope envelope = PlanAttestation.sign("token.plan.cbor", plan, "0.1.0", signer);

    Path out = Path.of(args[3]);
    Files.write(out.resolve("envelope.json"), envelope.toJson());
    Files.write(out.resolve("public.der"), pair.getPublic().getEncoded());
    Files.writeString(out.resolve("key-class.txt"), pair.getPrivate().getClass().getName());
  }
}
