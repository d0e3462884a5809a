package dev.mosaic.cli.command;

import dev.mosaic.cli.CliCodes;
import dev.mosaic.cli.Main;
import dev.mosaic.cli.options.Environment;
import dev.mosaic.cli.options.StoreOptions;
import dev.mosaic.cli.text.ProgressBar;
import dev.mosaic.interpreter.compiler.Compiler;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.ExitCodes;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.io.InputFiles;
import dev.mosaic.plan.store.BlobStore;
import dev.mosaic.plan.store.FileBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mosaic blob add|get|ls}: the tenant's content-addressed blob store. */
@Command(
    name = "blob",
    mixinStandardHelpOptions = true,
    description = "Add, read and list blobs (wasm modules) in a tenant's store.",
    subcommands = {BlobCommand.Add.class, BlobCommand.Get.class, BlobCommand.Ls.class})
public final class BlobCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: add, get or ls");
  }

  /** Options naming the tenant whose namespace a blob command uses. */
  static final class TenantOption {
    @Option(
        names = "--tenant",
        paramLabel = "T",
        description = "Tenant namespace (default: ${DEFAULT-VALUE}).",
        defaultValue = Compiler.DEFAULT_TENANT)
    String tenant;

    String checked(CommandLine cli) {
      if (!FileBlobStore.isTenant(tenant)) {
        throw new ParameterException(
            cli,
            "invalid tenant `"
                + tenant
                + "`: use letters, digits, `.`, `_` and `-`, starting with a letter or digit");
      }
      return tenant;
    }
  }

  /** {@code mosaic blob add FILE}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Store a file in the tenant's blob store and print its digest.",
        "A progress bar is shown on stderr for large files when stderr is a terminal."
      })
  public static final class Add implements Callable<Integer> {
    /** Files at least this large get a progress bar. */
    public static final long PROGRESS_FROM_BYTES = 4L << 20;

    private static final int CHUNK = 1 << 20;

    @Parameters(paramLabel = "FILE", description = "The file to store.")
    Path file;

    @Option(
        names = "--signature",
        paramLabel = "SIG",
        description = {
          "A detached signature of FILE, stored as a blob of its own and linked to FILE's digest",
          "(plans never name signatures, so signing does not change a plan's digest)."
        })
    Path signature;

    @Option(
        names = "--verifier",
        paramLabel = "NAME",
        defaultValue = "cosign",
        description = "Format of --signature: cosign, pgp, x509 or a plugin (default: cosign).")
    String verifier;

    @Mixin TenantOption tenant;
    @Mixin StoreOptions store;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      String t = tenant.checked(spec.commandLine());
      if (signature != null && !BlobStore.isVerifierName(verifier)) {
        throw new ParameterException(
            spec.commandLine(),
            "invalid verifier `" + verifier + "`: use lowercase letters, digits, `.`, `_` and `-`");
      }
      boolean progress = ((Main) spec.root().userObject()).environment().stderrIsTerminal();
      byte[] bytes = read(file, progress);
      BlobStore blobs = store.blobStore();
      String digest = blobs.put(t, bytes);
      if (signature != null) {
        String sig = blobs.put(t, read(signature, false));
        blobs.attachSignature(t, digest, verifier, sig);
      }
      spec.commandLine().getOut().println(digest);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }

    private byte[] read(Path path, boolean showProgress) {
      long max = SystemLimits.DEFAULT.maxBlobBytes();
      // Regular files only: the size read below is then the file's, and no FIFO is opened.
      InputFiles.checkRegular(path, "file `" + path + "`");
      try (InputStream in = Files.newInputStream(path)) {
        long size = Files.size(path);
        if (size > max) {
          throw new MosaicException(
              Diagnostic.of(
                      PlanCodes.BLOB_TOO_LARGE,
                      "`" + path + "` is " + size + " bytes, over the blob limit of " + max)
                  .withHelp("a blob holds one wasm module; split large data out of it"));
        }
        byte[] bytes = new byte[(int) size];
        ProgressBar bar =
            showProgress && size >= PROGRESS_FROM_BYTES
                ? new ProgressBar(spec.commandLine().getErr(), "adding", size)
                : null;
        int done = 0;
        while (done < bytes.length) {
          int n = in.read(bytes, done, Math.min(CHUNK, bytes.length - done));
          if (n < 0) {
            break;
          }
          done += n;
          if (bar != null) {
            bar.update(done);
          }
        }
        if (bar != null) {
          bar.finish();
        }
        if (done != bytes.length || in.read() >= 0) {
          throw new MosaicException(
              CliCodes.FILE_CHANGED, "`" + path + "` changed size while it was being read");
        }
        return bytes;
      } catch (NoSuchFileException e) {
        throw new MosaicException(LangCodes.FILE_MISSING, "file `" + path + "` does not exist");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code mosaic blob get DIGEST [-o FILE]}. */
  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = {
        "Write a blob's bytes to FILE, or to stdout when stdout is not a terminal.",
        "The bytes are checked against the digest as they are read."
      })
  static final class Get implements Callable<Integer> {
    @Parameters(paramLabel = "DIGEST", description = "sha256:<64 hex digits>.")
    String digest;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Where to write the blob.")
    Path output;

    @Mixin TenantOption tenant;
    @Mixin StoreOptions store;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      String t = tenant.checked(spec.commandLine());
      if (!FileBlobStore.isDigest(digest)) {
        throw new ParameterException(
            spec.commandLine(),
            "malformed digest `" + digest + "`: expected `sha256:` and 64 lowercase hex digits");
      }
      Environment env = ((Main) spec.root().userObject()).environment();
      if (output == null && env.stdoutIsTerminal()) {
        throw new ParameterException(
            spec.commandLine(), "refusing to write binary data to a terminal; use -o FILE");
      }
      BlobStore blobs = store.blobStore();
      byte[] bytes =
          blobs
              .get(t, digest)
              .orElseThrow(
                  () ->
                      new MosaicException(
                          Diagnostic.of(
                                  PlanCodes.BLOB_MISSING,
                                  "blob `" + digest + "` is not in the store of tenant `" + t + "`")
                              .withHelp("`mosaic blob ls --tenant " + t + "` lists what it has")));
      try {
        if (output != null) {
          Files.write(output, bytes);
        } else {
          OutputStream out = env.binaryOut();
          out.write(bytes);
          out.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return ExitCodes.OK;
    }
  }

  /** {@code mosaic blob ls}. */
  @Command(
      name = "ls",
      mixinStandardHelpOptions = true,
      description = "List the digests in a tenant's store, sorted.")
  static final class Ls implements Callable<Integer> {
    @Mixin TenantOption tenant;
    @Mixin StoreOptions store;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      String t = tenant.checked(spec.commandLine());
      for (String digest : store.blobStore().list(t)) {
        spec.commandLine().getOut().println(digest);
      }
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
