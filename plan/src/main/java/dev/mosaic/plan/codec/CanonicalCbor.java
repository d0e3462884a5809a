package dev.mosaic.plan.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a tree of maps, lists, strings, byte arrays, integers and booleans as deterministic CBOR
 * (RFC 8949 §4.2.1): definite lengths, shortest integer encodings, map keys sorted by the bytes of
 * their encoding. Jackson's {@link CBORGenerator} writes the heads: it always picks the shortest
 * integer form and, for the sized start calls used here, definite lengths.
 */
public final class CanonicalCbor {
  private static final CBORFactory FACTORY = CBORFactory.builder().build();

  /** Orders text keys the way their deterministic encodings sort: shorter first, then bytewise. */
  public static final Comparator<String> KEY_ORDER =
      (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        if (x.length != y.length) {
          return Integer.compare(x.length, y.length);
        }
        return Arrays.compareUnsigned(x, y);
      };

  private CanonicalCbor() {}

  /** A map whose iteration order is the canonical key order. */
  public static Map<String, Object> map() {
    return new TreeMap<>(KEY_ORDER);
  }

  public static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator gen = FACTORY.createGenerator(out)) {
      write(gen, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator gen, Object value) throws IOException {
    switch (value) {
      case String s -> {
        // Jackson writes strings over ~4,000 chars as indefinite-length chunks; raw UTF-8 is
        // always written with a definite length.
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        ((CBORGenerator) gen).writeRawUTF8String(utf8, 0, utf8.length);
      }
      case Integer i -> gen.writeNumber(i.longValue());
      case Long l -> gen.writeNumber(l);
      case Boolean b -> gen.writeBoolean(b);
      case byte[] bytes -> gen.writeBinary(bytes);
      case List<?> list -> {
        gen.writeStartArray(list, list.size());
        for (Object item : list) {
          write(gen, item);
        }
        gen.writeEndArray();
      }
      case Map<?, ?> map -> {
        Map<String, Object> sorted;
        if (map instanceof TreeMap<?, ?> tree && tree.comparator() == KEY_ORDER) {
          @SuppressWarnings("unchecked")
          Map<String, Object> already = (Map<String, Object>) map;
          sorted = already;
        } else {
          sorted = map();
          map.forEach((k, v) -> sorted.put((String) k, v));
        }
        gen.writeStartObject(sorted, sorted.size());
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
          gen.writeFieldName(e.getKey());
          write(gen, e.getValue());
        }
        gen.writeEndObject();
      }
      default ->
          throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName());
    }
  }
}
