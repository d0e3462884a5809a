package dev.mosaic.interpreter.compiler;

import dev.mosaic.dsl.ast.Item;
import dev.mosaic.host.component.World;
import dev.mosaic.host.component.binary.ComponentReader;
import dev.mosaic.host.component.binary.WorldReader;
import dev.mosaic.host.internal.ModuleInspector;
import dev.mosaic.hsm.signature.TrustAnchors;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.diag.Suggest;
import dev.mosaic.interpreter.model.Abi;
import dev.mosaic.interpreter.model.CheckedComponent;
import dev.mosaic.interpreter.model.InterfaceModel;
import dev.mosaic.interpreter.wit.WitFunctions;
import dev.mosaic.plan.FuncType;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.SignatureRequirement;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.diag.SourceLocation;
import dev.mosaic.plan.io.InputFiles;
import dev.mosaic.plan.rules.PlanRules;
import dev.mosaic.plan.store.BlobStore;
import dev.mosaic.plan.store.FileBlobStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiler stage: reads each component's module (from a file, which is added to the tenant's blob
 * store, or from the store by digest), records its imports and exports, and checks that it provides
 * the interface it declares.
 */
final class ComponentStage {
  private final Problems problems;
  private final BlobStore blobs;

  /** Most bytes of component and key files one compilation reads. */
  static final long MAX_BYTES = 1L << 30;

  private final SourcePaths paths;
  private final Map<Path, Inspected> inspected = new HashMap<>();
  private final Map<String, Inspected> inspectedBlobs = new HashMap<>();
  private final Map<Path, byte[]> keys = new HashMap<>();
  private final Map<Path, List<Diagnostic>> failed = new HashMap<>();
  private long bytesRead;
  private boolean exhausted;

  /** A stage whose files must be in the directory of the file that names them. */
  ComponentStage(Problems problems, BlobStore blobs) {
    this(problems, blobs, null);
  }

  /**
   * @param paths where files named by the script may be; null: the declaring file's directory
   */
  ComponentStage(Problems problems, BlobStore blobs, SourcePaths paths) {
    this.problems = problems;
    this.blobs = blobs;
    this.paths = paths;
  }

  /** A module file read before: the same file declared again is neither read nor stored again. */
  private record Inspected(String digest, ModuleInspector.ModuleInterface shape, World world) {}

  /**
   * The components that could be read, in declaration order, and the names of those that could not
   * (already reported; later references to them stay quiet instead of cascading).
   *
   * @param components checked components by name
   * @param unresolved declared names whose module could not be read
   */
  record Components(Map<String, CheckedComponent> components, Set<String> unresolved) {}

  Components run(List<Located> items, String tenant, Map<String, InterfaceModel> interfaces) {
    Map<String, CheckedComponent> out = new LinkedHashMap<>();
    Set<String> unresolved = new TreeSet<>();
    Map<String, SourceLocation> declared = new HashMap<>();
    for (Located located : items) {
      if (!(located.item() instanceof Item.Component c)) {
        continue;
      }
      String file = located.file();
      SourceLocation first = declared.putIfAbsent(c.name(), Problems.at(file, c.nameSpan()));
      if (first != null) {
        problems.add(
            new Diagnostic(
                    LangCodes.DUPLICATE_NAME,
                    "component `" + c.name() + "` is declared twice",
                    Problems.at(file, c.nameSpan()),
                    "rename one of them")
                .withLabel(first, "first declared here"));
        continue;
      }
      Optional<Diagnostic> badId = PlanRules.componentId(c.name());
      if (badId.isPresent()) {
        problems.add(badId.get().at(Problems.at(file, c.nameSpan())));
        unresolved.add(c.name());
        continue;
      }
      InterfaceModel iface = null;
      if (c.implementsInterface() != null) {
        iface = interfaces.get(c.implementsInterface());
        if (iface == null) {
          problems.error(
              LangCodes.UNKNOWN_INTERFACE,
              "unknown interface `" + c.implementsInterface() + "`",
              file,
              c.interfaceSpan(),
              Suggest.help(c.implementsInterface(), interfaces.keySet()));
        }
      }
      Optional<CheckedComponent> checked = read(file, c, tenant, located.directory(), iface);
      if (checked.isPresent()) {
        out.put(c.name(), checked.get());
        if (iface != null) {
          conforms(checked.get(), iface, c);
        }
      } else {
        unresolved.add(c.name());
      }
    }
    return new Components(out, unresolved);
  }

