/**
 * Secrets and trust: secret backends (environment, PKCS#11, Vault) behind one service interface,
 * signature verifiers and plan attestations. The PKCS#11 session layer is internal; it reaches the
 * JDK's {@code sun.security.pkcs11.wrapper} through a compile-time {@code --add-exports}.
 */
module dev.mosaic.hsm {
  requires transitive dev.mosaic.plan;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires jdk.crypto.cryptoki;
  requires sunpkcs11.wrapper;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.pg;
  requires org.bouncycastle.util;

  exports dev.mosaic.hsm;
  exports dev.mosaic.hsm.attest;
  exports dev.mosaic.hsm.signature;
  exports dev.mosaic.hsm.vault;
  exports dev.mosaic.hsm.env to
      dev.mosaic.host,
      dev.mosaic.interpreter,
      dev.mosaic.cli;

  uses dev.mosaic.hsm.SecretBackendProvider;
  uses dev.mosaic.hsm.signature.ComponentSignatureVerifier;

  provides dev.mosaic.hsm.SecretBackendProvider with
      dev.mosaic.hsm.pkcs11.Pkcs11BackendProvider,
      dev.mosaic.hsm.vault.VaultBackendProvider,
      dev.mosaic.hsm.env.EnvBackendProvider;
}
