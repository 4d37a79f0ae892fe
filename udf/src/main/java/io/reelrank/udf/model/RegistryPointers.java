package io.reelrank.udf.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the versions that the {@code CURRENT} and {@code SHADOW} pointers (or the configured shadow
 * version) name, and reports a pointer naming a version that cannot serve - one missing from the
 * registry or rejected by validation - or a pointer file that cannot be read, with one ERROR line
 * when the problem appears. Such a pointer never stops the job: the caller keeps what it serves. It
 * counts as unusable until it is deleted, names another version, or its version validates (e.g.
 * after a re-upload).
 */
final class RegistryPointers<R extends ModelRuntime> {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryPointers.class);

    private final String modelName;
    private final VersionLoader<R> loader;
    /** By pointer label: what is wrong with every pointer that cannot be followed. */
    private final Map<String, String> unusable = new ConcurrentHashMap<>();

    RegistryPointers(String modelName, VersionLoader<R> loader) {
        this.modelName = modelName;
        this.loader = loader;
    }

    /**
     * {@code version}, which {@code pointer} names, loaded and validated; null when it is not in
     * {@code versions} (the registry's listing) or is rejected, which is then reported once.
     * {@code fallback} says in that report what serves instead.
     */
    ServingModel<R> load(String pointer, String version, List<String> versions, VersionLoader.Rejections rejections,
            String fallback) throws IOException {
        String problem;
        if (versions.contains(version)) {
            ServingModel<R> model = loader.loadOrReject(version, rejections);
            if (model != null) {
                resolved(pointer);
                return model;
            }
            problem = "which failed validation (" + loader.rejection(version) + ")";
        } else {
            problem = "which is not in the registry";
        }
        report(pointer, "names " + modelName + "/" + version + ", " + problem, fallback);
        return null;
    }

    /** {@code pointer}'s file exists but cannot be read, e.g. it is empty: reported like an unusable version. */
    void unreadable(String pointer, IOException e, String fallback) {
        report(pointer, "of model " + modelName + " cannot be read (" + e.getMessage() + ")", fallback);
    }

    /** {@code pointer} is gone or names a version that serves: it is no longer reported. */
    void resolved(String pointer) {
        if (unusable.remove(pointer) != null) {
            LOG.info("{} of model {} no longer names an unusable version", pointer, modelName);
        }
    }

    /** True while any pointer names a version that cannot serve. */
    boolean anyUnusable() {
        return !unusable.isEmpty();
    }

    /** One line per unusable pointer, for the message of a start that found no valid version. */
    List<String> describeUnusable() {
        List<String> lines = new ArrayList<>();
        unusable.forEach((pointer, problem) -> lines.add(pointer + " " + problem));
        return lines;
    }

    /** Logs {@code problem} once, when it appears or changes. */
    private void report(String pointer, String problem, String fallback) {
        if (!problem.equals(unusable.put(pointer, problem))) {
            LOG.error("{} {}. {}. Point it at a valid version or delete it.", pointer, problem, fallback);
        }
    }
}
