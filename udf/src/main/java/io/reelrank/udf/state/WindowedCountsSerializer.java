package io.reelrank.udf.state;

import io.reelrank.udf.features.CountBucket;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.WindowedCounts;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes {@link WindowedCounts} in keyed state: the bucket count (-1 for a null
 * array), then per bucket a presence byte, window, start and counts (a presence byte, then
 * each count at its full width).
 * {@link UserStateSerializer}, {@link VideoActivitySerializer} and the older user-counts state
 * ({@link LegacyUserState}) write counts this way.
 */
public final class WindowedCountsSerializer extends StateValueSerializer<WindowedCounts> {

    private static final long serialVersionUID = 1L;

    public static final WindowedCountsSerializer INSTANCE = new WindowedCountsSerializer();

    @Override
    public WindowedCounts createInstance() {
        return new WindowedCounts();
    }

    @Override
    public WindowedCounts copy(WindowedCounts from) {
        if (from == null) {
            return null;
        }
        WindowedCounts copy = new WindowedCounts();
        if (from.buckets == null) {
            copy.buckets = null;
            return copy;
        }
        copy.buckets = new CountBucket[from.buckets.length];
        for (int i = 0; i < copy.buckets.length; i++) {
            CountBucket bucket = from.buckets[i];
            if (bucket != null) {
                CountBucket bucketCopy = new CountBucket();
                bucketCopy.window = bucket.window;
                bucketCopy.start = bucket.start;
                bucketCopy.counts = bucket.counts == null ? null : bucket.counts.copy();
                copy.buckets[i] = bucketCopy;
            }
        }
        return copy;
    }

    @Override
    public void serialize(WindowedCounts counts, DataOutputView out) throws IOException {
        CountBucket[] buckets = counts.buckets;
        out.writeInt(buckets == null ? -1 : buckets.length);
        if (buckets == null) {
            return;
        }
        for (CountBucket bucket : buckets) {
            if (StateCodec.present(bucket, out)) {
                out.writeInt(bucket.window);
                out.writeLong(bucket.start);
                writeCounts(bucket.counts, out);
            }
        }
    }

    @Override
    public WindowedCounts deserialize(DataInputView in) throws IOException {
        WindowedCounts counts = new WindowedCounts();
        int length = in.readInt();
        if (length < 0) {
            counts.buckets = null;
            return counts;
        }
        counts.buckets = new CountBucket[length];
        for (int i = 0; i < length; i++) {
            if (in.readBoolean()) {
                CountBucket bucket = new CountBucket();
                bucket.window = in.readInt();
                bucket.start = in.readLong();
                bucket.counts = readCounts(in);
                counts.buckets[i] = bucket;
            }
        }
        return counts;
    }

    private static void writeCounts(EngagementCounts counts, DataOutputView out) throws IOException {
        if (StateCodec.present(counts, out)) {
            out.writeInt(counts.impressions);
            out.writeInt(counts.plays);
            out.writeInt(counts.likes);
            out.writeInt(counts.comments);
            out.writeInt(counts.shares);
            out.writeInt(counts.follows);
            out.writeInt(counts.skips);
            out.writeLong(counts.watchMs);
            out.writeFloat(counts.completionSum);
            out.writeInt(counts.completionPlays);
        }
    }

    private static EngagementCounts readCounts(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        EngagementCounts counts = new EngagementCounts();
        counts.impressions = in.readInt();
        counts.plays = in.readInt();
        counts.likes = in.readInt();
        counts.comments = in.readInt();
        counts.shares = in.readInt();
        counts.follows = in.readInt();
        counts.skips = in.readInt();
        counts.watchMs = in.readLong();
        counts.completionSum = in.readFloat();
        counts.completionPlays = in.readInt();
        return counts;
    }

    @Override
    public TypeSerializerSnapshot<WindowedCounts> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link WindowedCountsSerializer}; public with a no-argument constructor for Flink. */
    public static class Snapshot extends StateValueSerializer.Snapshot<WindowedCounts> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
