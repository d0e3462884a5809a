package dev.mosaic.host;

import dev.mosaic.plan.ValidatedPlan;
import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.graalvm.polyglot.Engine;

/**
 * Runs validated plans on GraalWasm. One host holds one shared engine, so compiled code is reused
 * across compositions; close it to release the engine. Thread-safe.
 */
public final class WasmHost implements AutoCloseable {
  private final Engine engine;
  private final Consumer<String> guestLog;
  private final ScheduledExecutorService watchdog;

  private WasmHost(Builder builder) {
    this.engine =
        Engine.newBuilder("wasm")
            .option("engine.WarnInterpreterOnly", "true")
            .out(builder.out)
            .err(builder.err)
            .build();
    this.guestLog = builder.guestLog;
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mosaic-watchdog");
              t.setDaemon(true);
              return t;
            });
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Instantiates and links every component of a plan. */
  public Composition instantiate(ValidatedPlan plan) {
    return new Composition(engine, plan, guestLog, watchdog);
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    engine.close();
  }

  /** Configures a {@link WasmHost}. */
  public static final class Builder {
    private Consumer<String> guestLog = line -> System.out.println(line);
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    private Builder() {}

    /** Where lines written through the {@code log} capability go, prefixed with the component. */
    public Builder guestLog(Consumer<String> sink) {
      this.guestLog = Objects.requireNonNull(sink);
      return this;
    }

    /** Streams for the engine's own output. */
    public Builder engineStreams(PrintStream out, PrintStream err) {
      this.out = Objects.requireNonNull(out);
      this.err = Objects.requireNonNull(err);
      return this;
    }

    public WasmHost build() {
      return new WasmHost(this);
    }
  }
}
