package dev.mosaic.hsm.vault;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.hsm.LocalKeys;
import dev.mosaic.hsm.Secret;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretCodes;
import dev.mosaic.hsm.SecretErrors;
import dev.mosaic.hsm.SecretNames;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Secrets from a Vault KV version 2 engine over HTTP(S), with token authentication ({@code
 * X-Vault-Token}) and optional namespace ({@code X-Vault-Namespace}).
 *
 * <p>A secret name is a KV path with an optional field: {@code db/creds#password} is field {@code
 * password} of {@code GET /v1/<mount>/data/db/creds}; without {@code #field} the field is {@value
 * #DEFAULT_FIELD}. The token is read from its source for every request, so a rotated token is
 * picked up without a restart. The response is parsed as a stream and the value never becomes a
 * {@code String}; the response body is wiped after parsing. Redirects are not followed, so the
 * token is only ever sent to the configured address.
 */
public final class VaultSecretBackend implements SecretBackend {
  /** The field read when a name has no {@code #field}. */
  public static final String DEFAULT_FIELD = "value";

  private static final JsonFactory JSON =
      JsonFactory.builder().recyclerPool(JsonRecyclerPools.nonRecyclingPool()).build();
  private static final ObjectMapper ERRORS = new ObjectMapper(JSON);

  private final VaultConfig config;
  private final HttpClient client;
  private final String id;

  public VaultSecretBackend(VaultConfig config) {
    this.config = config;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(config.timeout());
    config.tls().ifPresent(builder::sslContext);
    this.client = builder.build();
    this.id =
        "vault://"
            + config.address().getAuthority()
            + "/"
            + config.mount()
            + config.namespace().map(n -> "?namespace=" + n).orElse("");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Secret read(String name) {
    SecretNames.check(name);
    int hash = name.indexOf('#');
    String path = hash < 0 ? name : name.substring(0, hash);
    String field = hash < 0 ? DEFAULT_FIELD : name.substring(hash + 1);
    HttpResponse<byte[]> response = get(path, name);
    byte[] body = response.body();
    try {
      return switch (response.statusCode()) {
        case 200 -> new Secret(name, field(body, path, field, name));
        case 404 -> throw notFound(name, "vault has no secret at `" + path + "`");
        case 401, 403 ->
            throw SecretErrors.error(
                SecretCodes.BACKEND_DENIED,
                "vault `" + id + "` denied reading `" + path + "`",
                "the token from `"
                    + config.token().describe()
                    + "` lacks a policy with `read` on `"
                    + config.mount()
                    + "/data/"
                    + path
                    + "`, or has expired"
                    + vaultErrors(body));
        default -> {
          int status = response.statusCode();
          if (status == 429 || status >= 500) {
            throw SecretErrors.error(
                SecretCodes.BACKEND_UNAVAILABLE,
                "vault `" + id + "` answered http " + status + " for `" + path + "`",
                (status == 503 ? "vault may be sealed or in standby" : "retry later")
                    + vaultErrors(body));
          }
          throw SecretErrors.error(
              SecretCodes.BAD_RESPONSE,
              "vault `" + id + "` answered http " + status + " for `" + path + "`",
              "check that `" + config.mount() + "` is a kv version 2 mount" + vaultErrors(body));
        }
      };
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  /** Computed in the host process from the value read (KV has no crypto engine). */
  @Override
  public byte[] hmacSha256(String keyName, byte[] data) {
    return LocalKeys.hmacSha256(this, keyName, data);
  }

  private HttpResponse<byte[]> get(String path, String name) {
    URI uri =
        URI.create(
            stripSlash(config.address().toString()) + "/v1/" + config.mount() + "/data/" + path);
    char[] token = config.token().read();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(config.timeout())
            .header("X-Vault-Token", new String(token))
            .header("X-Vault-Request", "true")
            .header("Accept", "application/json")
            .GET();
    Arrays.fill(token, '\0');
    config.namespace().ifPresent(n -> request.header("X-Vault-Namespace", n));
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw SecretErrors.error(
          SecretCodes.BACKEND_TIMEOUT,
          "vault `" + id + "` did not answer within " + config.timeout().toMillis() + " ms",
          "reading `" + name + "`; check that vault is reachable or raise `timeout`");
    } catch (SSLException e) {
      throw SecretErrors.error(
          SecretCodes.BACKEND_UNAVAILABLE,
          "tls handshake with vault `" + id + "` failed",
          "set `trust-store` to a store holding vault's ca certificate, and check that the"
              + " certificate names the host of `address`");
    } catch (ConnectException e) {
      throw SecretErrors.error(
          SecretCodes.BACKEND_UNAVAILABLE,
          "cannot connect to vault `" + id + "`",
          "check `address` and that vault is running");
    } catch (IOException e) {
      throw SecretErrors.error(
          SecretCodes.BACKEND_UNAVAILABLE,
          "i/o failure talking to vault `" + id + "` (" + e.getClass().getSimpleName() + ")",
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SecretErrors.error(
          SecretCodes.BACKEND_UNAVAILABLE,
          "interrupted while reading from vault `" + id + "`",
          null);
    }
  }

  /** Finds {@code data.data.<field>} in a KV v2 read response without building a tree. */
  private byte[] field(byte[] body, String path, String field, String name) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw badResponse(path);
      }
      if (!enter(parser, "data")) {
        throw badResponse(path);
      }
      if (parser.currentToken() == JsonToken.VALUE_NULL || !enter(parser, "data")) {
        throw notFound(name, "vault has no readable version of `" + path + "`");
      }
      if (parser.currentToken() == JsonToken.VALUE_NULL) {
        throw notFound(name, "the current version of `" + path + "` is deleted");
      }
      List<String> fields = new ArrayList<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!key.equals(field)) {
          fields.add(key);
          parser.skipChildren();
          continue;
        }
        if (value != JsonToken.VALUE_STRING) {
          throw SecretErrors.error(
              SecretCodes.BAD_RESPONSE,
              "field `" + field + "` of `" + path + "` is not a string",
              "store secrets as string fields");
        }
        return utf8(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
      }
      throw notFound(
          name,
          "`" + path + "` has no field `" + field + "`; fields: " + String.join(", ", fields));
    } catch (IOException e) {
      throw badResponse(path);
    }
  }

  /**
   * Moves the parser, positioned on an object's start, to the value of {@code name}; the parser is
   * then on that value's first token (an object's start, or null).
   */
  private static boolean enter(JsonParser parser, String name) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonToken value = parser.nextToken();
      if (key.equals(name)) {
        return value == JsonToken.START_OBJECT || value == JsonToken.VALUE_NULL;
      }
      parser.skipChildren();
    }
    return false;
  }

  private static byte[] utf8(char[] chars, int offset, int length) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars, offset, length));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    Arrays.fill(chars, offset, offset + length, '\0');
    return bytes;
  }

  /** Vault's own error strings (never secret), for help texts. */
  private static String vaultErrors(byte[] body) {
    try {
      JsonNode errors = ERRORS.readTree(body).path("errors");
      List<String> texts = new ArrayList<>();
      for (JsonNode error : errors) {
        String text = error.asText();
        texts.add(text.length() > 200 ? text.substring(0, 200) + "..." : text);
      }
      return texts.isEmpty() ? "" : "; vault says: " + String.join("; ", texts);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private RuntimeException notFound(String name, String help) {
    return SecretErrors.error(
        SecretCodes.SECRET_NOT_FOUND, "no secret `" + name + "` in vault `" + id + "`", help);
  }

  private RuntimeException badResponse(String path) {
    return SecretErrors.error(
        SecretCodes.BAD_RESPONSE,
        "vault `" + id + "` sent a response for `" + path + "` that is not a kv v2 read",
        "check that `" + config.mount() + "` is a kv version 2 mount");
  }

  private static String stripSlash(String address) {
    return address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "VaultSecretBackend[" + id + "]";
  }
}
