package io.reelrank.job;

import io.reelrank.cli.Command;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;

/**
 * Renders {@link ReelRankOptions} as the Markdown table in the README. Run it to regenerate
 * the table; {@code OptionsTableTest} fails when the README and the class disagree.
 */
public final class OptionsTable {
    private OptionsTable() {}

    public static void main(String[] args) throws Exception {
        Command.named("OptionsTable", "Prints ReelRankOptions as the Markdown table of the README.")
                .run(args, arguments -> System.out.print(markdown()));
    }

    public static String markdown() {
        StringBuilder table = new StringBuilder("| option | default | description |\n| --- | --- | --- |\n");
        for (ConfigOption<?> option : options()) {
            String defaultValue = option.hasDefaultValue() ? "`" + render(option.defaultValue()) + "`" : "(none)";
            String description = new HtmlFormatter().format(option.description()).replace("|", "\\|");
            table.append("| `").append(option.key()).append("` | ").append(defaultValue).append(" | ")
                    .append(description).append(" |\n");
        }
        return table.toString();
    }

    static List<ConfigOption<?>> options() {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field field : ReelRankOptions.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                try {
                    options.add((ConfigOption<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return options;
    }

    /** A default value as the README and --help show it. */
    static String render(Object value) {
        if (value instanceof java.time.Duration d) {
            return org.apache.flink.util.TimeUtils.formatWithHighestUnit(d);
        }
        return String.valueOf(value);
    }
}
