package dev.mosaic.hsm;

import dev.mosaic.plan.io.InputFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where a credential (a token PIN, a Vault token) comes from: an environment variable, a file, or a
 * callback of the embedding application. A credential is never written in a script, a plan or a
 * backend configuration; configurations name its source. {@link #read()} returns a fresh array the
 * caller wipes.
 */
public sealed interface CredentialSource
    permits CredentialSource.EnvVar, CredentialSource.FromFile, CredentialSource.Callback {

  /** The credential; the caller wipes the array when done. */
  char[] read();

  /** A description for messages, e.g. {@code env:MOSAIC_PIN}; never the credential. */
  String describe();

  /** The credential held in environment variable {@code name} of this process. */
  static CredentialSource env(String name) {
    return new EnvVar(name, System.getenv());
  }

  /** The credential held in file {@code path}; a trailing line break is dropped. */
  static CredentialSource file(Path path) {
    return new FromFile(path);
  }

  /** The credential handed over by the application each time it is needed. */
  static CredentialSource callback(String description, Supplier<char[]> supplier) {
    return new Callback(description, supplier);
  }

  /**
   * Parses {@code env:NAME} or {@code file:PATH}. The text is never echoed in an error: a user who
   * wrote the credential itself there must not see it printed back.
   */
  static CredentialSource parse(String spec, String what, Map<String, String> environment) {
    if (spec != null && spec.startsWith("env:") && spec.length() > 4) {
      return new EnvVar(spec.substring(4), environment);
    }
    if (spec != null && spec.startsWith("file:") && spec.length() > 5) {
      return new FromFile(Path.of(spec.substring(5)));
    }
    throw SecretErrors.error(
        SecretCodes.BAD_CONFIG,
        what + " must be `env:NAME` or `file:PATH`",
        "credentials are never written in a configuration; name the variable or file that holds"
            + " it");
  }

  /**
   * A credential in an environment variable.
   *
   * @param name variable name
   * @param environment the environment to read (the process environment by default)
   */
  record EnvVar(String name, Map<String, String> environment) implements CredentialSource {
    public EnvVar {
      Objects.requireNonNull(name, "name");
      environment = Map.copyOf(environment);
    }

    @Override
    public char[] read() {
      String value = environment.get(name);
      if (value == null || value.isEmpty()) {
        throw SecretErrors.error(
            SecretCodes.CREDENTIAL_UNAVAILABLE,
            "environment variable `" + name + "` is not set",
            "export it in the environment of the host process");
      }
      return value.toCharArray();
    }

    @Override
    public String describe() {
      return "env:" + name;
    }

    @Override
    public String toString() {
      return "EnvVar[" + name + "]";
    }
  }

  /**
   * A credential in a file readable by the host only. Files that others may read are refused.
   *
   * @param path file path
   */
  record FromFile(Path path) implements CredentialSource {
    public FromFile {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public char[] read() {
      if (!Files.isRegularFile(path)) {
        throw SecretErrors.error(
            SecretCodes.CREDENTIAL_UNAVAILABLE,
            "credential file `" + path + "` does not exist",
            "create it with mode 600, holding only the credential");
      }
      refuseWorldReadable();
      byte[] bytes = null;
      CharBuffer chars = null;
      try {
        bytes = InputFiles.read(path, 64 * 1024, InputFiles.TOO_LARGE, "credential file");
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
          end--;
        }
        chars =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, 0, end));
        char[] result = new char[chars.remaining()];
        chars.get(result);
        return result;
      } catch (CharacterCodingException e) {
        throw SecretErrors.error(
            SecretCodes.CREDENTIAL_UNAVAILABLE,
            "credential file `" + path + "` is not utf-8 text",
            null);
      } catch (IOException e) {
        throw SecretErrors.error(
            SecretCodes.CREDENTIAL_UNAVAILABLE,
            "cannot read credential file `" + path + "`",
            "check that the host process may read it");
      } finally {
        if (bytes != null) {
          Arrays.fill(bytes, (byte) 0);
        }
        if (chars != null && chars.hasArray()) {
          Arrays.fill(chars.array(), '\0');
        }
      }
    }

    private void refuseWorldReadable() {
      try {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
          throw SecretErrors.error(
              SecretCodes.CREDENTIAL_UNAVAILABLE,
              "credential file `" + path + "` is readable by other users",
              "restrict it with `chmod 600`");
        }
      } catch (UnsupportedOperationException | IOException e) {
        // not a POSIX file system: its access control lists are the operator's business
      }
    }

    @Override
    public String describe() {
      return "file:" + path;
    }
  }

  /**
   * A credential supplied by the embedding application.
   *
   * @param description what to call it in messages
   * @param supplier returns a fresh array each call; Mosaic wipes it
   */
  record Callback(String description, Supplier<char[]> supplier) implements CredentialSource {
    public Callback {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(supplier, "supplier");
    }

    @Override
    public char[] read() {
      char[] value = supplier.get();
      if (value == null || value.length == 0) {
        throw SecretErrors.error(
            SecretCodes.CREDENTIAL_UNAVAILABLE,
            "credential callback `" + description + "` returned nothing",
            null);
      }
      return value;
    }

    @Override
    public String describe() {
      return "callback:" + description;
    }

    @Override
    public String toString() {
      return "Callback[" + description + "]";
    }
  }
}
