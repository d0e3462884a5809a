package dev.mosaic.interpreter.host;

import dev.mosaic.host.HostLog;
import dev.mosaic.hsm.HostMode;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretBackends;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.audit.AuditEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The secret backends the facade opens by scheme, one per tenant: opened together at build, where a
 * backend that cannot be opened closes the ones already open, and closed with the facade.
 */
public final class SecretBackendSet implements AutoCloseable {
  private final List<SecretBackend> owned = new ArrayList<>();
  private final Map<String, SecretBackend> byTenant = new HashMap<>();

  private SecretBackendSet() {}

  /**
   * Opens each tenant's backend through the providers on the class path. A backend that cannot be
   * opened is audited as a secret decision to {@code audit}, the backends opened before it are
   * closed, and its failure is thrown.
   */
  public static SecretBackendSet open(
      Map<String, BackendConfig> configs, HostMode mode, AuditWiring audit) {
    SecretBackendSet set = new SecretBackendSet();
    if (configs.isEmpty()) {
      return set;
    }
    try {
      SecretBackends backends =
          SecretBackends.discover(SecretBackendSet.class.getClassLoader(), mode);
      for (Map.Entry<String, BackendConfig> e : configs.entrySet()) {
        SecretBackend backend;
        try {
          backend = backends.open(e.getValue().scheme(), e.getValue().config());
        } catch (MosaicException failure) {
          HostLog.log(
              System.Logger.Level.DEBUG,
              "secret backend "
                  + HostLog.text(e.getValue().scheme())
                  + " of tenant "
                  + HostLog.text(e.getKey())
                  + " could not be opened: "
                  + failure.code(),
              null);
          // A wrong PIN, an absent token or a refused credential is a secret decision too.
          audit.record(
              AuditEvent.now(
                  e.getKey(),
                  AuditEvent.SECRET_ACCESS,
                  "",
                  Map.of(
                      "backend",
                      e.getValue().scheme(),
                      "operation",
                      "open",
                      "result",
                      "error",
                      "code",
                      failure.code())));
          throw failure;
        }
        set.owned.add(backend);
        set.byTenant.put(e.getKey(), backend);
      }
    } catch (RuntimeException | Error e) {
      try {
        set.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return set;
  }

  /** How many backends are open. */
  public int size() {
    return owned.size();
  }

  /** Each tenant's backend: the one opened here, else the one {@code given} names. */
  public Function<String, SecretBackend> over(Function<String, SecretBackend> given) {
    return t -> byTenant.containsKey(t) ? byTenant.get(t) : given.apply(t);
  }

  /** Closes every backend opened here, even when one fails; throws the first failure. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (SecretBackend backend : owned) {
      try {
        backend.close();
      } catch (Exception e) {
        IllegalStateException next =
            new IllegalStateException("cannot close secret backend " + backend.id(), e);
        HostLog.log(
            System.Logger.Level.WARNING,
            "secret backend " + HostLog.text(backend.id()) + " could not be closed",
            null);
        if (failure == null) {
          failure = next;
        } else {
          failure.addSuppressed(next);
        }
      }
    }
    owned.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
