package dev.mosaic.hsm.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.plan.MosaicException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Feeds a checker damaged copies of a valid input (flipped bits, truncations, inserted and random
 * bytes) and asserts that it only ever fails with a coded {@link MosaicException}: no parser
 * exception, no stack trace for a user.
 */
public final class Mutations {
  private Mutations() {}

  /** Runs {@code rounds} mutations with a fixed seed; returns how many were rejected. */
  public static int assertOnlyCodedErrors(
      byte[] valid, int rounds, String codePrefix, Consumer<byte[]> check) {
    Random random = new Random(0x5eed);
    int rejected = 0;
    for (int i = 0; i < rounds; i++) {
      byte[] input = mutate(valid, random);
      try {
        check.accept(input);
      } catch (MosaicException e) {
        assertThat(e.code()).as("round %d", i).startsWith(codePrefix);
        rejected++;
      } catch (RuntimeException e) {
        throw new AssertionError(
            "round " + i + " threw " + e + " for input " + Arrays.toString(input), e);
      }
    }
    return rejected;
  }

  private static byte[] mutate(byte[] valid, Random random) {
    byte[] b = valid.clone();
    return switch (random.nextInt(5)) {
      case 0 -> {
        int flips = 1 + random.nextInt(4);
        for (int j = 0; j < flips && b.length > 0; j++) {
          b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        yield b;
      }
      case 1 -> Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length));
      case 2 -> {
        int at = b.length == 0 ? 0 : random.nextInt(b.length);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = (byte) random.nextInt(256);
        System.arraycopy(b, at, out, at + 1, b.length - at);
        yield out;
      }
      case 3 -> {
        int at = b.length == 0 ? 0 : random.nextInt(b.length);
        b[at] = (byte) (random.nextBoolean() ? 0xff : 0x80);
        yield b;
      }
      default -> {
        byte[] noise = new byte[random.nextInt(2 * b.length + 2)];
        random.nextBytes(noise);
        yield noise;
      }
    };
  }
}
