package dev.mosaic.host;

import dev.mosaic.host.capability.BasicCapabilities;
import dev.mosaic.host.internal.PreparedModule;

/**
 * Limits a host enforces on every tenant, on top of the {@link dev.mosaic.plan.TenantLimits} a plan
 * asks for (the smaller of the two wins).
 *
 * <p>Thread-safety: immutable; the {@code with} methods return copies.
 *
 * @param maxExecutionMillis wall time of one call, whatever the plan asks
 * @param maxModuleMemoryBytes linear memory one module may declare and grow to
 * @param maxTenantMemoryBytes linear memory all live compositions of one tenant may reserve
 * @param maxTransferBytes bytes copied in or out of guest memory by one host call
 * @param callsPerSecond sustained calls per tenant (token-bucket refill rate)
 * @param callBurst calls a tenant may make at once (bucket size)
 * @param loadsPerSecond sustained plan loads (instantiations) per tenant
 * @param loadBurst plan loads a tenant may make at once
 * @param maxCompositionsPerTenant compositions of one tenant alive at the same time
 * @param maxHttpResponseBytes response body a guest may receive through {@code http}
 * @param httpTimeoutMillis connect and response timeout of one outbound request
 * @param logLinesPerSecond lines a tenant's guests may write through {@code log} per second, and at
 *     once; lines past it are dropped and the drop is audited once per second
 * @param logBytesPerSecond bytes a tenant's guests may write through {@code log} per second, and at
 *     once
 * @param maxModuleTableElements elements all tables of one module may declare and grow to
 * @param maxTenantTableElements table elements all live compositions of one tenant may reserve
 * @param maxTablesPerModule tables one module may define
 */
