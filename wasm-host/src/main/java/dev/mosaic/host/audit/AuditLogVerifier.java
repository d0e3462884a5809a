package dev.mosaic.host.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks an audit log, as {@code mosaic audit verify} does (docs/audit.md).
 *
 * <p>Without a key: every line must be an audit line whose {@code seq} is its line number and whose
 * {@code prev_hash} is the hash of the line before (the genesis hash for the first). An edited,
 * removed, inserted or reordered line breaks the chain at the first line after the change ({@link
 * AuditCodes#CHAIN_BROKEN}); a log re-hashed after an edit, a forged line appended with the right
 * hash, or a cut-off end still pass.
 *
 * <p>With the sealing key ({@link #verify(Path, String, SealKeys, Path)}): each seal's MAC must be
 * made with its epoch's key over the chain so far, epochs must follow one another from 0, and the
 * writer's seal state must be the one that follows the log's last seal. Re-hashed or forged sealed
 * lines, missing epochs and a cut at or between seals are reported, each with its own code; lines
 * after the last seal are reported as unsealed, never as verified.
 */
public final class AuditLogVerifier {
  /** Evolving a key this many steps takes about a second; a log claiming more is refused. */
  private static final long MAX_EPOCH = 10_000_000;

  private static final int MAX_LINE = 16 << 20;

  private AuditLogVerifier() {}

  /**
   * Checks the hash chain only.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Result verify(Path file) {
    return verify(file, "", null, null);
  }

  /**
   * Checks the hash chain and, when {@code keys} is given, the seals and the seal state.
   *
   * @param tenant the tenant whose first epoch key sealed the log
   * @param keys the sealing keys, or {@code null} to check the chain only
   * @param stateFile the writer's seal state ({@code <log>.seal}); {@code null} when it is not
   *     available, which is reported ({@link AuditCodes#NO_SEAL_STATE}) since without it a cut at a
   *     seal boundary cannot be seen
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Result verify(Path file, String tenant, SealKeys keys, Path stateFile) {
    Walk walk = new Walk(tenant, keys);
    try (InputStream in = Files.newInputStream(file)) {
      walk.run(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read audit log " + file, e);
    }
    try {
      if (walk.failure == null && keys != null) {
        walk.checkState(stateFile == null ? null : SealState.read(stateFile));
      }
    } catch (IllegalArgumentException e) {
      walk.fail(AuditCodes.SEAL_INVALID, walk.lines, e.getMessage());
    } finally {
      walk.erase();
    }
    return walk.result();
  }

  /** The default seal state file of a log. */
  public static Path stateFileOf(Path log) {
    return SealState.fileOf(log);
  }

  /** One walk over a log. */
  private static final class Walk {
    final String tenant;
    final SealKeys keys;
    final MessageDigest sha;
    final List<SealedRange> seals = new ArrayList<>();
    byte[] key;
    byte[] previousKey;
    long epoch;
    long lastSealSeq;
    boolean lastLineIsSeal;
    boolean numbered;
    long lines;
    final byte[] expectedBytes = AuditChain.GENESIS.getBytes(StandardCharsets.US_ASCII);
    String failureCode;
    String failure;
    long badLine;

    Walk(String tenant, SealKeys keys) {
      this.tenant = tenant;
      this.keys = keys;
      try {
        this.sha = MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      if (keys != null) {
        this.key = keys.initialKey(tenant);
      }
    }

    void run(InputStream in) throws IOException {
      byte[] buf = new byte[1 << 20];
      int start = 0;
      int end = 0;
      String[] problem = new String[1];
      while (true) {
        int nl = -1;
        for (int i = start; i < end; i++) {
          if (buf[i] == '\n') {
            nl = i;
            break;
          }
        }
        if (nl < 0) {
          if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
          }
          if (end == buf.length) {
            if (buf.length >= MAX_LINE) {
              fail(
                  AuditCodes.CHAIN_BROKEN, lines + 1, "line is longer than " + MAX_LINE + " bytes");
              return;
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
          }
          int n = in.read(buf, end, buf.length - end);
          if (n < 0) {
            if (end > start) {
              line(buf, start, end - start, problem);
            }
            return;
          }
          end += n;
          continue;
        }
        if (!line(buf, start, nl - start, problem)) {
          return;
        }
        start = nl + 1;
      }
    }

    private boolean line(byte[] buf, int off, int len, String[] problem) {
      long number = lines + 1;
      boolean seal;
      long seq = FastLine.seq(buf, off, len);
      if (seq > 0 && !FastLine.mayBeSeal(buf, off, len)) {
        // The shape every writer produces: check the chain fields without parsing the rest.
        // A line of another shape, or one that may be a seal, is parsed in full below.
        if (!FastLine.prevHashIs(buf, off, len, expectedBytes)) {
          return chainMismatch(number);
        }
        if (seq != number) {
          return seqMismatch(number, seq);
        }
        numbered = true;
        seal = false;
      } else {
        AuditLine line = AuditLine.parse(buf, off, len, problem);
        if (line == null) {
          return fail(AuditCodes.CHAIN_BROKEN, number, problem[0]);
        }
        if (!line.prevHash().equals(expected())) {
          return chainMismatch(number);
        }
        if (line.seq() == 0) {
          // A line from before `seq` existed: only a log's first lines may lack it.
          if (numbered) {
            return fail(
                AuditCodes.CHAIN_BROKEN, number, "line has no `seq` after lines that have one");
          }
        } else if (line.seq() != number) {
          return seqMismatch(number, line.seq());
        } else {
          numbered = true;
        }
        seal = line.isSeal();
        if (seal && keys != null && !seal(line, number)) {
          return false;
        }
      }
      lastLineIsSeal = seal;
      sha.update(buf, off, len);
      FastLine.hex(sha.digest(), expectedBytes);
      lines = number;
      return true;
    }

    private String expected() {
      return new String(expectedBytes, StandardCharsets.US_ASCII);
    }

    private boolean chainMismatch(long number) {
      return fail(
          AuditCodes.CHAIN_BROKEN,
          number,
          "`prev_hash` does not match the line before: a line was edited, removed, inserted or"
              + " reordered");
    }

    private boolean seqMismatch(long number, long seq) {
      return fail(
          AuditCodes.CHAIN_BROKEN,
          number,
          "`seq` is " + seq + ", not the line number: lines were removed or inserted");
    }

    private boolean seal(AuditLine line, long number) {
      long e = line.number("epoch");
      long first = line.number("first");
      String reason = line.details().get("reason");
      String mac = line.details().get("mac");
      if (e < 0 || first < 1 || reason == null || mac == null) {
        return fail(AuditCodes.SEAL_INVALID, number, "seal is malformed");
      }
      if (e != epoch) {
        return fail(
            AuditCodes.EPOCH_GAP,
            number,
            e > epoch
                ? "seal has epoch "
                    + e
                    + " where epoch "
                    + epoch
                    + " was due: the seals of epochs "
                    + epoch
                    + ".."
                    + (e - 1)
                    + " and the lines they sealed are missing"
                : "seal has epoch " + e + " where epoch " + epoch + " was due: an epoch repeats");
      }
      String want =
          AuditSeal.mac(
              key, line.tenantId(), e, first, number, line.timestamp(), line.prevHash(), reason);
      if (first != lastSealSeq + 1
          || !MessageDigest.isEqual(
              want.getBytes(StandardCharsets.US_ASCII), mac.getBytes(StandardCharsets.US_ASCII))) {
        return fail(
            AuditCodes.SEAL_INVALID,
            number,
            "seal of epoch "
                + e
                + " does not verify: lines "
                + (lastSealSeq + 1)
                + ".."
                + number
                + " were changed and re-hashed, the seal was forged, or the key is not this"
                + " log's");
      }
      seals.add(new SealedRange(first, number, e));
      if (previousKey != null) {
        Arrays.fill(previousKey, (byte) 0);
      }
      previousKey = key.clone();
      key = AuditSeal.evolve(key);
      epoch++;
      lastSealSeq = number;
      return true;
    }

    void checkState(SealState state) {
      if (state == null) {
        fail(
            AuditCodes.NO_SEAL_STATE,
            lines,
            "no seal state beside the log: a cut at a seal boundary cannot be ruled out");
        return;
      }
      try {
        if (state.epoch() == epoch - 1
            && lastLineIsSeal
            && MessageDigest.isEqual(state.key(), previousKey)) {
          // The writer stopped between writing its last seal and advancing its state.
          return;
        }
        if (state.epoch() < epoch || state.epoch() > MAX_EPOCH) {
          fail(
              AuditCodes.SEAL_INVALID,
              lines,
              "the seal state (epoch " + state.epoch() + ") does not follow the log's last seal");
          return;
        }
        byte[] k = key.clone();
        for (long e = epoch; e < state.epoch(); e++) {
          k = AuditSeal.evolve(k);
        }
        boolean genuine = MessageDigest.isEqual(k, state.key());
        Arrays.fill(k, (byte) 0);
        if (!genuine) {
          fail(
              AuditCodes.SEAL_INVALID,
              lines,
              "the seal state's key is not the one this log's key evolves to: the state was forged"
                  + " or belongs to another log");
        } else if (state.epoch() > epoch) {
          fail(
              AuditCodes.TRUNCATED,
              lines,
              "the log ends at line "
                  + lines
                  + (lastLineIsSeal || lines == 0
                      ? ", at a seal boundary,"
                      : ", between seals (after line " + lastSealSeq + "),")
                  + " but its writer sealed "
                  + (state.epoch() - epoch)
                  + " more epoch(s), the last at line "
                  + state.sealedSeq()
                  + ": the log was cut");
        } else if (state.sealedSeq() != lastSealSeq) {
          fail(
              AuditCodes.TRUNCATED,
              lines,
              "the seal state names line "
                  + state.sealedSeq()
                  + " as the last seal, the log line "
                  + lastSealSeq);
        }
      } finally {
        state.erase();
      }
    }

    boolean fail(String code, long line, String problem) {
      if (failure == null) {
        failureCode = code;
        failure = problem;
        badLine = line;
      }
      return false;
    }

    void erase() {
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
      if (previousKey != null) {
        Arrays.fill(previousKey, (byte) 0);
      }
    }

    Result result() {
      long unsealed = keys == null ? 0 : lines - lastSealSeq;
      return new Result(
          failure == null,
          failureCode,
          lines,
          failure == null ? 0 : badLine,
          failure,
          expected(),
          List.copyOf(seals),
          keys != null,
          unsealed);
    }
  }

  /**
   * Lines covered by one seal.
   *
   * @param first first line the seal covers
   * @param last the seal's own line
   * @param epoch the seal's epoch
   */
  public record SealedRange(long first, long last, long epoch) {}

  /**
   * Outcome of a verification.
   *
   * @param valid whether no tampering was found (an unsealed tail is counted in {@code unsealed})
   * @param code the {@link AuditCodes} code of the problem, {@code null} when valid
   * @param verifiedLines lines checked before the first problem (all lines when valid)
   * @param badLine 1-based number of the line the problem is at, 0 when valid
   * @param problem what is wrong, {@code null} when valid
   * @param lastHash hash of the last good line, the genesis hash for an empty log
   * @param seals the sealed ranges, in order (empty without a key)
   * @param sealsChecked whether a key was given
   * @param unsealed lines after the last seal (0 without a key)
   */
  public record Result(
      boolean valid,
      String code,
      long verifiedLines,
      long badLine,
      String problem,
      String lastHash,
      List<SealedRange> seals,
      boolean sealsChecked,
      long unsealed) {}
}
