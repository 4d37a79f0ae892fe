package io.reelrank.job;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.KeyPattern;
import io.reelrank.cli.Option;
import io.reelrank.cli.UsageException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.TextElement;

/**
 * The command line of every main that runs the topology: the main's own options, then every
 * {@link ReelRankOptions} key (its --help lists each with default and description), {@code
 * kafka.*} client properties and any other Flink configuration key, all passed on as {@code
 * --key value} settings of the job's configuration.
 */
public final class JobCommand {
    private static final String SETTINGS_TITLE = "ReelRank options (also read from config.yaml and -D):";

    private static final KeyPattern KAFKA_CLIENT = new KeyPattern(ReelRankOptions.KAFKA_CLIENT_PREFIX + "<property>",
            "A Kafka client property (e.g. kafka.security.protocol), passed without the prefix to every Kafka "
                    + "source and sink.", key -> key.startsWith(ReelRankOptions.KAFKA_CLIENT_PREFIX));
    private static final KeyPattern FLINK_KEY = new KeyPattern("<flink configuration key>",
            "Any Flink configuration key, e.g. execution.checkpointing.interval or parallelism.default.",
            key -> key.contains(".") && !key.startsWith("reelrank."));

    private JobCommand() {}

    /** A command that takes every ReelRank option, Kafka client property and Flink key. */
    public static Command named(String name, String summary) {
        return Command.named(name, summary)
                .withSettings(SETTINGS_TITLE, reelRankOptions(key -> true))
                .accepting(KAFKA_CLIENT, FLINK_KEY);
    }

    /** A command that takes only the given ReelRank options. */
    public static Command namedWithOptions(String name, String summary, ConfigOption<?>... options) {
        Set<String> keys = Arrays.stream(options).map(ConfigOption::key).collect(Collectors.toSet());
        return Command.named(name, summary).withSettings(SETTINGS_TITLE, reelRankOptions(keys::contains));
    }

    /** The settings given, as a configuration; a ReelRank option's value that does not parse is a usage error. */
    public static Configuration settings(Arguments arguments) {
        Configuration config = Configuration.fromMap(arguments.settings());
        for (ConfigOption<?> option : OptionsTable.options()) {
            try {
                config.getOptional(option);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--" + option.key() + " is '" + config.getString(option.key(), "")
                        + "', not a valid " + argument(option));
            }
        }
        return config;
    }

    /** The embedded local Flink's configuration ({@link LocalRuntime}) with the settings given on top. */
    public static Configuration localConfiguration(Arguments arguments, String name) {
        Configuration config = LocalRuntime.configuration(Map.of(), name);
        config.addAll(settings(arguments));
        return config;
    }

    private static List<Option> reelRankOptions(Predicate<String> keys) {
        return OptionsTable.options().stream()
                .filter(option -> keys.test(option.key()))
                .map(JobCommand::toCommandOption)
                .toList();
    }

    private static Option toCommandOption(ConfigOption<?> option) {
        Option text = Option.text(option.key(), argument(option), description(option));
        return option.hasDefaultValue() ? text.withDefault(OptionsTable.render(option.defaultValue())) : text;
    }

    private static String argument(ConfigOption<?> option) {
        Object value = option.hasDefaultValue() ? option.defaultValue() : null;
        if (value instanceof Enum<?> constant) {
            return Arrays.stream(constant.getDeclaringClass().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining("|"));
        }
        if (value instanceof Boolean) {
            return "true|false";
        }
        if (value instanceof Duration) {
            return "DURATION";
        }
        if (value instanceof Integer || value instanceof Long) {
            return "N";
        }
        if (value instanceof Double) {
            return "NUMBER";
        }
        return value instanceof List ? "VALUE;VALUE..." : "VALUE";
    }

    private static String description(ConfigOption<?> option) {
        return option.description().getBlocks().stream()
                .map(block -> block instanceof TextElement text ? text.getFormat() : block.toString())
                .collect(Collectors.joining(" "));
    }
}
