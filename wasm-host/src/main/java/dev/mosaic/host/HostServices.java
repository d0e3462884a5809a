package dev.mosaic.host;

import java.net.http.HttpClient;
import java.util.function.Consumer;

/** What every composition of a host shares. */
record HostServices(
    Consumer<String> guestLog,
    KeyValueStore kv,
    HttpClient http,
    HostLimits limits,
    Watchdog watchdog) {}
