package dev.mosaic.interpreter.diag;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * "Did you mean" suggestions by edit distance, with bounded work: names longer than {@link
 * #MAX_NAME} characters get no suggestion, at most {@link #MAX_CANDIDATES} candidates are compared,
 * and the distance is computed only in a band of {@link #MAX_EDITS} around the diagonal, stopping
 * as soon as it exceeds what would be suggested. One suggestion costs at most about {@code
 * MAX_CANDIDATES * MAX_NAME * (2 * MAX_EDITS + 1)} steps, whatever the script holds; all the
 * suggestions of one compilation ({@link #budgeted}) share {@link #MAX_STEPS} steps, after which no
 * more are made, so a script with tens of thousands of misspelt names compiles as fast as one with
 * a few.
 */
public final class Suggest {
  /** Steps (cells of the distance table) all suggestions of one compilation may take. */
  static final long MAX_STEPS = 20_000_000;

  private static final ThreadLocal<long[]> BUDGET = new ThreadLocal<>();

  /** Longest name a suggestion is looked for, and longest candidate considered. */
  static final int MAX_NAME = 64;

  /** Most candidates compared for one suggestion. */
  static final int MAX_CANDIDATES = 1_000;

  /** Most edits a suggestion may be away from the name. */
  static final int MAX_EDITS = 8;

  private Suggest() {}

  /** Runs {@code work} (a compilation) with a fresh budget of {@link #MAX_STEPS} steps. */
  public static <T> T budgeted(Supplier<T> work) {
    long[] outer = BUDGET.get();
    BUDGET.set(new long[] {MAX_STEPS});
    try {
      return work.get();
    } finally {
      if (outer == null) {
        BUDGET.remove();
      } else {
        BUDGET.set(outer);
      }
    }
  }

  static Optional<String> closest(String name, Collection<String> candidates) {
    if (name.isEmpty() || name.length() > MAX_NAME) {
      return Optional.empty();
    }
    long[] budget = BUDGET.get();
    int allowed = Math.min(MAX_EDITS, Math.max(1, name.length() / 3));
    String best = null;
    int bestDistance = allowed + 1;
    int compared = 0;
    for (String c : candidates) {
      if (compared++ >= MAX_CANDIDATES) {
        break;
      }
      if (c.length() > MAX_NAME || Math.abs(c.length() - name.length()) >= bestDistance) {
        continue;
      }
      if (budget != null) {
        budget[0] -= (long) name.length() * (2L * bestDistance - 1);
        if (budget[0] < 0) {
          return Optional.empty();
        }
      }
      int d = distance(name, c, bestDistance - 1);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  public static String help(String name, Collection<String> candidates) {
    return closest(name, candidates).map(s -> "did you mean `" + s + "`?").orElse(null);
  }

  /** Edit distance where swapping two neighbours counts as one edit (`piont` to `point`). */
  public static int distance(String a, String b) {
    return distance(a, b, Math.max(a.length(), b.length()));
  }

  /**
   * The edit distance when it is at most {@code limit}, else {@code limit + 1}. Only cells within
   * {@code limit} of the diagonal can hold such a distance, so only those are computed, and the
   * computation stops at the first row whose cells all exceed the limit.
   */
  public static int distance(String a, String b, int limit) {
    if (limit < 0) {
      return 0;
    }
    int over = limit + 1;
    if (Math.abs(a.length() - b.length()) > limit) {
      return over;
    }
    int n = b.length();
    int[] before = new int[n + 1];
    int[] prev = new int[n + 1];
    int[] cur = new int[n + 1];
    for (int j = 0; j <= n; j++) {
      prev[j] = Math.min(j, over);
    }
    for (int i = 1; i <= a.length(); i++) {
      int from = Math.max(1, i - limit);
      int to = Math.min(n, i + limit);
      cur[0] = Math.min(i, over);
      if (from > 1) {
        cur[from - 1] = over;
      }
      int rowMin = cur[0] <= limit && from == 1 ? cur[0] : over;
      for (int j = from; j <= to; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int up = j <= i - 1 + limit ? prev[j] : over;
        int v = Math.min(Math.min(cur[j - 1] + 1, up + 1), prev[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, before[j - 2] + 1);
        }
        cur[j] = Math.min(v, over);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (to < n) {
        cur[to + 1] = over;
      }
      if (rowMin > limit) {
        return over;
      }
      int[] t = before;
      before = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[n], over);
  }
}
