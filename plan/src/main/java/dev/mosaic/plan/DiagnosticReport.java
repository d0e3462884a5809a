package dev.mosaic.plan;

import java.util.ArrayList;
import java.util.List;

/** Collects one phase's diagnostics up to a cap and counts the rest. */
final class DiagnosticReport {
  private final int cap;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private int dropped;

  DiagnosticReport(int cap) {
    this.cap = cap;
  }

  void add(String code, String message) {
    add(Diagnostic.of(code, message));
  }

  void add(Diagnostic d) {
    if (diagnostics.size() < cap) {
      diagnostics.add(d);
    } else {
      dropped++;
    }
  }

  /** Throws every collected diagnostic; the last one says how many were left out. */
  void throwIfAny() {
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
