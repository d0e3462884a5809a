import dev.mosaic.host.Composition;
import dev.mosaic.host.MemoryKeyValueStore;
import dev.mosaic.host.audit.AuditLogVerifier;
import dev.mosaic.interpreter.CompileResult;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.plan.ValidatedPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One host, two tenants, the same script: each tenant gets its own blob namespace, key-value
 * namespace, engine and audit log. Run from this directory with the Mosaic jars on the class path:
 * {@code java MultiTenant.java [WORK_DIR]}.
 */
public final class MultiTenant {
  public static void main(String[] args) throws Exception {
    Path here = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath();
    Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("mosaic-tenants");
    String script = Files.readString(here.resolve("counter.mosaic"));
    try (Mosaic mosaic =
        Mosaic.builder()
            .store(work.resolve("blobs"))
            .auditDirectory(work.resolve("audit"))
            .keyValueStore(new MemoryKeyValueStore()) // one store, one namespace per tenant
            .build()) {
      for (String tenant : List.of("acme", "globex")) {
        CompileResult compiled =
            mosaic
                .compile(tenant + ".mosaic", script.replace("TENANT", tenant), here)
                .orThrow();
        ValidatedPlan plan = mosaic.load(mosaic.encode(compiled.plan()));
        int bumps = tenant.equals("acme") ? 3 : 1;
        StringBuilder counts = new StringBuilder();
        try (Composition composition = mosaic.instantiate(plan)) {
          for (int i = 0; i < bumps; i++) {
            counts.append(' ').append(composition.call("counter", "bump", List.of()));
          }
        }
        System.out.println(tenant + " counted:" + counts);
        System.out.println(
            tenant + " blobs: " + mosaic.blobs().list(tenant).size() + " (its own namespace)");
      }
    }
    for (String tenant : List.of("acme", "globex")) {
      Path log = work.resolve("audit").resolve(tenant).resolve("audit.jsonl");
      boolean mentionsOther =
          Files.readString(log).contains(tenant.equals("acme") ? "globex" : "acme");
      System.out.println(
          tenant
              + " audit log: chain "
              + (AuditLogVerifier.verify(log).valid() ? "valid" : "BROKEN")
              + ", other tenant's events: "
              + (mentionsOther ? "present" : "none"));
    }
  }
}
