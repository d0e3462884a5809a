package dev.mosaic.interpreter.host;

import java.util.Map;

/** A secret backend to open by scheme for one tenant, with its provider's settings. */
public record BackendConfig(String scheme, Map<String, String> config) {
  public BackendConfig {
    config = Map.copyOf(config);
  }
}
