package dev.mosaic.host.capability;

/** A token bucket: {@code capacity} tokens, refilled at {@code perSecond}. Thread-safe. */
public final class TokenBucket {
  private final double capacity;
  private final double perNano;
  private double tokens;
  private long last;

  public TokenBucket(int capacity, double perSecond) {
    this.capacity = capacity;
    this.perNano = perSecond / 1e9;
    this.tokens = capacity;
    this.last = System.nanoTime();
  }

  /** Takes one token if there is one. */
  public synchronized boolean tryTake() {
    return tryTake(1);
  }

  /** Takes {@code n} tokens if there are that many. */
  public synchronized boolean tryTake(double n) {
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
    if (tokens >= n) {
      tokens -= n;
      return true;
    }
    return false;
  }
}
