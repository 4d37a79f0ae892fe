package io.reelrank.udf.parity;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.features.ActionWeights;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.WindowSpec;
import io.reelrank.udf.rank.RankingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An event sequence in the parity format that {@code models/train/features_from_events.py}
 * documents: a settings line, then videos, engagements, rank requests and watermarks in order.
 * Absent settings take {@link FeatureStateSettings#defaults()}.
 */
record ScenarioEvents(FeatureStateSettings features, RankingSettings ranking, long videoStatsIntervalMs, List<JsonNode> events) {

    static ScenarioEvents read(Path file) {
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    lines.add(Json.MAPPER.readTree(line));
                }
            }
            if (lines.isEmpty() || !lines.get(0).path("type").asText().equals("settings")) {
                throw new IllegalArgumentException(file + ": the first event must be the settings line");
            }
            JsonNode settings = lines.get(0);
            return new ScenarioEvents(features(settings),
                    RankingSettings.defaults().withEventTimeAligned(settings.path("event_time_aligned").asBoolean(false)),
                    settings.path("video_stats_interval_ms").asLong(10_000), lines.subList(1, lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FeatureStateSettings features(JsonNode settings) {
        FeatureStateSettings defaults = FeatureStateSettings.defaults();
        WindowSpec[] windows = defaults.windows();
        if (settings.has("windows")) {
            List<WindowSpec> parsed = new ArrayList<>();
            settings.get("windows").forEach(w -> parsed.add(
                    new WindowSpec(w.get("name").asText(), w.get("length_ms").asLong(), w.get("bucket_ms").asLong())));
            windows = parsed.toArray(WindowSpec[]::new);
        }
        ActionWeights weights = defaults.actionWeights();
        JsonNode w = settings.path("action_weights");
        ActionWeights actionWeights = new ActionWeights(
                weight(w, "play", weights.play()), weight(w, "like", weights.like()),
                weight(w, "comment", weights.comment()), weight(w, "share", weights.share()),
                weight(w, "follow", weights.follow()), weight(w, "skip", weights.skip()));
        return new FeatureStateSettings(windows,
                settings.path("profile_half_life_ms").asLong(defaults.profileHalfLifeMs()),
                settings.path("max_tags").asInt(defaults.maxTags()),
                settings.path("max_creators").asInt(defaults.maxCreators()),
                settings.path("recent_videos").asInt(defaults.recentVideos()),
                settings.path("allowed_lateness_ms").asLong(defaults.allowedLatenessMs()),
                defaults.stateTtlMs(),
                actionWeights,
                settings.path("history_length").asInt(defaults.historyLength()));
    }

    private static float weight(JsonNode weights, String action, float fallback) {
        return weights.has(action) ? (float) weights.get(action).asDouble() : fallback;
    }
}
