package dev.mosaic.hsm.attest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The DSSE v1 pre-authentication encoding: what is actually signed is {@code "DSSEv1" SP LEN(type)
 * SP type SP LEN(body) SP body}, where LEN is the byte length in ASCII decimal without leading
 * zeros and SP is one space. Binding the payload type into the signed bytes stops a signature over
 * one kind of payload from being replayed as another.
 */
public final class Dsse {
  /** The payload type of an in-toto statement. */
  public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private Dsse() {}

  /** {@code PAE(type, body)} as bytes; {@code type} is encoded as UTF-8. */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + payload.length + 32);
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }
}
