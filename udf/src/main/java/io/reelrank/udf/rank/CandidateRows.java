package io.reelrank.udf.rank;

import io.reelrank.udf.catalog.PreparedVideo;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.EngagementHistory;
import io.reelrank.udf.features.UserFeatures;
import io.reelrank.udf.scoring.RequestHistory;
import java.util.Arrays;

/**
 * Collects the candidates of one request that survive filtering and assembles their feature
 * rows into one row-major matrix, beside the user's history for models that read it. Counts
 * what it drops and why.
 */
final class CandidateRows {
    private final FeatureAssembler assembler;
    private final UserFeatures user;
    private final long now;
    private final float[] userRow;
    private String[] videoIds;
    private String[] creatorIds;
    private float[] matrix;
    private int rows;
    int unknown;
    int deleted;
    int seen;

    CandidateRows(FeatureAssembler assembler, UserFeatures user, long now, int expected) {
        this.assembler = assembler;
        this.user = user;
        this.now = now;
        this.userRow = assembler.userRow(user, now);
        int capacity = Math.max(1, expected);
        this.videoIds = new String[capacity];
        this.creatorIds = new String[capacity];
        this.matrix = new float[capacity * assembler.width()];
    }

    /** Adds a candidate unless it is unknown, deleted or already seen by the user. */
    void offer(String videoId, PreparedVideo prepared) {
        if (prepared == null) { // the prepared catalog holds only entries with a catalog record
            unknown++;
            return;
        }
        Video video = prepared.entry().video();
        if (video.deleted()) {
            deleted++;
            return;
        }
        if (user.hasSeen(videoId)) {
            seen++;
            return;
        }
        if (rows == videoIds.length) {
            videoIds = Arrays.copyOf(videoIds, rows * 2);
            creatorIds = Arrays.copyOf(creatorIds, rows * 2);
            matrix = Arrays.copyOf(matrix, rows * 2 * assembler.width());
        }
        videoIds[rows] = videoId;
        creatorIds[rows] = video.creatorId();
        assembler.assemble(user, userRow, prepared, now, matrix, rows);
        rows++;
    }

    /**
     * The user's kept history at the request, newest first (a model takes its N newest), without
     * engagements later than the request: state may hold some when the request arrived behind
     * the watermark or out of order, and a model must not see what happened after it (training
     * would learn from the label's own engagement).
     */
    RequestHistory history() {
        EngagementHistory kept = user.history();
        int from = 0;
        while (from < kept.size() && kept.eventTs[from] > now) {
            from++;
        }
        if (from == kept.size()) {
            return RequestHistory.EMPTY;
        }
        return new RequestHistory(Arrays.copyOfRange(kept.videoIds, from, kept.size()),
                Arrays.copyOfRange(kept.actions, from, kept.size()), Arrays.copyOfRange(kept.eventTs, from, kept.size()));
    }

    int rows() {
        return rows;
    }

    String[] videoIds() {
        return Arrays.copyOf(videoIds, rows);
    }

    String[] creatorIds() {
        return Arrays.copyOf(creatorIds, rows);
    }

    float[] matrix() {
        return rows * assembler.width() == matrix.length ? matrix : Arrays.copyOf(matrix, rows * assembler.width());
    }
}
