package dev.mosaic.hsm.attest;

import dev.mosaic.hsm.signature.Keys;
import dev.mosaic.hsm.signature.SignatureCodes;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.diag.Diagnostic;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Signs and verifies plans: an in-toto statement ({@link InTotoStatement}) about the plan inside a
 * DSSE envelope ({@link DsseEnvelope}) whose signatures cover {@link Dsse#pae}.
 *
 * <p>Verification follows the DSSE protocol: every signature is tried against every trusted key
 * (the {@code keyid} is only a hint and is not trusted); the envelope is accepted when at least
 * {@code threshold} distinct trusted keys produced a valid signature, whatever the order of the
 * signatures and whatever other signatures it carries. Only then is the payload read, and its
 * subject must be the plan bytes given.
 */
public final class PlanAttestation {
  private PlanAttestation() {}

  /**
   * Signs a plan's provenance with one or more signers.
   *
   * @throws IllegalArgumentException when no signer is given
   */
  public static DsseEnvelope sign(PlanProvenance provenance, List<? extends PlanSigner> signers) {
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("at least one signer");
    }
    byte[] payload = InTotoStatement.toJson(provenance);
    byte[] pae = Dsse.pae(Dsse.IN_TOTO_PAYLOAD_TYPE, payload);
    List<DsseSignature> signatures = new ArrayList<>(signers.size());
    for (PlanSigner signer : signers) {
      signatures.add(new DsseSignature(signer.keyId(), signer.sign(pae)));
    }
    return new DsseEnvelope(Dsse.IN_TOTO_PAYLOAD_TYPE, payload, signatures);
  }

  /**
   * Signs encoded plan bytes: {@link PlanProvenance#of} then {@link #sign(PlanProvenance, List)}.
   */
  public static DsseEnvelope sign(
      String planName, byte[] planBytes, String compilerVersion, PlanSigner... signers) {
    return sign(PlanProvenance.of(planName, planBytes, compilerVersion), List.of(signers));
  }

  /** Verifies a JSON envelope with a threshold of one trusted signature. */
  public static VerifiedAttestation verify(
      byte[] envelopeJson, byte[] planBytes, Collection<PublicKey> trusted) {
    return verify(DsseEnvelope.parse(envelopeJson), planBytes, trusted, 1);
  }

  /**
   * Verifies that {@code envelope} is a Mosaic statement about exactly {@code planBytes}, signed by
   * at least {@code threshold} distinct keys of {@code trusted}.
   *
   * @throws MosaicException {@link SignatureCodes#ENVELOPE_NOT_TRUSTED}, {@link
   *     SignatureCodes#MALFORMED_ENVELOPE} or {@link SignatureCodes#SUBJECT_MISMATCH}
   */
  public static VerifiedAttestation verify(
      DsseEnvelope envelope, byte[] planBytes, Collection<PublicKey> trusted, int threshold) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1");
    }
    byte[] pae = envelope.pae();
    Set<String> signedBy = new LinkedHashSet<>();
    for (DsseSignature signature : envelope.signatures()) {
      for (PublicKey key : trusted) {
        String id = Keys.keyId(key);
        if (!signedBy.contains(id) && Keys.verifies(key, pae, signature.sig())) {
          signedBy.add(id);
          break;
        }
      }
    }
    if (signedBy.size() < threshold) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.ENVELOPE_NOT_TRUSTED,
                  "signed plan has "
                      + signedBy.size()
                      + " valid signature(s) by trusted keys, "
                      + threshold
                      + " required")
              .withHelp(
                  "the envelope carries "
                      + envelope.signatures().size()
                      + " signature(s); the statement changed after signing, or the signers'"
                      + " public keys are not among the "
                      + trusted.size()
                      + " trusted key(s)"));
    }
    if (!Dsse.IN_TOTO_PAYLOAD_TYPE.equals(envelope.payloadType())) {
      throw DsseEnvelope.malformed(
          "payload type `"
              + envelope.payloadType()
              + "` is not `"
              + Dsse.IN_TOTO_PAYLOAD_TYPE
              + "`");
    }
    PlanProvenance provenance = InTotoStatement.parse(envelope.payload());
    String actual = PlanCodec.digestOf(planBytes);
    if (!actual.equals(provenance.planDigest())) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.SUBJECT_MISMATCH,
                  "signed plan is about `"
                      + provenance.planName()
                      + "` with digest "
                      + provenance.planDigest()
                      + ", not this plan ("
                      + actual
                      + ")")
              .withHelp("sign this plan, or give the plan file the signature was made for"));
    }
    return new VerifiedAttestation(provenance, List.copyOf(signedBy));
  }
}
