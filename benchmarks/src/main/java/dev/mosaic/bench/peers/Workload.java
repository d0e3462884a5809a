package dev.mosaic.bench.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workloads run on every runtime, with the arguments each one is called with. The first three
 * are small WAT modules of this repository; the kernels are public C code compiled to wasm32 by
 * {@code benchmarks/kernels/build.sh} (clang + wasi-libc), code nobody tuned for this comparison.
 */
enum Workload {
  /** Recursive fib(30): about 1.6 million calls. */
  FIB("fib", false, "fib", null, new int[0], 30),
  /** Bitwise CRC-32 over 1 MiB of linear memory (filled once before timing). */
  CRC32("crc32", false, "crc32", "fill", new int[] {42, 1 << 20}, 0, 1 << 20),
  /** One million calls of a host function (the monotonic clock). */
  HOSTCALLS("hostcalls", false, "run", null, new int[0], 1_000_000),
  /** SHA-256 (Brad Conte's crypto-algorithms) over 16 MiB. */
  SHA256("sha256", true, "run", "setup", new int[0]),
  /** wasi-libc's qsort of one million ints. */
  QSORT("qsort", true, "run", "setup", new int[0]),
  /** The sightglass shootout's keccak kernel (10,000 permutations). */
  KECCAK("keccak", true, "run", null, new int[0]),
  /** The sightglass shootout's matrix kernel (300,000 10x10 integer products). */
  MATRIX("matrix", true, "run", null, new int[0]);

  /** Where {@code benchmarks/kernels/build.sh} put the kernels. */
  static Path kernelDir = Path.of("benchmarks/target/kernels");

  final String file;
  final boolean kernel;
  final String export;
  final String setup;
  final int[] setupArgs;
  final int[] args;

  Workload(String file, boolean kernel, String export, String setup, int[] setupArgs, int... args) {
    this.file = file;
    this.kernel = kernel;
    this.export = export;
    this.setup = setup;
    this.setupArgs = setupArgs;
    this.args = args;
  }

  String label() {
    return file;
  }

  byte[] wasm() {
    try {
      if (kernel) {
        return Files.readAllBytes(kernelDir.resolve(file + ".wasm"));
      }
      try (InputStream in = Workload.class.getResourceAsStream("/workloads/" + file + ".wasm")) {
        if (in == null) {
          throw new IllegalStateException("missing workload " + file);
        }
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
