package io.reelrank.udf.state;

import io.reelrank.udf.features.CountBucket;
import io.reelrank.udf.features.WindowedCounts;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes {@link WindowedCounts} in keyed state: the bucket count (-1 for a null
 * array), then per bucket a presence byte, window, start and counts (see {@link StateParts}).
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
            if (StateParts.present(bucket, out)) {
                out.writeInt(bucket.window);
                out.writeLong(bucket.start);
                StateParts.writeCounts(bucket.counts, out);
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
                bucket.counts = StateParts.readCounts(in);
                counts.buckets[i] = bucket;
            }
        }
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
