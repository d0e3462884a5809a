package dev.mosaic.interpreter.compiler;

import dev.mosaic.dsl.ScriptParser;
import dev.mosaic.dsl.SyntaxError;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.SourceLocation;
import dev.mosaic.plan.io.InputFiles;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads script files: through {@link InputFiles} (regular files only, bounded), then decoded as
 * UTF-8 that must be valid. A leading byte order mark is dropped. Bytes that are not UTF-8 (a
 * binary file, a Latin-1 script) are E1005 at the line and column of the first bad byte.
 */
public final class ScriptFiles {
  /** Largest script file read: the parser's character limit at four UTF-8 bytes each. */
  public static final long MAX_BYTES = 4L * ScriptParser.MAX_CHARS;

  private ScriptFiles() {}

  /**
   * Reads and decodes a script file.
   *
   * @param name the file's name in messages and diagnostics
   * @throws MosaicException E4002 missing, E0012 not a regular file, E1003 too large, E1005 not
   *     UTF-8, E0002 unreadable
   */
  public static String read(Path file, String name) {
    return decode(name, InputFiles.read(file, MAX_BYTES, SyntaxError.TOO_LARGE, quoted(name)));
  }

  /** Decodes script bytes; see {@link #read}. */
  public static String decode(String name, byte[] bytes) {
    int start =
        bytes.length >= 3
                && (bytes[0] & 0xff) == 0xef
                && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf
            ? 3
            : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length - start);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int bad = in.position();
      out.flip();
      int line = 1;
      int column = 1;
      for (int i = 0; i < out.length(); i++) {
        char c = out.charAt(i);
        if (c == '\n') {
          line++;
          column = 1;
        } else if (!Character.isLowSurrogate(c)) {
          column++;
        }
      }
      throw new MosaicException(
          new Diagnostic(
              SyntaxError.TOO_MANY,
              quoted(name)
                  + " is not UTF-8 text: byte "
                  + String.format("0x%02x", bytes[bad] & 0xff)
                  + " at offset "
                  + bad
                  + " is not valid UTF-8",
              new SourceLocation(name, line, column, 1),
              "a script is UTF-8 text; check that the file is a Mosaic script, not a binary file"));
    }
    out.flip();
    return out.toString();
  }

  private static String quoted(String name) {
    return "script `" + name + "`";
  }
}
