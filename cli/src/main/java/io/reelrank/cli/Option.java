package io.reelrank.cli;

import java.util.List;
import java.util.Objects;

/**
 * One {@code --name value} option, or a {@code --name} flag: the placeholder of its value, the
 * type the value must parse as, its default and its description, as {@code --help} lists them.
 *
 * @param argument the value's placeholder in the help ({@code FILE}, {@code N}); null for a flag
 * @param defaultValue the value when the option is not given, as text; null for none
 * @param choices the only values allowed; empty for any value of the type
 */
public record Option(String name, String argument, Type type, String defaultValue, boolean required,
                     List<String> choices, String description) {

    /** What a value must parse as; checked when the command line is read, so getters cannot fail. */
    public enum Type { FLAG, TEXT, INTEGER, LONG, DECIMAL }

    public Option {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank() || name.startsWith("-")) {
            throw new IllegalArgumentException("option names are given without dashes, not '" + name + "'");
        }
        if ((type == Type.FLAG) != (argument == null)) {
            throw new IllegalArgumentException("--" + name + ": a flag has no argument, every other option has one");
        }
        choices = List.copyOf(choices);
        description = Objects.requireNonNullElse(description, "");
    }

    public static Option flag(String name, String description) {
        return new Option(name, null, Type.FLAG, null, false, List.of(), description);
    }

    public static Option text(String name, String argument, String description) {
        return new Option(name, argument, Type.TEXT, null, false, List.of(), description);
    }

    public static Option integer(String name, String argument, String description) {
        return new Option(name, argument, Type.INTEGER, null, false, List.of(), description);
    }

    public static Option longInteger(String name, String argument, String description) {
        return new Option(name, argument, Type.LONG, null, false, List.of(), description);
    }

    public static Option decimal(String name, String argument, String description) {
        return new Option(name, argument, Type.DECIMAL, null, false, List.of(), description);
    }

    public Option withDefault(Object value) {
        String text = String.valueOf(value);
        if (problemWith(text) != null) {
            throw new IllegalArgumentException("default of --" + name + ": " + problemWith(text));
        }
        return new Option(name, argument, type, text, required, choices, description);
    }

    public Option withChoices(String... allowed) {
        return new Option(name, argument, type, defaultValue, required, List.of(allowed), description);
    }

    public Option asRequired() {
        return new Option(name, argument, type, defaultValue, true, choices, description);
    }

    /** Why {@code value} is not a value of this option, or null when it is. */
    String problemWith(String value) {
        if (!choices.isEmpty() && !choices.contains(value)) {
            return "--" + name + " is '" + value + "'; use one of " + String.join(", ", choices);
        }
        try {
            switch (type) {
                case INTEGER -> Integer.parseInt(value);
                case LONG -> Long.parseLong(value);
                case DECIMAL -> Double.parseDouble(value);
                default -> { }
            }
            return null;
        } catch (NumberFormatException e) {
            String expected = type == Type.DECIMAL ? "a number" : "a whole number";
            return "--" + name + " needs " + expected + ", not '" + value + "'";
        }
    }
}
