package io.reelrank.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code --name value} arguments against one {@link Command}. */
final class Parser {
    private final Command command;
    private final Map<String, Option> own = new LinkedHashMap<>();
    private final Map<String, Option> settings = new LinkedHashMap<>();

    Parser(Command command) {
        this.command = command;
        command.options().forEach(option -> own.put(option.name(), option));
        own.put(Command.HELP.name(), Command.HELP);
        command.settings().forEach(option -> settings.put(option.name(), option));
    }

    Arguments parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, String> settingValues = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            return new Arguments(own, given, operands, settingValues, true);
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                if (operands.size() == command.operands().size()) {
                    throw new UsageException("unexpected argument '" + arg + "'; options look like --name value");
                }
                operands.add(arg);
                continue;
            }
            String name = arg.substring(2);
            Option option = own.containsKey(name) ? own.get(name) : settings.get(name);
            if (option == null && !matchesPattern(name)) {
                throw new UsageException("unknown option " + arg);
            }
            if (option != null && option.type() == Option.Type.FLAG) {
                given.put(name, "true");
                continue;
            }
            if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                throw new UsageException(arg + " needs a value" + (option == null ? "" : " (" + option.argument() + ")"));
            }
            String value = args[++i];
            String problem = option == null ? null : option.problemWith(value);
            if (problem != null) {
                throw new UsageException(problem);
            }
            (own.containsKey(name) ? given : settingValues).put(name, value);
        }
        if (operands.size() < command.operands().size()) {
            throw new UsageException("missing " + command.operands().get(operands.size()));
        }
        for (Option option : command.options()) {
            if (option.required() && !given.containsKey(option.name())) {
                throw new UsageException("--" + option.name() + " " + option.argument() + " is required");
            }
        }
        return new Arguments(own, given, operands, settingValues, false);
    }

    private boolean matchesPattern(String key) {
        return command.keyPatterns().stream().anyMatch(pattern -> pattern.matches().test(key));
    }
}
