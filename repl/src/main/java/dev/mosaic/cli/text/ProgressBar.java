package dev.mosaic.cli.text;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place with carriage returns, for terminals only. Redraws only
 * when the shown percentage changes; {@link #finish()} clears the line.
 */
public final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final String label;
  private final long total;
  private int shown = -1;
  private int drawnLength;

  public ProgressBar(PrintWriter out, String label, long total) {
    this.out = out;
    this.label = label;
    this.total = Math.max(1, total);
  }

  /** Shows {@code done} of the total. */
  public void update(long done) {
    int percent = (int) Math.min(100, done * 100 / total);
    if (percent == shown) {
      return;
    }
    shown = percent;
    int filled = percent * WIDTH / 100;
    String line =
        String.format(
            Locale.ROOT,
            "%s [%s%s] %3d%% %s/%s",
            label,
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            percent,
            mib(done),
            mib(total));
    out.print("\r" + line);
    out.flush();
    drawnLength = line.length();
  }

  /** Removes the bar from the line. */
  public void finish() {
    if (drawnLength > 0) {
      out.print("\r" + " ".repeat(drawnLength) + "\r");
      out.flush();
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
  }
}
