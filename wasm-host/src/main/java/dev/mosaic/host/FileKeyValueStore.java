package dev.mosaic.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A {@link KeyValueStore} that survives restarts: {@code root/<tenant>/<sha256 of key>}, one file
 * per key, replaced atomically on write. Caps key size, value size, each tenant's number of entries
 * and each tenant's total, counted as the disk the entries take: every entry is charged its value
 * rounded up to whole {@value #BLOCK}-byte blocks plus one block of {@linkplain #ENTRY_OVERHEAD
 * overhead} for its file (inode, directory entry, the 64-character name that stands for its key),
 * so an empty value is not free and the disk a tenant fills stays within its quota. The total is
 * counted from the files when a tenant is first used.
 *
 * <p>Thread-safety: thread-safe within one JVM.
 */
public final class FileKeyValueStore implements KeyValueStore {
  /** The file-system block an entry's value is rounded up to. */
  public static final int BLOCK = 4096;

  /** What each entry is charged beyond its value: one block for its file. */
  public static final int ENTRY_OVERHEAD = BLOCK;

  private final Path root;
  private final int maxKeyBytes;
  private final int maxValueBytes;
  private final long maxTenantBytes;
  private final int maxEntries;
  private final Map<String, Namespace> tenants = new ConcurrentHashMap<>();

  /**
   * @param maxTenantBytes disk one tenant may fill, as charged (see the class comment)
   * @param maxEntries keys one tenant may hold
   */
  public FileKeyValueStore(
      Path root, int maxKeyBytes, int maxValueBytes, long maxTenantBytes, int maxEntries) {
    if (maxKeyBytes < 1 || maxValueBytes < 0 || maxTenantBytes < 0 || maxEntries < 0) {
      throw new IllegalArgumentException("key-value store limits must not be negative");
    }
    this.root = root;
    this.maxKeyBytes = maxKeyBytes;
    this.maxValueBytes = maxValueBytes;
    this.maxTenantBytes = maxTenantBytes;
    this.maxEntries = maxEntries;
  }

  /** As many entries per tenant as its byte quota admits empty entries. */
  public FileKeyValueStore(Path root, int maxKeyBytes, int maxValueBytes, long maxTenantBytes) {
    this(
        root,
        maxKeyBytes,
        maxValueBytes,
        maxTenantBytes,
        (int) Math.min(Integer.MAX_VALUE, maxTenantBytes / ENTRY_OVERHEAD));
  }

  /** 256-byte keys, 1 MiB values, 64 MiB and 16,384 entries per tenant. */
  public FileKeyValueStore(Path root) {
    this(root, 256, 1 << 20, 64L << 20, 16_384);
  }

  /** The disk an entry with a value of {@code valueBytes} is charged. */
  public static long charge(long valueBytes) {
    return ENTRY_OVERHEAD + (valueBytes + BLOCK - 1) / BLOCK * BLOCK;
  }

  @Override
  public Optional<byte[]> get(String tenant, String key) {
    Namespace ns = namespace(tenant);
    synchronized (ns) {
      try {
        return Optional.of(Files.readAllBytes(ns.file(key)));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void put(String tenant, String key, byte[] value) {
    int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (keyBytes > maxKeyBytes) {
      throw new QuotaExceededException("key of " + keyBytes + " bytes, over " + maxKeyBytes);
    }
    if (value.length > maxValueBytes) {
      throw new QuotaExceededException(
          "value of " + value.length + " bytes, over " + maxValueBytes);
    }
    Namespace ns = namespace(tenant);
    synchronized (ns) {
      try {
        Path file = ns.file(key);
        boolean exists = Files.exists(file);
        if (!exists && ns.entries + 1 > maxEntries) {
          throw new QuotaExceededException(
              "tenant store would hold " + (ns.entries + 1) + " entries, over " + maxEntries);
        }
        long old = exists ? charge(Files.size(file)) : 0;
        long next = ns.bytes - old + charge(value.length);
        if (next > maxTenantBytes) {
          throw new QuotaExceededException(
              "tenant store would hold " + next + " bytes, over " + maxTenantBytes);
        }
        Path tmp = Files.createTempFile(ns.dir, "put", ".tmp");
        Files.write(tmp, value);
        try {
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        ns.bytes = next;
        if (!exists) {
          ns.entries++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public boolean delete(String tenant, String key) {
    Namespace ns = namespace(tenant);
    synchronized (ns) {
      try {
        Path file = ns.file(key);
        if (!Files.exists(file)) {
          return false;
        }
        long size = Files.size(file);
        Files.delete(file);
        ns.bytes -= charge(size);
        ns.entries--;
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private Namespace namespace(String tenant) {
    return tenants.computeIfAbsent(tenant, t -> new Namespace(root.resolve(t)));
  }

  private static final class Namespace {
    private final Path dir;
    private long bytes;
    private int entries;

    Namespace(Path dir) {
      this.dir = dir;
      try {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            if (f.getFileName().toString().endsWith(".tmp")) {
              Files.deleteIfExists(f); // left over from a crash mid-write
            } else {
              bytes += charge(Files.size(f));
              entries++;
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Path file(String key) {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        return dir.resolve(HexFormat.of().formatHex(digest));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from the JDK", e);
      }
    }
  }
}
