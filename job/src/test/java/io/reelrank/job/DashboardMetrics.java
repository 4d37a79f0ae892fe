package io.reelrank.job;

import java.util.List;

/**
 * The operator metrics the Grafana dashboard (docker/grafana/dashboards/reelrank.json) reads, as
 * the Prometheus reporter names them after {@code flink_taskmanager_job_task_operator_}.
 */
public final class DashboardMetrics {
    public static final List<String> OPERATOR_METRICS = List.of(
            "source_recordsIn", "source_recordsParsed", "source_recordsDeadLettered", "lateEvents",
            "videoEventsTooLateForWindows", "requests", "coldStarts", "refreshes", "candidatesIn",
            "candidatesScored", "batches", "batchRows", "scoringLatencyMicros", "eventToEmitMillis",
            "ingestToEmitMillis", "recommendations", "catalogIndexedVideos", "modelVersionNumber",
            "shadowModelVersionNumber", "modelPointerRejected", "modelRejections", "engagementsUnknownVideo",
            "requestsAllCandidatesUnknown", "recommendationsShort", "candidatesFilled");

    private DashboardMetrics() {}
}
