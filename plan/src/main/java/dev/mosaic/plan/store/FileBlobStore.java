package dev.mosaic.plan.store;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.diag.PlanCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded default {@link BlobStore}: {@code <root>/<tenant>/sha256/<hex>}. Writes go to a
 * temporary file that is renamed into place, so readers never see a partial blob and concurrent
 * writers of the same blob are safe (identical content wins either way). A stored file whose size
 * does not match is replaced on the next write of that blob; one whose content was altered is
 * reported by {@link #get} with E4101. Signature links ({@link #attachSignature}) are small files
 * {@code <root>/<tenant>/signatures/<verifier>/<hex>} holding the signature blob's digest.
 */
public final class FileBlobStore implements BlobStore {

  private final Path root;
  private final long maxBlobBytes;

  public FileBlobStore(Path root, long maxBlobBytes) {
    this.root = root;
    this.maxBlobBytes = maxBlobBytes;
  }

  public FileBlobStore(Path root) {
    this(root, SystemLimits.DEFAULT.maxBlobBytes());
  }

  public Path root() {
    return root;
  }

  /** Whether a string is a well-formed {@code sha256:<64 lowercase hex>} digest. */
  public static boolean isDigest(String digest) {
    // The loop is what DIGEST says, without a matcher per call: plans name a blob per component.
    if (digest.length() != 71 || !digest.startsWith("sha256:")) {
      return false;
    }
    for (int i = 7; i < 71; i++) {
      char c = digest.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Whether a string is a usable tenant name (it becomes a directory name). */
  public static boolean isTenant(String tenant) {
    // `[A-Za-z0-9][A-Za-z0-9._-]{0,63}` without `..`, as a loop: every blob read checks it.
    int n = tenant.length();
    if (n == 0 || n > 64) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = tenant.charAt(i);
      boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
        return false;
      }
      if (c == '.' && tenant.charAt(i - 1) == '.') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String put(String tenant, byte[] bytes) {
    if (bytes.length > maxBlobBytes) {
      throw new MosaicException(
          PlanCodes.BLOB_TOO_LARGE,
          "blob is " + bytes.length + " bytes, over the limit of " + maxBlobBytes);
    }
    String digest = PlanCodec.digestOf(bytes);
    Path target = path(tenant, digest);
    if (isIntact(target, bytes.length)) {
      return digest;
    }
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
      try {
        Files.write(tmp, bytes);
        // Verify what reached the disk before it becomes visible under its digest.
        if (!PlanCodec.digestOf(Files.readAllBytes(tmp)).equals(digest)) {
          throw new IOException("blob changed while it was written");
        }
        // rename(2) replaces atomically: concurrent writers of the same content all succeed and
        // a reader sees either no file or the whole blob, never a partial one.
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store blob " + digest, e);
    }
    return digest;
  }

  /** Whether a stored blob of the expected size is already in place. */
  private static boolean isIntact(Path target, long size) {
    try {
      return Files.size(target) == size;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public Optional<byte[]> get(String tenant, String digest) {
    Path file = path(tenant, digest);
    try {
      long size = Files.size(file);
      if (size > maxBlobBytes) {
        throw new MosaicException(
            PlanCodes.BLOB_TOO_LARGE,
            "blob `" + digest + "` is " + size + " bytes, over the limit of " + maxBlobBytes);
      }
      byte[] bytes = Files.readAllBytes(file);
      if (!PlanCodec.digestOf(bytes).equals(digest)) {
        throw new MosaicException(
            PlanCodes.BLOB_DIGEST_MISMATCH,
            "blob `" + digest + "` does not match its digest (the store was modified)");
      }
      return Optional.of(bytes);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read blob " + digest, e);
    }
  }

  @Override
  public boolean contains(String tenant, String digest) {
    return Files.isRegularFile(path(tenant, digest));
  }

  @Override
  public List<String> list(String tenant) {
    Path dir = tenantDir(tenant).resolve("sha256");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(p -> "sha256:" + p.getFileName())
          .filter(FileBlobStore::isDigest)
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public void attachSignature(
      String tenant, String blobDigest, String verifier, String signatureDigest) {
    BlobStore.requireLinkable(this, tenant, blobDigest, verifier, signatureDigest);
    Path link = linkPath(tenant, blobDigest, verifier);
    try {
      Files.createDirectories(link.getParent());
      Path tmp = Files.createTempFile(link.getParent(), ".incoming-", ".tmp");
      try {
        Files.writeString(tmp, signatureDigest, StandardCharsets.US_ASCII);
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot link signature of " + blobDigest, e);
    }
  }

  @Override
  public Optional<String> signatureOf(String tenant, String blobDigest, String verifier) {
    if (!BlobStore.isVerifierName(verifier)) {
      return Optional.empty();
    }
    Path link = linkPath(tenant, blobDigest, verifier);
    try {
      if (Files.size(link) > 100) {
        return Optional.empty();
      }
      String digest = Files.readString(link, StandardCharsets.US_ASCII).strip();
      return isDigest(digest) ? Optional.of(digest) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read signature link of " + blobDigest, e);
    }
  }

  private Path linkPath(String tenant, String blobDigest, String verifier) {
    if (!isDigest(blobDigest) || !BlobStore.isVerifierName(verifier)) {
      throw new IllegalArgumentException("invalid digest or verifier");
    }
    return tenantDir(tenant)
        .resolve("signatures")
        .resolve(verifier)
        .resolve(blobDigest.substring("sha256:".length()));
  }

  private Path tenantDir(String tenant) {
    if (!isTenant(tenant)) {
      throw new IllegalArgumentException("invalid tenant name");
    }
    return root.resolve(tenant);
  }

  private Path path(String tenant, String digest) {
    if (!isDigest(digest)) {
      throw new IllegalArgumentException("invalid digest");
    }
    return tenantDir(tenant).resolve("sha256").resolve(digest.substring("sha256:".length()));
  }
}
