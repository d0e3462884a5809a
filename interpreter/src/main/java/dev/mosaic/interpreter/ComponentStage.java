package dev.mosaic.interpreter;

import dev.mosaic.dsl.ast.Item;
import dev.mosaic.host.ModuleInspector;
import dev.mosaic.hsm.signature.TrustAnchors;
import dev.mosaic.plan.BlobStore;
import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.FileBlobStore;
import dev.mosaic.plan.FuncType;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodes;
import dev.mosaic.plan.PlanRules;
import dev.mosaic.plan.SignatureRequirement;
import dev.mosaic.plan.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
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

  ComponentStage(Problems problems, BlobStore blobs) {
    this.problems = problems;
    this.blobs = blobs;
  }

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
    Optional<byte[]> loaded =
        loadBytes(file, c, tenant, baseDir, c.source(), c.byDigest(), "blob", fileLabel, "FILE");
    if (loaded.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = loaded.get();
    String digest = c.byDigest() ? c.source() : null;
    ModuleInspector.ModuleInterface shape;
    try {
      shape = ModuleInspector.inspect(c.source(), bytes);
    } catch (MosaicException e) {
      for (Diagnostic d : e.diagnostics()) {
        problems.add(new Diagnostic(d.code(), d.message(), Problems.at(file, c.span()), d.help()));
      }
      return Optional.empty();
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
            shape.declared()));
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
   * Reads what a component declaration names, by digest from the tenant's store or by a path
   * relative to {@code baseDir}; reports a coded error at the declaration when it cannot.
   *
   * @param noun what a digest names, in messages (`blob`, `key`)
   * @param fileLabel how the file is named in messages
   * @param addArg the file argument shown in the `mosaic blob add` hint
   */
  private Optional<byte[]> loadBytes(
      String file,
      Item.Component c,
      String tenant,
      Path baseDir,
      String ref,
      boolean byDigest,
      String noun,
      String fileLabel,
      String addArg) {
    if (byDigest) {
      if (!FileBlobStore.isDigest(ref)) {
        problems.error(
            PlanCodes.BAD_DIGEST,
            "malformed digest `" + ref + "`",
            file,
            c.span(),
            "a digest is `sha256:` and 64 lowercase hex digits");
        return Optional.empty();
      }
      Optional<byte[]> stored = blobs.get(tenant, ref);
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
    try {
      return Optional.of(Files.readAllBytes(baseDir.resolve(ref).normalize()));
    } catch (InvalidPathException e) {
      problems.error(
          LangCodes.FILE_MISSING, "`" + ref + "` is not a valid path", file, c.span(), null);
    } catch (NoSuchFileException e) {
      problems.error(LangCodes.FILE_MISSING, fileLabel + " does not exist", file, c.span(), null);
    } catch (IOException e) {
      problems.error(LangCodes.FILE_MISSING, "cannot read " + fileLabel, file, c.span(), null);
    }
    return Optional.empty();
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
    Optional<byte[]> loaded =
        loadBytes(
            file, c, tenant, baseDir, ref, ref.startsWith("sha256:"), "key", fileLabel, "KEY.pub");
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
      for (Diagnostic d : e.diagnostics()) {
        problems.add(new Diagnostic(d.code(), d.message(), Problems.at(file, c.span()), d.help()));
      }
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
