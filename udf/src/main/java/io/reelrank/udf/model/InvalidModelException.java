package io.reelrank.udf.model;

/**
 * A model version in the registry that must not serve: wrong checksum, features or spec hash,
 * unreadable metadata, or a signature or canary output the scorer cannot use. The message names
 * the file and what to do about it.
 */
public class InvalidModelException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
