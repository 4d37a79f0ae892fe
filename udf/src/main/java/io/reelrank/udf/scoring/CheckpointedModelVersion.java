package io.reelrank.udf.scoring;

import io.reelrank.udf.model.ModelVersion;
import io.reelrank.udf.model.VersionOrder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model version a scorer serves, kept in its operator state so that a restore resumes on it and
 * the requests the async operator replays are scored by the model that would have scored them.
 *
 * <p>"Serving at the checkpoint" is per subtask: each one writes, when it takes its snapshot, the
 * version its TaskManager's watcher serves ({@code name/version}) into union list state {@value
 * #STATE_NAME}. TaskManagers poll the registry on their own, so around a swap they can differ for
 * up to one poll interval. On restore every subtask reads all entries and picks the same one: the
 * version most subtasks wrote, a tie going to the newer. State written for another model name is
 * ignored, and a savepoint from before this state existed restores with nothing to resume on.
 */
final class CheckpointedModelVersion {

    static final String STATE_NAME = "serving-model-version";

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointedModelVersion.class);

    private final ListState<String> state;
    private final String resumeVersion;

    private CheckpointedModelVersion(ListState<String> state, String resumeVersion) {
        this.state = state;
        this.resumeVersion = resumeVersion;
    }

    static CheckpointedModelVersion initialize(FunctionInitializationContext context, String modelName)
            throws Exception {
        ListState<String> state = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>(STATE_NAME, String.class));
        String resume = context.isRestored() ? choose(state.get(), modelName) : null;
        if (resume != null) {
            LOG.info("Restored from a checkpoint at which model {}/{} served", modelName, resume);
        }
        return new CheckpointedModelVersion(state, resume);
    }

    /** The registry version (e.g. {@code 3}) to resume on, or null when the checkpoint names none. */
    String resumeVersion() {
        return resumeVersion;
    }

    void snapshot(ModelVersion serving) throws Exception {
        state.update(serving == null ? List.of() : List.of(serving.toString()));
    }

    /** The version of {@code modelName} most entries name, a tie going to the newer; null when none does. */
    static String choose(Iterable<String> served, String modelName) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String entry : served) {
            ModelVersion version = parse(entry);
            if (version != null && version.name().equals(modelName)) {
                counts.merge(version.version(), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry::getKey, VersionOrder.OLDEST_FIRST))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    private static ModelVersion parse(String entry) {
        try {
            return ModelVersion.parse(entry);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring checkpointed model version '{}': {}", entry, e.getMessage());
            return null;
        }
    }
}
