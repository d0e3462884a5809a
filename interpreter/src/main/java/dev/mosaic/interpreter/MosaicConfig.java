package dev.mosaic.interpreter;

import dev.mosaic.host.HostLimits;
import dev.mosaic.host.KeyValueStore;
import dev.mosaic.hsm.HostMode;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.signature.TrustAnchors;
import dev.mosaic.interpreter.host.BackendConfig;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.audit.AuditSink;
import dev.mosaic.plan.store.BlobStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The settings of a {@link Mosaic.Builder}, copied when it builds: a builder changed afterwards
 * changes no facade. Collections are immutable copies; {@code null} means "not set" for {@code
 * blobs}, {@code auditSinks}, {@code kv}, {@code mode} and {@code meters}.
 */
record MosaicConfig(
    Path store,
    BlobStore blobs,
    SystemLimits limits,
    Consumer<String> output,
    Consumer<String> guestLog,
    String environment,
    TrustAnchors trustAnchors,
    Map<String, TrustAnchors> namedAnchors,
    AuditSink audit,
    List<PublicKey> planKeys,
    Function<String, AuditSink> auditSinks,
    Function<String, SecretBackend> secrets,
    Map<String, BackendConfig> backendConfigs,
    Function<String, Path> fileRoots,
    KeyValueStore kv,
    HostLimits hostLimits,
    HostMode mode,
    MeterRegistry meters,
    List<Path> allowedPaths) {
  MosaicConfig {
    namedAnchors = Collections.unmodifiableMap(new LinkedHashMap<>(namedAnchors));
    planKeys = List.copyOf(planKeys);
    backendConfigs = Collections.unmodifiableMap(new LinkedHashMap<>(backendConfigs));
    allowedPaths = List.copyOf(allowedPaths);
  }

  /** The mode that applies: the one set, else the process's ({@link HostMode#current()}). */
  HostMode resolvedMode() {
    return mode != null ? mode : HostMode.current();
  }
}
