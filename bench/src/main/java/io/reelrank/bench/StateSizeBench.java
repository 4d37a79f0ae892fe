package io.reelrank.bench;

import io.reelrank.generator.EngagementGenerator;
import io.reelrank.generator.SyntheticWorld;
import io.reelrank.job.ReelRankWorkflow;
import io.reelrank.udf.catalog.VideoStatsFunction;
import io.reelrank.udf.rank.UserRankingFunction;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.shaded.guava33.com.google.common.hash.Hashing;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * State size from a snapshot of RocksDB: U users engage with a catalog of V videos, then a
 * native-format savepoint (RocksDB's own SST files, as its checkpoints hold them) is taken and
 * its metadata read. The ranker's keyed state (profiles, windowed counts, their timers) divided
 * by the users that engaged gives bytes per active user; the video-stats operator's keyed state
 * divided by the catalog (it keeps every catalog video's duration) gives bytes per video.
 */
final class StateSizeBench {
    private static final long DEADLINE_MS = TimeUnit.MINUTES.toMillis(5);

    /**
     * Bytes in the native snapshot; the catalog copy is per ranker instance. {@code
     * canonicalUserStateBytes}: the ranker's keyed state in a canonical savepoint taken right
     * after, which writes each live value and timer once, uncompressed; the native one holds
     * RocksDB's SST files as they are: compressed, and with older versions of rewritten values
     * that compaction has not dropped yet, so its size spreads from run to run.
     */
    record Result(int activeUsers, int catalogVideos, long userStateBytes, long videoStateBytes,
                  long catalogBroadcastBytes, int parallelism, long canonicalUserStateBytes) {
        double bytesPerUser() {
            return userStateBytes / (double) activeUsers;
        }

        double canonicalBytesPerUser() {
            return canonicalUserStateBytes / (double) activeUsers;
        }

        double bytesPerVideo() {
            return videoStateBytes / (double) catalogVideos;
        }
    }

    private final BenchCluster cluster;

    StateSizeBench(BenchCluster cluster) {
        this.cluster = cluster;
    }

    Result measure(int parallelism, int users, int videos, long engagements) throws Exception {
        Configuration config = cluster.configuration("state", parallelism);
        config.setString("reelrank.generator.users", Integer.toString(users));
        config.setString("reelrank.generator.videos", Integer.toString(videos));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        SyntheticWorld world = BenchCluster.world(config);
        // An endless trickle of requests keeps the job running until the savepoint is taken.
        ReelRankWorkflow.Features features = ReelRankWorkflow.features(
                BenchCluster.inputs(env, world, engagements, Long.MAX_VALUE, 10, 1), cluster.settings(config));
        features.scoringTasks().sinkTo(new DiscardingSink<>());
        features.deadLetters().sinkTo(new DiscardingSink<>());
        Path savepoints = Files.createTempDirectory("reelrank-bench-savepoints");
        JobClient job = env.executeAsync("reelrank-bench-state");
        String savepoint;
        String canonical;
        try {
            awaitCount(() -> CountingReporter.total("parse engagements", "recordsIn"), engagements);
            awaitCount(() -> CountingReporter.total("parse videos", "recordsIn"), world.videoCount());
            // Barriers follow every record the sources emitted, so the snapshot holds all of them.
            savepoint = job.triggerSavepoint(savepoints.toUri().toString(), SavepointFormatType.NATIVE).get();
            canonical = job.triggerSavepoint(savepoints.toUri().toString(), SavepointFormatType.CANONICAL).get();
        } finally {
            job.cancel().get();
        }
        CheckpointMetadata metadata = read(Path.of(java.net.URI.create(savepoint)).resolve("_metadata"), savepoint);
        CheckpointMetadata canonicalMetadata =
                read(Path.of(java.net.URI.create(canonical)).resolve("_metadata"), canonical);
        return new Result(activeUsers(world, engagements), world.videoCount(),
                keyedBytes(metadata, UserRankingFunction.UID), keyedBytes(metadata, VideoStatsFunction.UID),
                operatorBytes(metadata, UserRankingFunction.UID), parallelism,
                keyedBytes(canonicalMetadata, UserRankingFunction.UID));
    }

    private static int activeUsers(SyntheticWorld world, long engagements) throws Exception {
        EngagementGenerator generator = new EngagementGenerator(world);
        Set<String> users = new HashSet<>();
        for (long i = 0; i < engagements; i++) {
            users.add(generator.engagement(i).userId());
        }
        return users.size();
    }

    private static void awaitCount(java.util.function.LongSupplier counter, long expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (counter.getAsLong() < expected) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the state run did not read its " + expected + " records in time");
            }
            Thread.sleep(100);
        }
    }

    private static CheckpointMetadata read(Path file, String pointer) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return Checkpoints.loadCheckpointMetadata(new DataInputStream(in), StateSizeBench.class.getClassLoader(),
                    pointer);
        }
    }

    private static OperatorState operator(CheckpointMetadata metadata, String uid) {
        OperatorID id = new OperatorID(Hashing.murmur3_128(0).hashString(uid, StandardCharsets.UTF_8).asBytes());
        return metadata.getOperatorStates().stream()
                .filter(s -> s.getOperatorID().equals(id) || s.getOperatorUid().map(uid::equals).orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no state of operator " + uid + " in the snapshot"));
    }

    private static long keyedBytes(CheckpointMetadata metadata, String uid) {
        long bytes = 0;
        for (OperatorSubtaskState subtask : operator(metadata, uid).getStates()) {
            for (KeyedStateHandle handle : subtask.getManagedKeyedState()) {
                bytes += handle.getStateSize();
            }
        }
        return bytes;
    }

    private static long operatorBytes(CheckpointMetadata metadata, String uid) {
        long bytes = 0;
        for (OperatorSubtaskState subtask : operator(metadata, uid).getStates()) {
            for (OperatorStateHandle handle : subtask.getManagedOperatorState()) {
                bytes += handle.getStateSize();
            }
        }
        return bytes;
    }
}
