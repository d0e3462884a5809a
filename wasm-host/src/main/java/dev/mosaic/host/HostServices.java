package dev.mosaic.host;

import java.util.function.Consumer;

/** What every composition of a host shares. */
record HostServices(
    Consumer<String> guestLog,
    KeyValueStore kv,
    PinnedHttp http,
    HostLimits limits,
    Watchdog watchdog) {}
