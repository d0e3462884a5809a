package dev.mosaic.plan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest {
  @TempDir Path root;

  @Test
  void blobsLiveInTheirTenantsNamespace() {
    FileBlobStore store = new FileBlobStore(root);
    String digest = store.put("alpha", new byte[] {1, 2, 3});
    assertThat(digest).isEqualTo(PlanCodec.digestOf(new byte[] {1, 2, 3}));
    assertThat(store.get("alpha", digest)).hasValue(new byte[] {1, 2, 3});
    assertThat(store.get("beta", digest)).isEmpty();
    assertThat(store.contains("beta", digest)).isFalse();
    assertThat(store.list("alpha")).containsExactly(digest);
    assertThat(root.resolve("alpha/sha256/" + digest.substring(7))).exists();
  }

  @Test
  void aTamperedBlobIsRefusedOnRead() throws IOException {
    FileBlobStore store = new FileBlobStore(root);
    String digest = store.put("alpha", new byte[] {1, 2, 3});
    Files.write(root.resolve("alpha/sha256/" + digest.substring(7)), new byte[] {1, 2, 4});
    MosaicException e =
        catchThrowableOfType(MosaicException.class, () -> store.get("alpha", digest));
    assertThat(e.code()).isEqualTo("E4101");
    assertThat(e.exitCode()).isEqualTo(77);
  }

  @Test
  void writesWithAnExpectedDigestAreVerified() {
    FileBlobStore store = new FileBlobStore(root);
    String wrong = PlanCodec.digestOf(new byte[] {9});
    MosaicException e =
        catchThrowableOfType(
            MosaicException.class, () -> store.put("alpha", wrong, new byte[] {1}));
    assertThat(e.code()).isEqualTo("E4101");
    assertThat(store.list("alpha")).isEmpty();
    assertThat(store.put("alpha", PlanCodec.digestOf(new byte[] {1}), new byte[] {1}))
        .isEqualTo(PlanCodec.digestOf(new byte[] {1}));
  }

  @Test
  void oversizedBlobsAreRefused() {
    FileBlobStore store = new FileBlobStore(root, 4);
    assertThat(
            catchThrowableOfType(
                    MosaicException.class, () -> store.put("alpha", new byte[] {1, 2, 3, 4, 5}))
                .code())
        .isEqualTo("E4202");
  }

  @Test
  void aTruncatedCopyIsReplacedByTheNextWrite() throws IOException {
    FileBlobStore store = new FileBlobStore(root);
    byte[] bytes = "hello, blob".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String digest = store.put("alpha", bytes);
    Path file = root.resolve("alpha/sha256/" + digest.substring(7));
    Files.write(file, new byte[] {'h'});
    store.put("alpha", bytes);
    assertThat(store.get("alpha", digest)).hasValue(bytes);
  }

  @Test
  void concurrentWritersOfTheSameBlobAllSucceedAndLeaveOneWholeFile() throws Exception {
    FileBlobStore store = new FileBlobStore(root);
    byte[] bytes = new byte[256 * 1024];
    new java.util.Random(7).nextBytes(bytes);
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  String d = null;
                  for (int i = 0; i < 20; i++) {
                    d = store.put("alpha", bytes);
                    // a reader never sees a partial blob
                    assertThat(store.get("alpha", d)).hasValue(bytes);
                  }
                  return d;
                }));
      }
      for (Future<String> f : results) {
        assertThat(f.get()).isEqualTo(PlanCodec.digestOf(bytes));
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> files = Files.list(root.resolve("alpha/sha256"))) {
      // one blob, no temporary files left behind
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(PlanCodec.digestOf(bytes).substring(7));
    }
  }

  @Test
  void tenantNamesCannotEscapeTheRoot() {
    FileBlobStore store = new FileBlobStore(root);
    for (String tenant : List.of("..", "../x", "a/b", "", ".hidden")) {
      assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> store.list(tenant)))
          .as(tenant)
          .isNotNull();
    }
  }

  @Test
  void signatureLinksNameAStoredSignaturePerVerifierAndTenant() {
    for (BlobStore store : List.of(new FileBlobStore(root), new MemoryBlobStore())) {
      String blob = store.put("alpha", "module".getBytes(StandardCharsets.UTF_8));
      String sig = store.put("alpha", "signature".getBytes(StandardCharsets.UTF_8));
      assertThat(store.signatureOf("alpha", blob, "cosign")).isEmpty();

      store.attachSignature("alpha", blob, "cosign", sig);

      assertThat(store.signatureOf("alpha", blob, "cosign")).contains(sig);
      assertThat(store.signatureOf("alpha", blob, "pgp")).isEmpty();
      assertThat(store.signatureOf("beta", blob, "cosign")).isEmpty();
      // signatures are blobs: listed with the rest, read back by digest
      assertThat(store.list("alpha")).contains(blob, sig).hasSize(2);
      String absent = "sha256:" + "0".repeat(64);
      assertThat(
              catchThrowableOfType(
                      MosaicException.class,
                      () -> store.attachSignature("alpha", blob, "cosign", absent))
                  .diagnostics()
                  .getFirst()
                  .code())
          .isEqualTo("E4001");
      assertThat(store.signatureOf("alpha", blob, "cosign")).contains(sig);
    }
  }
}
