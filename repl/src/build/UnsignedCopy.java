import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * Copies every jar of a directory into another without its signature: the signature files
 * ({@code META-INF/*.SF}, {@code .RSA}, {@code .DSA}, {@code .EC}) and the manifest's per-entry
 * digest sections are left out; every other entry is copied byte for byte with its time, and the
 * manifest keeps its main attributes ({@code Multi-Release} among them).
 *
 * <p>Why: the launcher's class path holds Bouncy Castle's signed jars. The JVM verifies a signed
 * jar's signature at every start (about 60 ms for Bouncy Castle's four on a 2-core machine), and
 * the JDK's AOT cache leaves out classes from signed jars. The signature says who built the jar;
 * Maven has checked the download against the repository's checksum, and nothing in Mosaic
 * registers Bouncy Castle as a JCE provider, the one place where a provider's jar signature can
 * matter. The embedding API's users get the jars from Maven unchanged.
 *
 * <p>Usage: {@code java UnsignedCopy.java FROM_DIR TO_DIR} (run by the repl module's build).
 */
public final class UnsignedCopy {
  private static final Pattern SIGNATURE =
      Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)", Pattern.CASE_INSENSITIVE);

  public static void main(String[] args) throws IOException {
    Path from = Path.of(args[0]);
    Path to = Path.of(args[1]);
    Files.createDirectories(to);
    if (!Files.isDirectory(from)) {
      return;
    }
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(from, "*.jar")) {
      for (Path jar : jars) {
        Path target = to.resolve(jar.getFileName());
        Path partial = to.resolve(jar.getFileName() + ".partial");
        copy(jar, partial);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static void copy(Path jar, Path target) throws IOException {
    try (JarFile in = new JarFile(jar.toFile(), false);
        OutputStream file = Files.newOutputStream(target);
        JarOutputStream out = new JarOutputStream(file)) {
      Manifest manifest = in.getManifest();
      for (JarEntry entry : in.stream().toList()) {
        String name = entry.getName();
        if (SIGNATURE.matcher(name).matches()) {
          continue;
        }
        JarEntry copy = new JarEntry(name);
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME) && manifest != null) {
          manifest.getEntries().clear(); // the per-entry digests belong to the signature
          manifest.write(out);
        } else {
          try (InputStream data = in.getInputStream(entry)) {
            data.transferTo(out);
          }
        }
        out.closeEntry();
      }
    }
  }
}
