package io.reelrank.bench;

import io.reelrank.generator.SyntheticWorld;
import io.reelrank.job.JobSettings;
import io.reelrank.udf.catalog.CatalogUpdate;
import io.reelrank.udf.catalog.SharedValueSerializer;
import io.reelrank.udf.catalog.VideoEntry;
import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.VideoStats;
import io.reelrank.udf.rank.UserInput;
import io.reelrank.udf.rank.UserRankingFunction;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.runtime.state.CompressibleFSDataOutputStream;
import org.apache.flink.runtime.state.UncompressedStreamCompressionDecorator;
import org.apache.flink.runtime.state.filesystem.FsCheckpointStreamFactory;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.FileUtils;

/**
 * Heap per catalog video in a ranker: the real {@link UserRankingFunction} in Flink's operator
 * harness receives a catalog record and a stats update for each of V videos, which it keeps in
 * its heap broadcast state and its in-memory catalog index. Heap used after full GCs, before and
 * after, divided by V. Videos are JSON round-tripped so that, as in the job, every entry owns
 * its objects instead of sharing them with the generator's world.
 *
 * <p>On the same catalog it times the copy a checkpoint's synchronous phase makes of broadcast
 * state ({@code HeapBroadcastState.deepCopy}: a {@link MapSerializer} copy with the state's value
 * serializer), which the ranker's task thread waits for: once with the catalog's serializer and
 * once with Flink's POJO serializer of the entries as the baseline (median of 7 each,
 * interleaved). And the write of that catalog as a checkpoint's asynchronous phase makes it,
 * with the catalog's serializer and with the baseline ({@link SharedValueSerializer} around
 * Flink's POJO serializer): time and bytes per video, median of 7, interleaved.
 */
final class CatalogHeapBench {
    private final BenchCluster cluster;

    CatalogHeapBench(BenchCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Heap per video; the checkpoint's copy of the whole catalog in milliseconds; and its write
     * (milliseconds, bytes per video), with the catalog's serializer and with the baseline.
     */
    record Result(double bytesPerVideo, double sharedCopyMillis, double pojoCopyMillis,
                  Write write, Write pojoWrite) {}

    /** One write of the catalog as a checkpoint's asynchronous phase writes it. */
    record Write(double millis, double bytesPerVideo) {}

    private static final int COPY_ROUNDS = 7;

    Result measure(int videos) throws Exception {
        Configuration config = cluster.configuration("catalog-heap", 1);
        config.setString("reelrank.generator.videos", Integer.toString(videos));
        JobSettings settings = cluster.settings(config);
        SyntheticWorld world = BenchCluster.world(config);
        int windows = settings.features().windows().length;
        try (KeyedBroadcastOperatorTestHarness<String, UserInput, CatalogUpdate, ?> harness =
                     ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                             new UserRankingFunction(settings.features(), settings.ranking(), settings.spec()),
                             UserInput::userId, Types.STRING, UserRankingFunction.CATALOG)) {
            harness.processBroadcastElement(CatalogUpdate.of(copy(world.video(0))), 0);
            long before = usedHeapAfterGc();
            for (int i = 0; i < world.videoCount(); i++) {
                Video video = copy(world.video(i));
                harness.processBroadcastElement(CatalogUpdate.of(video), video.publishedTs());
                harness.processBroadcastElement(CatalogUpdate.of(stats(video.videoId(), video.publishedTs(), windows, i)),
                        video.publishedTs());
            }
            long after = usedHeapAfterGc();
            Map<String, VideoEntry> catalog = new HashMap<>();
            for (Map.Entry<String, VideoEntry> entry : harness.getBroadcastState(UserRankingFunction.CATALOG).entries()) {
                catalog.put(entry.getKey(), entry.getValue());
            }
            MapSerializer<String, VideoEntry> shared = new MapSerializer<>(StringSerializer.INSTANCE,
                    UserRankingFunction.CATALOG.getValueSerializer());
            MapSerializer<String, VideoEntry> pojo = new MapSerializer<>(StringSerializer.INSTANCE, pojoSerializer());
            double[] sharedMillis = new double[COPY_ROUNDS];
            double[] pojoMillis = new double[COPY_ROUNDS];
            for (int round = 0; round < COPY_ROUNDS; round++) {
                sharedMillis[round] = millisToCopy(shared, catalog);
                pojoMillis[round] = millisToCopy(pojo, catalog);
            }
            TypeSerializer<VideoEntry> previous = new SharedValueSerializer<>(pojoSerializer());
            Write[] writes = new Write[COPY_ROUNDS];
            Write[] pojoWrites = new Write[COPY_ROUNDS];
            for (int round = 0; round < COPY_ROUNDS; round++) {
                writes[round] = write(UserRankingFunction.CATALOG.getValueSerializer(), catalog);
                pojoWrites[round] = write(previous, catalog);
            }
            return new Result((after - before) / (double) world.videoCount(), median(sharedMillis), median(pojoMillis),
                    median(writes), median(pojoWrites));
        }
    }

