package io.reelrank.cli;

import java.util.function.Predicate;

/**
 * Settings a command accepts without declaring each one, such as {@code --kafka.<property>}
 * client properties or Flink's own configuration keys: their values go to {@link
 * Arguments#settings()} as they are.
 *
 * @param placeholder how --help shows them, e.g. {@code kafka.<property>}
 */
public record KeyPattern(String placeholder, String description, Predicate<String> matches) {}