  private Optional<CheckedComponent> read(
      String file, Item.Component c, String tenant, Path baseDir, InterfaceModel iface) {
    String fileLabel = "component file `" + c.source() + "`";
    Path real = null;
    Inspected known = null;
    if (!c.byDigest()) {
      real = resolve(file, c, baseDir, c.source(), fileLabel);
      if (real == null) {
        return Optional.empty();
      }
      known = inspected.get(real);
    } else {
      known = inspectedBlobs.get(c.source());
    }
    byte[] bytes = null;
    String digest = c.byDigest() ? c.source() : null;
    ModuleInspector.ModuleInterface shape;
    World world = null;
    if (known != null) {
      digest = known.digest();
      shape = known.shape();
      world = known.world();
    } else {
      Optional<byte[]> loaded =
          c.byDigest()
              ? loadBytes(file, c, tenant, c.source(), "blob", "FILE")
              : readFile(
                  file,
                  c,
                  real,
                  SystemLimits.DEFAULT.maxBlobBytes(),
                  PlanCodes.BLOB_TOO_LARGE,
                  fileLabel);
      if (loaded.isEmpty()) {
        return Optional.empty();
      }
      bytes = loaded.get();
      try {
        if (ComponentReader.isComponent(bytes)) {
          // A WebAssembly component: its world, with every type resolved, is what bindings and
          // calls are checked against.
          world = WorldReader.read(ComponentReader.read(bytes));
          shape = WitFunctions.shape(world);
        } else {
          shape = ModuleInspector.inspect(c.source(), bytes);
        }
      } catch (MosaicException e) {
        if (real != null) {
          failed.put(real, e.diagnostics());
        }
        report(e.diagnostics(), file, c);
        return Optional.empty();
      }
    }
    if (!moduleFits(file, c, shape)) {
      return Optional.empty();
    }
    SignatureRequirement signature = SignatureRequirement.NONE;
    if (c.signedBy() != null) {
      Optional<SignatureRequirement> required = signer(file, c, tenant, baseDir);
      if (required.isEmpty()) {
        return Optional.empty();
      }
      signature = required.get();
    }
    if (digest == null) {
      // Only modules that parse are stored, so a typo'd path never leaves junk in the store.
      digest = blobs.put(tenant, bytes);
      inspected.put(real, new Inspected(digest, shape, world));
    } else if (c.byDigest()) {
      inspectedBlobs.put(digest, new Inspected(digest, shape, world));
    }
    return Optional.of(
        new CheckedComponent(
            c.name(),
            digest,
            signature,
            iface,
            shape.imports(),
            shape.exports(),
            file,
            c.span(),
            shape.declared(),
            world));
  }

  /**
   * The plan rules about a module's imports and exports, at the declaration: value types a plan can
   * hold (E3014), names a plan can hold (E8005), WASI functions the host links (E7003) and
   * capabilities it knows (E7002).
   */
  private boolean moduleFits(String file, Item.Component c, ModuleInspector.ModuleInterface shape) {
    List<Diagnostic> found = new ArrayList<>();
    found.addAll(PlanRules.valueTypes(c.name(), shape.imports()));
    found.addAll(PlanRules.valueTypes(c.name(), shape.exports()));
    for (FunctionDecl imp : shape.imports()) {
      PlanRules.stringLength("import module name", imp.module()).ifPresent(found::add);
      PlanRules.stringLength("import name", imp.name()).ifPresent(found::add);
      PlanRules.importKind(c.name(), imp).ifPresent(found::add);
    }
    for (FunctionDecl exp : shape.exports()) {
      PlanRules.stringLength("export name", exp.name()).ifPresent(found::add);
    }
    SourceLocation at = Problems.at(file, c.span());
    found.forEach(d -> problems.add(d.at(at)));
    return found.isEmpty();
  }

  /**
   * Reads a blob named by digest from the tenant's store; reports a coded error at the declaration
   * when it cannot.
   *
   * @param noun what a digest names, in messages (`blob`, `key`)
   * @param addArg the file argument shown in the `mosaic blob add` hint
   */
  private Optional<byte[]> loadBytes(
      String file, Item.Component c, String tenant, String ref, String noun, String addArg) {
    if (!FileBlobStore.isDigest(ref)) {
      problems.error(
          PlanCodes.BAD_DIGEST,
          "malformed digest `" + ref + "`",
          file,
          c.span(),
          "a digest is `sha256:` and 64 lowercase hex digits");
      return Optional.empty();
    }
    if (spent(file, c)) {
      return Optional.empty();
    }
    Optional<byte[]> stored = blobs.get(tenant, ref);
    stored.ifPresent(b -> bytesRead += b.length);
    if (stored.isEmpty()) {
      problems.error(
          PlanCodes.BLOB_MISSING,
          noun
              + " `"
              + ref
              + "` of component `"
              + c.name()
              + "` is not in the store of tenant `"
              + tenant
              + "`",
          file,
          c.span(),
          "add it with `mosaic blob add " + addArg + " --tenant " + tenant + "`");
    }
    return stored;
  }

  /**
   * The real path of a file the declaration names, confined to where the script may read ({@link
   * SourcePaths}); null, and a coded error at the declaration, when it is not allowed or missing.
   */
  private Path resolve(String file, Item.Component c, Path baseDir, String ref, String label) {
    SourcePaths where = paths != null ? paths : new SourcePaths(baseDir, List.of());
    try {
      return where.resolve(ref, baseDir, label);
    } catch (MosaicException e) {
      report(e.diagnostics(), file, c);
      return null;
    }
  }

