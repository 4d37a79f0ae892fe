package io.reelrank.udf.model;

/**
 * The checks a model passes before it may serve, after {@link ModelRegistry#load} has checked its
 * metadata, feature names, spec hash and checksum: the runtime loads it and it scores. The running
 * job ({@link ModelWatcher}) and the validate-model tool call the same validator, so a model the
 * tool accepts is one the job accepts.
 *
 * <p>Implementations are values (records): the TaskManager shares one watcher per source and
 * validator, told apart by {@code equals}.
 */
@FunctionalInterface
public interface ModelValidator<R extends ModelRuntime> {

    /** Loads {@code model} into the runtime and checks it there; the caller closes what it returns. */
    R validate(LoadedModel model) throws InvalidModelException;
}
