package dev.mosaic.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginTest {
  private static final Path SAMPLE = Path.of("../examples/secret-plugin/src/main");

  @Test
  void aPluginOnTheClassPathIsFoundByItsScheme() {
    SecretBackends backends =
        SecretBackends.discover(getClass().getClassLoader(), HostMode.PRODUCTION);
    assertThat(backends.schemes()).containsExactly("env", "memory", "pkcs11", "vault");
    try (SecretBackend memory = backends.open("memory", Map.of("token", "abc"));
        Secret secret = memory.read("token")) {
      assertThat(secret.copyValue()).containsExactly('a', 'b', 'c');
    }
  }

  @Test
  void theSamplePluginInExamplesCompilesAndLoads(@TempDir Path dir) throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> args =
        new ArrayList<>(
            List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
    try (Stream<Path> sources = Files.walk(SAMPLE.resolve("java"))) {
      sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
    copyTree(SAMPLE.resolve("resources"), classes);

    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(secrets.resolve("db-password"), "correct horse");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      SecretBackends backends = SecretBackends.discover(loader, HostMode.PRODUCTION);
      assertThat(backends.schemes()).contains("dir");
      try (SecretBackend plugin = backends.open("dir", Map.of("path", secrets.toString()))) {
        try (Secret secret = plugin.read("db-password")) {
          assertThat(new String(secret.copyValue(), StandardCharsets.UTF_8))
              .isEqualTo("correct horse");
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("correct horse".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(plugin.hmacSha256("db-password", new byte[] {1}))
            .isEqualTo(mac.doFinal(new byte[] {1}));
        assertThatThrownBy(() -> plugin.read("../secrets/db-password"))
            .hasMessageStartingWith("error[E7119]:");
        assertThatThrownBy(() -> plugin.read("missing")).hasMessageStartingWith("error[E7102]:");
      }
      assertThatThrownBy(() -> backends.open("dir", Map.of()))
          .hasMessageStartingWith("error[E7114]:");
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