  /**
   * Reads a file (a regular file of at most {@code maxBytes}) within the stage's byte budget; a
   * file that could not be read before is reported again without reading it.
   */
  private Optional<byte[]> readFile(
      String file, Item.Component c, Path real, long maxBytes, String tooLargeCode, String label) {
    List<Diagnostic> before = failed.get(real);
    if (before != null) {
      report(before, file, c);
      return Optional.empty();
    }
    if (spent(file, c)) {
      return Optional.empty();
    }
    try {
      byte[] bytes = InputFiles.read(real, maxBytes, tooLargeCode, label);
      bytesRead += bytes.length;
      return Optional.of(bytes);
    } catch (MosaicException e) {
      failed.put(real, e.diagnostics());
      report(e.diagnostics(), file, c);
      return Optional.empty();
    }
  }

  /** Whether the stage's byte budget is spent; reported once, at the first declaration over it. */
  private boolean spent(String file, Item.Component c) {
    if (exhausted) {
      return true;
    }
    if (bytesRead <= MAX_BYTES) {
      return false;
    }
    exhausted = true;
    problems.error(
        LangCodes.READ_BUDGET,
        "reading stopped: the script's components and keys are more than " + MAX_BYTES + " bytes",
        file,
        c.span(),
        "declare fewer or smaller components; a file or blob declared twice is read once");
    return true;
  }

  private void report(List<Diagnostic> diagnostics, String file, Item.Component c) {
    for (Diagnostic d : diagnostics) {
      problems.add(new Diagnostic(d.code(), d.message(), Problems.at(file, c.span()), d.help()));
    }
  }

  /**
   * {@code signed by "key"}: the key file (or a stored key named by digest) goes into the tenant's
   * store, and the plan trusts exactly that key by its digest, with the verifier its kind implies.
   * Naming the key by digest keeps the plan byte-identical on every machine.
   */
  private Optional<SignatureRequirement> signer(
      String file, Item.Component c, String tenant, Path baseDir) {
    String ref = c.signedBy();
    String fileLabel = "key file `" + ref + "` of component `" + c.name() + "`";
    Optional<byte[]> loaded;
    if (ref.startsWith("sha256:")) {
      loaded = loadBytes(file, c, tenant, ref, "key", "KEY.pub");
    } else {
      Path real = resolve(file, c, baseDir, ref, fileLabel);
      if (real == null) {
        return Optional.empty();
      }
      loaded = Optional.ofNullable(keys.get(real));
      if (loaded.isEmpty()) {
        loaded =
            readFile(file, c, real, InputFiles.SMALL_FILE_BYTES, InputFiles.TOO_LARGE, fileLabel);
        loaded.ifPresent(k -> keys.put(real, k));
      }
    }
    if (loaded.isEmpty()) {
      return Optional.empty();
    }
    byte[] key = loaded.get();
    String verifier = verifierFor(key);
    if (verifier == null) {
      problems.error(
          LangCodes.UNKNOWN_KEY_KIND,
          "`" + ref + "` is not a public key, PGP key or certificate",
          file,
          c.span(),
          "give a PEM public key (cosign.pub), an armored PGP public key or a PEM certificate");
      return Optional.empty();
    }
    try {
      // Read the key as a host will, so an unusable key fails here, at its line (E4117).
      TrustAnchors.Builder anchors = TrustAnchors.builder();
      switch (verifier) {
        case "pgp" -> anchors.pgpKeys(key, ref);
        case "x509" -> anchors.certificates(key, ref);
        default -> anchors.publicKeysPem(key, ref);
      }
      anchors.build();
    } catch (MosaicException e) {
      report(e.diagnostics(), file, c);
      return Optional.empty();
    }
    String keyDigest = blobs.put(tenant, key);
    return Optional.of(new SignatureRequirement(List.of(verifier), List.of(keyDigest)));
  }

  /** The verifier a key's kind implies: cosign, pgp or x509; null when it is none of these. */
  static String verifierFor(byte[] key) {
    String text = new String(key, StandardCharsets.ISO_8859_1);
    if (text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
      return "pgp";
    }
    if (text.contains("-----BEGIN CERTIFICATE-----")) {
      return "x509";
    }
    if (text.contains("-----BEGIN PUBLIC KEY-----")) {
      return "cosign";
    }
    return null;
  }

  /** Reports every function of the interface the component's exports do not provide. */
  private void conforms(CheckedComponent component, InterfaceModel iface, Item.Component decl) {
    for (InterfaceModel.Function f : iface.functions()) {
      FuncType needed = Abi.lower(f);
      FunctionDecl export = component.export(f.name());
      if (export == null) {
        problems.error(
            LangCodes.NOT_IMPLEMENTED,
            "component `"
                + component.name()
                + "` does not implement `"
                + iface.name()
                + "`: export `"
                + f.name()
                + "` is missing",
            component.file(),
            decl.interfaceSpan(),
            Suggest.help(f.name(), component.exports().stream().map(FunctionDecl::name).toList()));
      } else if (!export.type().equals(needed)) {
        problems.error(
            LangCodes.NOT_IMPLEMENTED,
            "component `"
                + component.name()
                + "` does not implement `"
                + iface.name()
                + "`: export `"
                + f.name()
                + "` has type "
                + export.type()
                + ", the interface needs "
                + needed,
            component.file(),
            decl.interfaceSpan(),
            null);
      }
    }
  }
}
