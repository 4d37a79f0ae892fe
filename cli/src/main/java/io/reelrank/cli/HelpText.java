package io.reelrank.cli;

import java.util.List;

/** Renders a {@link Command}'s --help: usage line, summary, then each option under its group. */
final class HelpText {
    private static final int WIDTH = 100;
    private static final String INDENT = "      ";

    private final Command command;
    private final StringBuilder text = new StringBuilder();

    HelpText(Command command) {
        this.command = command;
    }

    String render() {
        text.append("usage: ").append(command.name());
        command.operands().forEach(operand -> text.append(' ').append(operand));
        for (Option option : command.options()) {
            if (option.required()) {
                text.append(" --").append(option.name()).append(' ').append(option.argument());
            }
        }
        text.append(" [options]\n\n");
        wrap(command.summary(), "");
        group("options:", command.options());
        text.append("  --help\n");
        wrap(Command.HELP.description(), INDENT);
        if (command.settingsTitle() != null) {
            group(command.settingsTitle(), command.settings());
        }
        if (!command.keyPatterns().isEmpty()) {
            text.append("\nalso accepted:\n");
            for (KeyPattern pattern : command.keyPatterns()) {
                text.append("  --").append(pattern.placeholder()).append(" VALUE\n");
                wrap(pattern.description(), INDENT);
            }
        }
        return text.toString();
    }

    private void group(String title, List<Option> options) {
        text.append('\n').append(title).append('\n');
        for (Option option : options) {
            text.append("  --").append(option.name());
            if (option.argument() != null) {
                text.append(' ').append(option.argument());
            }
            if (option.required()) {
                text.append("  (required)");
            } else if (option.defaultValue() != null) {
                text.append("  (default: ").append(option.defaultValue()).append(')');
            }
            text.append('\n');
            wrap(option.description(), INDENT);
        }
    }

    /** Appends {@code paragraph} word-wrapped to the width, every line indented. */
    private void wrap(String paragraph, String indent) {
        if (paragraph.isBlank()) {
            return;
        }
        StringBuilder line = new StringBuilder(indent);
        for (String word : paragraph.trim().split("\\s+")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                text.append(line).append('\n');
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        text.append(line).append('\n');
    }
}
