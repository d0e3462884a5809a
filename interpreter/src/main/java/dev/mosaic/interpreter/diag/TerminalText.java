package dev.mosaic.interpreter.diag;

/**
 * Text from a script as a terminal may safely show it, and how wide it shows.
 *
 * <p>Control characters are written as visible escapes (<code>&#92;u{1b}</code> for ESC), so a
 * comment cannot clear the screen, retitle the terminal or reorder what is printed: C0 controls
 * (NUL, ESC, ...) but tab, DEL, C1 controls (which include the 8-bit CSI), the bidirectional
 * controls of the Trojan Source attack, and the Unicode line and paragraph separators.
 *
 * <p>Widths are terminal columns, from the JDK's Unicode data: CJK ideographs, kana, Hangul,
 * fullwidth forms and emoji shown as emoji take two; combining marks, format characters and
 * variation selectors take none; a tab is {@link #TAB} spaces.
 */
final class TerminalText {
  /** Spaces a tab is shown as. */
  static final int TAB = 4;

  private TerminalText() {}

  /** {@code text} with every control character escaped; tabs too, since a message is one line. */
  static String visible(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> out.append(cp == '\t' ? "\\t" : shown(cp)));
    return out.toString();
  }

  /** How one code point of a source line is shown: itself, spaces for a tab, or an escape. */
  static String shown(int cp) {
    if (cp == '\t') {
      return " ".repeat(TAB);
    }
    if (isControl(cp)) {
      return "\\u{" + Integer.toHexString(cp) + "}";
    }
    return Character.toString(cp);
  }

  /** Columns {@link #shown} takes on a terminal. */
  static int width(int cp) {
    if (cp == '\t') {
      return TAB;
    }
    if (isControl(cp)) {
      return shown(cp).length();
    }
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || (type == Character.FORMAT && cp != 0xAD)
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || (cp >= 0xE0100 && cp <= 0xE01EF)) {
      return 0;
    }
    return isWide(cp) ? 2 : 1;
  }

  static boolean isControl(int cp) {
    return (cp < 0x20 && cp != '\t')
        || (cp >= 0x7F && cp <= 0x9F)
        || cp == 0x061C
        || cp == 0x200E
        || cp == 0x200F
        || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x2028
        || cp == 0x2029;
  }

  private static boolean isWide(int cp) {
    if (cp < 0x1100) {
      return false;
    }
    if (Character.isEmojiPresentation(cp)) {
      return true;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    if (script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.BOPOMOFO
        || script == Character.UnicodeScript.YI) {
      // Halfwidth katakana (U+FF61-U+FF9F) are the narrow exception.
      return cp < 0xFF61 || cp > 0xFF9F;
    }
    if (script == Character.UnicodeScript.HANGUL) {
      // Syllables and leading jamo are wide; vowel and trailing jamo combine.
      return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x115F);
    }
    Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
    return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
        || block == Character.UnicodeBlock.CJK_COMPATIBILITY
        || block == Character.UnicodeBlock.CJK_COMPATIBILITY_FORMS
        || block == Character.UnicodeBlock.ENCLOSED_CJK_LETTERS_AND_MONTHS
        || block == Character.UnicodeBlock.VERTICAL_FORMS
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6);
  }
}
