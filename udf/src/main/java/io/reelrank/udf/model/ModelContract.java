package io.reelrank.udf.model;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What model.json v2 may declare and the checks on a declaration that need no runtime: known
 * input names, at least one head, {@code history_length} for {@code history_*} inputs, a {@code
 * vocabulary} for id inputs, objectives that name the model's heads. The tensor shapes are
 * checked against the graph in the scoring package.
 */
public final class ModelContract {

    public static final String FEATURES = "features";
    public static final String CANDIDATE_IDS = "candidate_ids";
    public static final String CANDIDATE_REQUEST = "candidate_request";
    public static final String HISTORY_IDS = "history_ids";
    public static final String HISTORY_ACTIONS = "history_actions";
    public static final String HISTORY_AGE_HOURS = "history_age_hours";
    public static final String HISTORY_MASK = "history_mask";
    /** Every input a v2 model may read, in the order the contract documents them. */
    public static final List<String> INPUTS = List.of(FEATURES, CANDIDATE_IDS, CANDIDATE_REQUEST, HISTORY_IDS,
            HISTORY_ACTIONS, HISTORY_AGE_HOURS, HISTORY_MASK);

    private ModelContract() {}

    /** Checks a v2 declaration; v1 metadata passes unchanged. */
    public static void check(ModelMetadata metadata, Object where) throws InvalidModelException {
        if (!metadata.isV2()) {
            return;
        }
        String model = where + ": model " + metadata.modelVersion();
        if (metadata.contractVersion() != 2) {
            throw new InvalidModelException(model + " declares contract_version " + metadata.contractVersion()
                    + " but this job reads contract versions 1 and 2; run a newer job or re-export it");
        }
        List<String> inputs = metadata.inputs();
        if (inputs == null || inputs.isEmpty()) {
            throw new InvalidModelException(model + " declares no inputs; list the tensors it reads, any of " + INPUTS);
        }
        Set<String> seen = new HashSet<>();
        for (String input : inputs) {
            if (!INPUTS.contains(input)) {
                throw new InvalidModelException(model + " declares unknown input '" + input
                        + "'; contract v2 inputs are " + INPUTS);
            }
            if (!seen.add(input)) {
                throw new InvalidModelException(model + " declares input '" + input + "' twice");
            }
        }
        if (metadata.outputs() == null || metadata.outputs().isEmpty()
                || Set.copyOf(metadata.outputs()).size() != metadata.outputs().size()) {
            throw new InvalidModelException(model + " declares outputs " + metadata.outputs()
                    + "; list its float heads once each, e.g. [\"play\"]");
        }
        boolean history = inputs.stream().anyMatch(input -> input.startsWith("history_"));
        if (history && (metadata.historyLength() == null || metadata.historyLength() < 1)) {
            throw new InvalidModelException(model + " reads history_* inputs but declares history_length "
                    + metadata.historyLength() + "; set it to the N of its [R, N] history tensors");
        }
        if (history && !inputs.contains(CANDIDATE_REQUEST)) {
            throw new InvalidModelException(model + " reads history_* inputs but not candidate_request; the job"
                    + " scores several requests in one run, so the model must read which history row each"
                    + " candidate belongs to: add candidate_request to the export and to inputs");
        }
        if ((inputs.contains(CANDIDATE_IDS) || inputs.contains(HISTORY_IDS)) && metadata.vocabulary() == null) {
            throw new InvalidModelException(model + " reads video ids but declares no vocabulary; add"
                    + " \"vocabulary\": {\"file\", \"sha256\", \"size\"} and ship the file beside model.onnx");
        }
        if (metadata.objectives() != null) {
            fusionWeights(metadata, null, where);
        }
    }

    /**
     * Parses objectives written as {@code head:weight} pairs, e.g. {@code play:1.0,finish:0.5}
     * (the option {@code reelrank.scoring.objectives}); blank gives none.
     */
    public static Map<String, Double> parseObjectives(String text) {
        Map<String, Double> objectives = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split(":", -1);
            Double weight = parts.length == 2 ? parseWeight(parts[1].trim()) : null;
            if (weight == null || parts[0].isBlank() || objectives.put(parts[0].trim(), weight) != null) {
                throw new IllegalArgumentException("objectives '" + text + "': write each head once as"
                        + " head:weight with a finite weight, e.g. play:1.0,finish:0.5,like:0.3");
            }
        }
        return objectives.isEmpty() ? null : objectives;
    }

    private static Double parseWeight(String text) {
        try {
            double weight = Double.parseDouble(text);
            return Double.isFinite(weight) ? weight : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The weight of each head, in {@link ModelMetadata#heads()} order: {@code override} when given
     * (the job's {@code reelrank.scoring.objectives}), else model.json's objectives, else the first
     * head alone. A weight for a head the model lacks is rejected.
     */
    public static float[] fusionWeights(ModelMetadata metadata, Map<String, Double> override, Object where)
            throws InvalidModelException {
        List<String> heads = metadata.heads();
        float[] weights = new float[heads.size()];
        Map<String, Double> objectives = override != null && !override.isEmpty() ? override : metadata.objectives();
        if (objectives == null || objectives.isEmpty()) {
            if (weights.length > 0) {
                weights[0] = 1f;
            }
            return weights;
        }
        String source = objectives == override ? "reelrank.scoring.objectives" : "model.json objectives";
        for (Map.Entry<String, Double> objective : objectives.entrySet()) {
            int head = heads.indexOf(objective.getKey());
            if (head < 0) {
                throw new InvalidModelException(where + ": model " + metadata.modelVersion() + " has no head '"
                        + objective.getKey() + "' that " + source + " weights; its heads are " + heads
                        + ": fix the objectives or serve a model with that head");
            }
            if (objective.getValue() == null || !Double.isFinite(objective.getValue())) {
                throw new InvalidModelException(where + ": " + source + " weights head '" + objective.getKey()
                        + "' by " + objective.getValue() + "; give a finite number");
            }
            weights[head] = objective.getValue().floatValue();
        }
        return weights;
    }
}
