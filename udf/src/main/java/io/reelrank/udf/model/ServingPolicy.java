package io.reelrank.udf.model;

import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which version of a model should serve, loaded and validated: the version to resume on after a
 * restore, then the one {@code CURRENT} names, else the newest that validates. A pointer to a
 * version that is missing or rejected never stops the job ({@link RegistryPointers}).
 */
final class ServingPolicy<R extends ModelRuntime> {

    private static final Logger LOG = LoggerFactory.getLogger(ServingPolicy.class);

    private final ModelSource source;
    private final ModelRegistry registry;
    private final VersionLoader<R> loader;
    private final RegistryPointers<R> pointers;

    ServingPolicy(ModelSource source, VersionLoader<R> loader, RegistryPointers<R> pointers) {
        this.source = source;
        this.registry = source.registry();
        this.loader = loader;
        this.pointers = pointers;
    }

    /**
     * {@code version} (e.g. {@code 3}), which served at the checkpoint a job restores from, loaded
     * to resume on; null, with an ERROR line, when it is no longer in {@code versions} or fails
     * validation now.
     */
    ServingModel<R> resumed(String version, List<String> versions, VersionLoader.Rejections rejections)
            throws IOException {
        ModelVersion resume = new ModelVersion(source.modelName(), version);
        if (!versions.contains(version)) {
            LOG.error("Model {} served at the checkpoint this job restored from, but it is no longer in {};"
                    + " serving what the registry names instead", resume, source.registryRoot());
            return null;
        }
        ServingModel<R> model = loader.loadOrReject(version, rejections);
        if (model == null) {
            LOG.error("Model {} served at the checkpoint this job restored from, but it fails validation now ({});"
                    + " serving what the registry names instead", resume, loader.rejection(version));
        } else {
            LOG.info("Resuming on model {}, which served at the checkpoint; the registry's pointers apply from"
                    + " the next poll", resume);
        }
        return model;
    }

    /**
     * The model to swap in for {@code current} (null before anything serves), or null to keep it.
     * With a {@code CURRENT} pointer: the version it names, when that one validates. Else the
     * newest version in {@code versions} that validates, never one older than {@code current}. A
     * pointer to a missing or rejected version, or one that cannot be read, keeps {@code current},
     * or, before anything serves, falls back to the newest valid version.
     */
    ServingModel<R> next(ModelVersion current, List<String> versions, VersionLoader.Rejections rejections)
            throws IOException {
        String fallback = current == null ? "Serving the newest valid version instead" : "Still serving " + current;
        String pinned;
        try {
            pinned = registry.pinnedVersion(source.modelName());
        } catch (IOException e) {
            pointers.unreadable(ModelRegistry.POINTER_FILE, e, fallback);
            return current == null ? newestValid(null, versions, rejections) : null;
        }
        if (pinned == null || (current != null && pinned.equals(current.version()))) {
            pointers.resolved(ModelRegistry.POINTER_FILE);
            if (pinned != null) {
                return null;
            }
        } else {
            ServingModel<R> pointed = pointers.load(ModelRegistry.POINTER_FILE, pinned, versions, rejections, fallback);
            if (pointed != null || current != null) {
                return pointed;
            }
        }
        return newestValid(current, versions, rejections);
    }

    /** The newest version in {@code versions} that validates and is newer than {@code current}, or null. */
    private ServingModel<R> newestValid(ModelVersion current, List<String> versions,
            VersionLoader.Rejections rejections) throws IOException {
        for (String version : versions) {
            if (current != null && version.equals(current.version())) {
                return null;
            }
            ServingModel<R> next = loader.loadOrReject(version, rejections);
            if (next != null) {
                return next;
            }
        }
        return null;
    }
}
