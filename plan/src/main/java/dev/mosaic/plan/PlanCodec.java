package dev.mosaic.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.mosaic.plan.codec.CanonicalCbor;
import dev.mosaic.plan.codec.CborScanner;
import dev.mosaic.plan.codec.PlanReader;
import dev.mosaic.plan.codec.PlanTree;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.PlanCodes;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Encodes plans as canonical CBOR (RFC 8949 §4.2.1, layout in docs/plan-format.md) and decodes them
 * back under {@link SystemLimits}. Decoding is bounded before it allocates: the size is checked
 * first, then {@link CborScanner} checks every header (lengths against the input, nesting, string
 * lengths, deterministic form) without building anything, and only then are records read from
 * Jackson's token stream. Only the canonical encoding of a plan decodes, so a plan has exactly one
 * encoding and one digest.
 */
public final class PlanCodec {
  private final SystemLimits limits;
  private final CBORFactory factory;

  public PlanCodec(SystemLimits limits) {
    this.limits = limits;
    // The scanner has already enforced these; Jackson's own constraints are a second fence.
    // Duplicate keys are not looked for again here: the scanner requires the keys of every map
    // in strictly increasing order, so a repeated key never reaches the parser (E3009), and
    // Jackson's detector would only add a hash set per map.
    this.factory =
        CBORFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(CborScanner.MAX_NESTING)
                    .maxStringLength(CborScanner.MAX_STRING_BYTES)
                    .maxDocumentLength(limits.maxPlanBytes())
                    .maxNumberLength(32)
                    .build())
            .build();
  }

  public PlanCodec() {
    this(SystemLimits.DEFAULT);
  }

  /** The limits this codec decodes under. */
  public SystemLimits limits() {
    return limits;
  }

  /** Canonical CBOR bytes of a plan. */
  public byte[] encode(Plan plan) {
    return CanonicalCbor.encode(PlanTree.toTree(plan));
  }

  /** {@code sha256:<hex>} of the plan's canonical encoding. */
  public String digest(Plan plan) {
    return digestOf(encode(plan));
  }

  /** {@code sha256:<hex>} of the given bytes. */
  public static String digestOf(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static final MessageDigest SHA256 = newSha256();

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  // Cloning a prototype skips the provider lookup of getInstance on every blob.
  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      return newSha256();
    }
  }

  /**
   * Decodes plan bytes.
   *
   * @throws MosaicException with E3xxx (schema) or E8xxx (limits) diagnostics; schema errors are
   *     all reported, up to {@link PlanValidator#MAX_DIAGNOSTICS}
   */
  public Plan decode(byte[] bytes) {
    if (bytes.length > limits.maxPlanBytes()) {
      throw new MosaicException(
          Diagnostic.of(
                  PlanCodes.PLAN_TOO_LARGE,
                  "plan is "
                      + bytes.length
                      + " bytes, over the limit of "
                      + limits.maxPlanBytes()
                      + " bytes")
              .withHelp("the host's plan size limit is set in its SystemLimits"));
    }
    CborScanner.scan(bytes, limits.maxPlanBytes());
    // The scanner accepted the structure; what Jackson can still refuse is content such as
    // invalid UTF-8. No re-encoding is needed to prove the bytes canonical: the scanner enforced
    // deterministic heads and key order, and the reader rejects unknown fields, wrong types and
    // empty optional maps. The property and fuzz tests check that decoded plans re-encode to
    // their exact bytes.
    try (JsonParser parser = factory.createParser(bytes)) {
      return new PlanReader(limits, parser).read();
    } catch (IOException | RuntimeException e) {
      if (e instanceof MosaicException m) {
        throw m;
      }
      throw new MosaicException(PlanCodes.MALFORMED_CBOR, "malformed CBOR: " + describe(e));
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    String line = message.lines().findFirst().orElse(message);
    int at = line.indexOf(" at [Source");
    line = at > 0 ? line.substring(0, at) : line;
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
