package io.reelrank.cli;

/**
 * A command line that cannot run, with a one-line message saying what is wrong (an unknown
 * option, a missing or malformed value). {@link Command#run} prints it and exits with status 2.
 */
public final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
        super(message);
    }
}
