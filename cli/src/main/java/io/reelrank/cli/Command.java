package io.reelrank.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one main accepts: its own options, its operands, and the settings it passes on to a
 * configuration (declared ones, listed in the help, and {@link KeyPattern}s of keys it accepts as
 * they are). {@link #run} gives every main the same behaviour: {@code --help} prints {@link
 * #help()} and exits 0; a usage error prints one line naming the option and exits 2.
 *
 * <pre>{@code
 * static final Command COMMAND = Command.named("ReadTopicMain", "Prints a topic from its beginning.")
 *         .with(Option.text("topic", "NAME", "Topic to read.").asRequired());
 *
 * public static void main(String[] args) throws Exception {
 *     COMMAND.run(args, arguments -> read(arguments.text("topic")));
 * }
 * }</pre>
 */
public final class Command {
    /** A main's work once its command line has parsed; a {@link UsageException} from it is a usage error too. */
    @FunctionalInterface
    public interface Program {
        void run(Arguments arguments) throws Exception;
    }

    static final Option HELP = Option.flag("help", "Prints this help and exits.");

    private final String name;
    private final String summary;
    private final List<String> operands;
    private final List<Option> options;
    private final String settingsTitle;
    private final List<Option> settings;
    private final List<KeyPattern> keyPatterns;

    private Command(String name, String summary, List<String> operands, List<Option> options,
                    String settingsTitle, List<Option> settings, List<KeyPattern> keyPatterns) {
        this.name = name;
        this.summary = summary;
        this.operands = List.copyOf(operands);
        this.options = List.copyOf(options);
        this.settingsTitle = settingsTitle;
        this.settings = List.copyOf(settings);
        this.keyPatterns = List.copyOf(keyPatterns);
        Map<String, Option> byName = new LinkedHashMap<>();
        for (Option option : allOptions()) {
            if (byName.put(option.name(), option) != null) {
                throw new IllegalArgumentException(name + " declares --" + option.name() + " twice");
            }
        }
    }

    /** A command with no options yet; {@code name} is how messages and the help call it. */
    public static Command named(String name, String summary) {
        return new Command(name, summary, List.of(), List.of(), null, List.of(), List.of());
    }

    public Command with(Option... more) {
        List<Option> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return new Command(name, summary, operands, all, settingsTitle, settings, keyPatterns);
    }

    /** Operands the command requires, in order, as the help shows them (e.g. {@code MODEL_DIR}). */
    public Command withOperands(String... placeholders) {
        return new Command(name, summary, List.of(placeholders), options, settingsTitle, settings, keyPatterns);
    }

    /** Settings listed under {@code title} in the help; their given values go to {@link Arguments#settings()}. */
    public Command withSettings(String title, List<Option> declared) {
        return new Command(name, summary, operands, options, title, declared, keyPatterns);
    }

    /** Settings accepted without a declaration when their key matches. */
    public Command accepting(KeyPattern... patterns) {
        List<KeyPattern> all = new ArrayList<>(keyPatterns);
        all.addAll(List.of(patterns));
        return new Command(name, summary, operands, options, settingsTitle, settings, all);
    }

    public String name() {
        return name;
    }

    /** Parses {@code args}, or throws a {@link UsageException} saying what is wrong. */
    public Arguments parse(String... args) {
        return new Parser(this).parse(args);
    }

    /** The usage line, the summary, and every option with its argument, default and description. */
    public String help() {
        return new HelpText(this).render();
    }

    /** The one line printed for a usage error. */
    public String usageError(UsageException e) {
        return name + ": " + e.getMessage() + "; --help lists the options";
    }

    /** Parses {@code args} and runs {@code program}; --help and usage errors as the class describes. */
    public void run(String[] args, Program program) throws Exception {
        int status = execute(args, program, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** {@link #run} without the exit: the status it would exit with (0 after the help or a normal run, 2 on a usage error). */
    int execute(String[] args, Program program, PrintStream out, PrintStream err) throws Exception {
        try {
            Arguments arguments = parse(args);
            if (arguments.helpRequested()) {
                out.print(help());
            } else {
                program.run(arguments);
            }
            return 0;
        } catch (UsageException e) {
            err.println(usageError(e));
            return 2;
        }
    }

    String summary() {
        return summary;
    }

    List<String> operands() {
        return operands;
    }

    List<Option> options() {
        return options;
    }

    String settingsTitle() {
        return settingsTitle;
    }

    List<Option> settings() {
        return settings;
    }

    List<KeyPattern> keyPatterns() {
        return keyPatterns;
    }

    private List<Option> allOptions() {
        List<Option> all = new ArrayList<>(options);
        all.add(HELP);
        all.addAll(settings);
        return all;
    }
}
