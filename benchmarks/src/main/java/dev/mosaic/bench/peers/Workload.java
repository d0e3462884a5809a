package dev.mosaic.bench.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The workloads run on every runtime, with the arguments each one is called with. */
enum Workload {
  /** Recursive fib(30): about 1.6 million calls. */
  FIB("fib", "fib", 30),
  /** Bitwise CRC-32 over 1 MiB of linear memory (filled once before timing). */
  CRC32("crc32", "crc32", 0, 1 << 20),
  /** One million calls of a host function (the monotonic clock). */
  HOSTCALLS("hostcalls", "run", 1_000_000);

  static final int CRC_LEN = 1 << 20;
  static final int CRC_SEED = 42;

  final String file;
  final String export;
  final int[] args;

  Workload(String file, String export, int... args) {
    this.file = file;
    this.export = export;
    this.args = args;
  }

  String label() {
    return file;
  }

  byte[] wasm() {
    try (InputStream in = Workload.class.getResourceAsStream("/workloads/" + file + ".wasm")) {
      if (in == null) {
        throw new IllegalStateException("missing workload " + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