public record HostLimits(
    long maxExecutionMillis,
    long maxModuleMemoryBytes,
    long maxTenantMemoryBytes,
    long maxTransferBytes,
    double callsPerSecond,
    int callBurst,
    double loadsPerSecond,
    int loadBurst,
    int maxCompositionsPerTenant,
    long maxHttpResponseBytes,
    long httpTimeoutMillis,
    int logLinesPerSecond,
    long logBytesPerSecond,
    long maxModuleTableElements,
    long maxTenantTableElements,
    int maxTablesPerModule) {

  /** Generous defaults for a single-user host. */
  public static final HostLimits DEFAULT =
      new HostLimits(
          60_000,
          256L << 20,
          1L << 30,
          16L << 20,
          100_000,
          100_000,
          100,
          1_000,
          64,
          4L << 20,
          10_000,
          1_000,
          1L << 20,
          1_000_000,
          10_000_000,
          100);

  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException when a limit is not positive, or a per-module cap is below one
   *     page
   */
  public HostLimits {
    if (maxExecutionMillis < 1
        || maxModuleMemoryBytes < PreparedModule.PAGE
        || maxTenantMemoryBytes < PreparedModule.PAGE
        || maxTransferBytes < 1
        || callsPerSecond <= 0
        || callBurst < 1
        || loadsPerSecond <= 0
        || loadBurst < 1
        || maxCompositionsPerTenant < 1
        || maxHttpResponseBytes < 1
        || httpTimeoutMillis < 1
        || logLinesPerSecond < 1
        || logBytesPerSecond < BasicCapabilities.MAX_LOG_BYTES
        || maxModuleTableElements < 1
        || maxTenantTableElements < 1
        || maxTablesPerModule < 1) {
      throw new IllegalArgumentException("host limits must be positive");
    }
  }

  /** A copy with another cap on the bytes one host call copies in or out of guest memory. */
  public HostLimits withMaxTransferBytes(long bytes) {
    return new HostLimits(
        maxExecutionMillis,
        maxModuleMemoryBytes,
        maxTenantMemoryBytes,
        bytes,
        callsPerSecond,
        callBurst,
        loadsPerSecond,
        loadBurst,
        maxCompositionsPerTenant,
        maxHttpResponseBytes,
        httpTimeoutMillis,
        logLinesPerSecond,
        logBytesPerSecond,
        maxModuleTableElements,
        maxTenantTableElements,
        maxTablesPerModule);
  }

  /** A copy with another call rate and burst. */
  public HostLimits withCallRate(double perSecond, int burst) {
    return new HostLimits(
        maxExecutionMillis,
        maxModuleMemoryBytes,
        maxTenantMemoryBytes,
        maxTransferBytes,
        perSecond,
        burst,
        loadsPerSecond,
        loadBurst,
        maxCompositionsPerTenant,
        maxHttpResponseBytes,
        httpTimeoutMillis,
        logLinesPerSecond,
        logBytesPerSecond,
        maxModuleTableElements,
        maxTenantTableElements,
        maxTablesPerModule);
  }

  /** A copy with another plan-load rate and burst. */
  public HostLimits withLoadRate(double perSecond, int burst) {
    return new HostLimits(
        maxExecutionMillis,
        maxModuleMemoryBytes,
        maxTenantMemoryBytes,
        maxTransferBytes,
        callsPerSecond,
        callBurst,
        perSecond,
        burst,
        maxCompositionsPerTenant,
        maxHttpResponseBytes,
        httpTimeoutMillis,
        logLinesPerSecond,
        logBytesPerSecond,
        maxModuleTableElements,
        maxTenantTableElements,
        maxTablesPerModule);
  }

  /** A copy with another cap on live compositions per tenant. */
  public HostLimits withMaxCompositionsPerTenant(int max) {
    return new HostLimits(
        maxExecutionMillis,
        maxModuleMemoryBytes,
        maxTenantMemoryBytes,
        maxTransferBytes,
        callsPerSecond,
        callBurst,
        loadsPerSecond,
        loadBurst,
        max,
        maxHttpResponseBytes,
        httpTimeoutMillis,
        logLinesPerSecond,
        logBytesPerSecond,
        maxModuleTableElements,
        maxTenantTableElements,
        maxTablesPerModule);
  }

  /** A copy with another per-module memory cap. */
  public HostLimits withMaxModuleMemoryBytes(long bytes) {
    return new HostLimits(
        maxExecutionMillis,
        bytes,
        maxTenantMemoryBytes,
        maxTransferBytes,
        callsPerSecond,
        callBurst,
        loadsPerSecond,
        loadBurst,
        maxCompositionsPerTenant,
        maxHttpResponseBytes,
        httpTimeoutMillis,
        logLinesPerSecond,
        logBytesPerSecond,
        maxModuleTableElements,
        maxTenantTableElements,
        maxTablesPerModule);
  }

  /** A copy with another per-tenant memory total. */
  public HostLimits withMaxTenantMemoryBytes(long bytes) {
    return new HostLimits(
        maxExecutionMillis,
        maxModuleMemoryBytes,
        bytes,
        maxTransferBytes,
        callsPerSecond,
        callBurst,
        loadsPerSecond,
        loadBurst,
        maxCompositionsPerTenant,
        maxHttpResponseBytes,
        httpTimeoutMillis,
        logLinesPerSecond,
        logBytesPerSecond,
        maxModuleTableElements,
        maxTenantTableElements,
        maxTablesPerModule);
  }

  /** A copy with another {@code log} rate: lines and bytes per second per tenant. */
  public HostLimits withLogRate(int linesPerSecond, long bytesPerSecond) {
    return new HostLimits(
        maxExecutionMillis,
        maxModuleMemoryBytes,
        maxTenantMemoryBytes,
        maxTransferBytes,
        callsPerSecond,
        callBurst,
        loadsPerSecond,
        loadBurst,
        maxCompositionsPerTenant,
        maxHttpResponseBytes,
        httpTimeoutMillis,
        linesPerSecond,
        bytesPerSecond,
        maxModuleTableElements,
        maxTenantTableElements,
        maxTablesPerModule);
  }

  /**
   * A copy with other table caps: elements per module (over all its tables), elements per tenant
   * (over its live compositions) and tables per module.
   */
  public HostLimits withTableLimits(long moduleElements, long tenantElements, int tables) {
    return new HostLimits(
        maxExecutionMillis,
        maxModuleMemoryBytes,
        maxTenantMemoryBytes,
        maxTransferBytes,
        callsPerSecond,
        callBurst,
        loadsPerSecond,
        loadBurst,
        maxCompositionsPerTenant,
        maxHttpResponseBytes,
        httpTimeoutMillis,
        logLinesPerSecond,
        logBytesPerSecond,
        moduleElements,
        tenantElements,
        tables);
  }
}
