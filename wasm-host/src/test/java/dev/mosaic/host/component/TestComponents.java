package dev.mosaic.host.component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The components src/test/components/build.mjs builds in the build (jco and componentize-js,
 * pinned): their bytes and the WIT jco prints for them.
 */
public final class TestComponents {
  private TestComponents() {}

  public static Path dir() {
    String dir = System.getProperty("mosaic.test.components");
    if (dir == null) {
      throw new IllegalStateException(
          "system property mosaic.test.components is not set; run the tests through Maven");
    }
    return Path.of(dir);
  }

  /** The bytes of NAME.wasm; fails the test when the build did not make it. */
  public static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(dir().resolve(name + ".wasm"));
    } catch (IOException e) {
      throw new UncheckedIOException("test component " + name + " was not built", e);
    }
  }

  /** What {@code jco wit} prints for NAME.wasm. */
  public static String jcoWit(String name) {
    try {
      return Files.readString(dir().resolve(name + ".wit"));
    } catch (IOException e) {
      throw new UncheckedIOException("WIT of test component " + name + " was not built", e);
    }
  }

  /** A source file of src/test/components. */
  public static String source(String relative) {
    try {
      return Files.readString(Path.of("src/test/components").resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
