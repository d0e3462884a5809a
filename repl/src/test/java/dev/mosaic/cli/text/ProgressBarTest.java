package dev.mosaic.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void redrawsInPlaceOnlyWhenThePercentageChangesAndClearsAtTheEnd() {
    StringWriter out = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(out), "adding", 8L << 20);
    bar.update(0);
    bar.update(1);
    bar.update(4L << 20);
    bar.update(8L << 20);
    bar.finish();
    String[] frames = out.toString().split("\r", -1);
    assertThat(frames[1]).isEqualTo("adding [..............................]   0% 0.0 MiB/8.0 MiB");
    assertThat(frames[2]).isEqualTo("adding [###############...............]  50% 4.0 MiB/8.0 MiB");
    assertThat(frames[3]).isEqualTo("adding [##############################] 100% 8.0 MiB/8.0 MiB");
    assertThat(frames[4]).isBlank().hasSize(frames[3].length());
    assertThat(frames).hasSize(6);
  }
}
