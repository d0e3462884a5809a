package dev.mosaic.host;

import dev.mosaic.host.http.PinnedHttp;
import dev.mosaic.host.internal.Watchdog;
import java.util.function.Consumer;

/** What every composition of a host shares. */
record HostServices(
    Consumer<String> guestLog,
    KeyValueStore kv,
    PinnedHttp http,
    HostLimits limits,
    Watchdog watchdog) {}
