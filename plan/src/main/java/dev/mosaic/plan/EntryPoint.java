package dev.mosaic.plan;

/**
 * An exported function that callers of the plan may invoke.
 *
 * @param component component id
 * @param function export name
 */
public record EntryPoint(String component, String function) {}