    private static double millisToCopy(MapSerializer<String, VideoEntry> serializer, Map<String, VideoEntry> catalog) {
        long start = System.nanoTime();
        Map<String, VideoEntry> copy = serializer.copy(catalog);
        double millis = (System.nanoTime() - start) / 1e6;
        if (copy.size() != catalog.size()) {
            throw new IllegalStateException("copied " + copy.size() + " of " + catalog.size() + " catalog entries");
        }
        return millis;
    }

    /**
     * Writes the catalog as {@code HeapBroadcastState.write} does in a checkpoint's asynchronous
     * phase: size, then each key and value, through the {@code CompressibleFSDataOutputStream}
     * that Flink's operator-state snapshot wraps around the checkpoint's file stream (a local
     * file, with Flink's default write buffer and small-file threshold).
     */
    private static Write write(TypeSerializer<VideoEntry> values, Map<String, VideoEntry> catalog) throws IOException {
        java.nio.file.Path dir = Files.createTempDirectory("catalog-write");
        try {
            int threshold = (int) CheckpointingOptions.FS_SMALL_FILE_THRESHOLD.defaultValue().getBytes();
            // The buffer as FsCheckpointStreamFactory sizes it: never below the threshold.
            int buffer = Math.max(CheckpointingOptions.FS_WRITE_BUFFER_SIZE.defaultValue(), threshold);
            FsCheckpointStreamFactory.FsCheckpointStateOutputStream file =
                    new FsCheckpointStreamFactory.FsCheckpointStateOutputStream(new Path(dir.toUri()),
                            FileSystem.getLocalFileSystem(), buffer, threshold);
            long start = System.nanoTime();
            try (CompressibleFSDataOutputStream out =
                         new CompressibleFSDataOutputStream(file, UncompressedStreamCompressionDecorator.INSTANCE)) {
                DataOutputViewStreamWrapper view = new DataOutputViewStreamWrapper(out);
                view.writeInt(catalog.size());
                for (Map.Entry<String, VideoEntry> entry : catalog.entrySet()) {
                    StringSerializer.INSTANCE.serialize(entry.getKey(), view);
                    values.serialize(entry.getValue(), view);
                }
            }
            long bytes = file.getPos();
            file.closeAndGetHandle();
            double millis = (System.nanoTime() - start) / 1e6;
            return new Write(millis, bytes / (double) catalog.size());
        } finally {
            FileUtils.deleteDirectory(dir.toFile());
        }
    }

    private static TypeSerializer<VideoEntry> pojoSerializer() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false); // as the job runs
        return TypeInformation.of(VideoEntry.class).createSerializer(config);
    }

    private static Write median(Write[] writes) {
        Write[] sorted = writes.clone();
        Arrays.sort(sorted, (a, b) -> Double.compare(a.millis(), b.millis()));
        return sorted[sorted.length / 2];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static Video copy(Video video) {
        return Json.fromJson(Json.toJson(video), Video.class);
    }

    /** Non-empty stats in every window, as a video with engagements has. */
    static VideoStats stats(String videoId, long ts, int windows, int seed) {
        EngagementCounts[] counts = new EngagementCounts[windows];
        for (int w = 0; w < windows; w++) {
            counts[w] = new EngagementCounts();
            for (int k = 0; k <= seed % 7; k++) {
                counts[w].add(Action.PLAY, 5_000, 0.5f);
            }
        }
        return new VideoStats(videoId, ts, counts, counts[0].plays, ts);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
