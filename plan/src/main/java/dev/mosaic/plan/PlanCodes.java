package dev.mosaic.plan;

/** Error codes raised by the plan module. Every code is listed in docs/errors.md. */
public final class PlanCodes {
  // E3xxx: plan schema
  public static final String MALFORMED_CBOR = "E3001";
  public static final String NOT_CANONICAL = "E3002";
  public static final String UNSUPPORTED_VERSION = "E3003";
  public static final String MISSING_FIELD = "E3004";
  public static final String WRONG_TYPE = "E3005";
  public static final String CBOR_LIMIT = "E3006";
  public static final String BAD_DIGEST = "E3007";
  public static final String DUPLICATE_COMPONENT = "E3008";

  // E4xxx: blobs and signatures (E40xx: missing, exit 66)
  public static final String BLOB_MISSING = "E4001";
  public static final String BLOB_DIGEST_MISMATCH = "E4101";
  public static final String BLOB_TOO_LARGE = "E4202";

  // E5xxx: graph
  public static final String CYCLE = "E5001";
  public static final String DISCONNECTED = "E5002";
  public static final String TOO_DEEP = "E5003";

  // E6xxx: bindings
  public static final String UNKNOWN_COMPONENT = "E6001";
  public static final String UNKNOWN_EXPORT = "E6002";
  public static final String TYPE_MISMATCH = "E6003";
  public static final String DANGLING_IMPORT = "E6004";
  public static final String UNKNOWN_IMPORT = "E6005";
  public static final String UNKNOWN_ENTRY = "E6006";

  // E7xxx: policy and capabilities
  public static final String CAPABILITY_NOT_GRANTED = "E7001";
  public static final String UNKNOWN_CAPABILITY = "E7002";

  // E8xxx: limits
  public static final String PLAN_TOO_LARGE = "E8001";
  public static final String TOO_MANY_COMPONENTS = "E8002";
  public static final String TOO_MANY_BINDINGS = "E8003";

  private PlanCodes() {}
}
