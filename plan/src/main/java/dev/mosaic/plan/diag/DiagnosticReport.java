package dev.mosaic.plan.diag;

import dev.mosaic.plan.MosaicException;
import java.util.ArrayList;
import java.util.List;

/** Collects one phase's diagnostics up to a cap and counts the rest. */
public final class DiagnosticReport {
  private final int cap;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private int dropped;

  public DiagnosticReport(int cap) {
    this.cap = cap;
  }

  public void add(String code, String message) {
    add(Diagnostic.of(code, message));
  }

  public void add(Diagnostic d) {
    if (diagnostics.size() < cap) {
      diagnostics.add(d);
    } else {
      dropped++;
    }
  }

  /** Throws every collected diagnostic; the last one says how many were left out. */
  public void throwIfAny() {
    if (diagnostics.isEmpty()) {
      return;
    }
    List<Diagnostic> out = new ArrayList<>(diagnostics);
    if (dropped > 0) {
      Diagnostic last = out.getLast();
      String more = "and " + dropped + " more errors not shown";
      out.set(
          out.size() - 1, last.withHelp(last.help() == null ? more : last.help() + "; " + more));
    }
    throw new MosaicException(out);
  }
}
