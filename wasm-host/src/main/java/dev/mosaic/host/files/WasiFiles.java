package dev.mosaic.host.files;

import dev.mosaic.host.Tenant;
import dev.mosaic.host.capability.WasiOutput;
import dev.mosaic.plan.Capabilities;
import dev.mosaic.plan.Component;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.PolicyRule;
import dev.mosaic.plan.ValidatedPlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.io.IOAccess;

/**
 * WASI preview 1 for each component of a plan that imports it: GraalWasm's built-in {@code
 * wasi_snapshot_preview1} module in a context of the component's own (GraalWasm keeps WASI state
 * per context), with the directories of the component's {@code files} grants pre-opened under the
 * tenant's file root (none without a grant) and all file access going through a {@link
 * WasiFileSystem}. The guest gets no arguments, no environment variables and an empty standard
 * input; its standard output and error go to {@link WasiOutput}.
 */
public final class WasiFiles {
  private WasiFiles() {}

  /** Whether a component imports WASI. */
  public static boolean imports(Component component) {
    return component.imports().stream().anyMatch(FunctionDecl::isWasi);
  }

  /** Adds WASI, the pre-opened directories, the file system and the output streams to a context. */
  public static Context.Builder configure(
      Context.Builder builder,
      Tenant tenant,
      ValidatedPlan plan,
      Component component,
      OutputStream out,
      OutputStream err) {
    builder
        .option("wasm.Builtins", Capabilities.WASI_MODULE)
        .in(InputStream.nullInputStream())
        .out(out)
        .err(err);
    if (tenant.files == null) {
      return builder.allowIO(IOAccess.NONE);
    }
    try {
      tenant.files.root();
    } catch (IOException e) {
      return builder.allowIO(IOAccess.NONE);
    }
    List<String> maps = new ArrayList<>();
    Set<String> preopened = new TreeSet<>();
    for (String dir : directories(plan.plan().policy(), component.id())) {
      try {
        TenantFileRoot.Entry entry = tenant.files.locate(dir);
        String real = entry.host().toString();
        if (!entry.isDirectory()
            || real.contains(",")
            || real.contains("::")
            || dir.contains(",")
            || dir.contains("::")) {
          continue;
        }
        maps.add(dir + "::" + real);
        preopened.add(entry.guest());
      } catch (IOException e) {
        // A directory that cannot be resolved, or leads out of the root, is not pre-opened.
      }
    }
    if (!maps.isEmpty()) {
      builder.option("wasm.WasiMapDirs", String.join(",", maps));
    }
    return builder.allowIO(
        IOAccess.newBuilder()
            .fileSystem(
                new WasiFileSystem(tenant.files, preopened, tenant, component.id(), plan.policy()))
            .build());
  }

  /**
   * The guest directories a component's {@code files} allow rules name: for each pattern (without
   * its {@code write:} prefix) the directory part of the text before its first wildcard, {@code /}
   * for a rule without patterns. Which files inside may be read or written is still decided by the
   * policy on every access.
   */
  static Set<String> directories(List<PolicyRule> rules, String component) {
    Set<String> dirs = new TreeSet<>();
    for (PolicyRule rule : rules) {
      if (rule.effect() != PolicyRule.Effect.ALLOW
          || !rule.appliesTo(component, Capabilities.WASI_CAPABILITY)) {
        continue;
      }
      if (rule.patterns().isEmpty()) {
        dirs.add("/");
      }
      for (String pattern : rule.patterns()) {
        String path = pattern.startsWith("write:") ? pattern.substring(6) : pattern;
        int wildcard = path.indexOf('*');
        String literal = wildcard < 0 ? path : path.substring(0, wildcard);
        int slash = literal.lastIndexOf('/');
        String dir = FilesCapability.normalize(slash <= 0 ? "/" : literal.substring(0, slash));
        if (dir != null) {
          dirs.add(dir);
        }
      }
    }
    return dirs;
  }
}
