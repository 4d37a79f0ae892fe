package io.reelrank.cli;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed command line: the command's own options (typed, defaults applied), its operands, and
 * the settings given ({@code --key value} pairs meant for a configuration). Every value was
 * checked against its option when parsed, so the typed getters only fail on a programming error
 * (a name the command does not declare).
 */
public final class Arguments {
    private final Map<String, Option> declared;
    private final Map<String, String> given;
    private final List<String> operands;
    private final Map<String, String> settings;
    private final boolean helpRequested;

    Arguments(Map<String, Option> declared, Map<String, String> given, List<String> operands,
              Map<String, String> settings, boolean helpRequested) {
        this.declared = declared;
        this.given = given;
        this.operands = List.copyOf(operands);
        this.settings = Collections.unmodifiableMap(settings);
        this.helpRequested = helpRequested;
    }

    public boolean helpRequested() {
        return helpRequested;
    }

    /** Whether the option was given on the command line (not just defaulted). */
    public boolean has(String name) {
        option(name);
        return given.containsKey(name);
    }

    /** The given value, else the default, else empty. */
    public Optional<String> optional(String name) {
        return Optional.ofNullable(given.getOrDefault(name, option(name).defaultValue()));
    }

    /** The given value, else the default; for options that have one or are required. */
    public String text(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException(
                "--" + name + " has no value and no default; read it with optional()"));
    }

    public int integer(String name) {
        return Integer.parseInt(text(name));
    }

    public long longInteger(String name) {
        return Long.parseLong(text(name));
    }

    public double decimal(String name) {
        return Double.parseDouble(text(name));
    }

    public boolean flag(String name) {
        if (option(name).type() != Option.Type.FLAG) {
            throw new IllegalArgumentException("--" + name + " takes a value; read it with text() or optional()");
        }
        return given.containsKey(name);
    }

    /** The operands, the arguments that are not options, in order. */
    public List<String> operands() {
        return operands;
    }

    /** The settings given, declared or matching a {@link KeyPattern}, in the order given (the last of a key wins). */
    public Map<String, String> settings() {
        return settings;
    }

    private Option option(String name) {
        Option option = declared.get(name);
        if (option == null) {
            throw new IllegalArgumentException("the command declares no option --" + name);
        }
        return option;
    }
}
