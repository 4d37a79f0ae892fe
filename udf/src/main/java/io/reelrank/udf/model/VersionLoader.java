package io.reelrank.udf.model;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads one version of a model and validates it, or rejects it. A rejected version is remembered
 * by its files' {@linkplain ModelRegistry#fingerprint fingerprint}, so a bad export is not re-read
 * every poll while a re-uploaded one is tried again.
 */
final class VersionLoader<R extends ModelRuntime> {

    /** Hears why a version was rejected; {@code version} is the registry's name for it, e.g. {@code 2}. */
    @FunctionalInterface
    interface Rejections {
        void rejected(String version, String reason);
    }

    private final ModelSource source;
    private final ModelRegistry registry;
    private final ModelValidator<R> validator;
    /** Why each rejected version failed, by the fingerprint of the files it had then. */
    private final Map<String, String> rejectedFingerprints = new ConcurrentHashMap<>();

    VersionLoader(ModelSource source, ModelValidator<R> validator) {
        this.source = source;
        this.registry = source.registry();
        this.validator = validator;
    }

    /**
     * {@code version} loaded and validated, or null when it fails now (told to {@code rejections})
     * or failed before with the same files.
     */
    ServingModel<R> loadOrReject(String version, Rejections rejections) throws IOException {
        String fingerprint = registry.fingerprint(source.modelName(), version);
        if (rejectedFingerprints.containsKey(fingerprint)) {
            return null;
        }
        try {
            return new ServingModel<>(validator.validate(source.load(version)));
        } catch (Exception e) {
            String reason = e.getMessage() != null ? e.getMessage() : e.toString();
            rejectedFingerprints.put(fingerprint, reason);
            rejections.rejected(version, reason);
            return null;
        }
    }

    /** Why {@code version}, with the files it has now, was rejected; null when it was not. */
    String rejection(String version) throws IOException {
        return rejectedFingerprints.get(registry.fingerprint(source.modelName(), version));
    }
}
