package io.reelrank.generator;

import io.reelrank.udf.ingest.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Flink sources over a {@link SyntheticWorld}, one per input topic. Records are numbered; record
 * i is a function of i alone, so any parallelism, and a restore from a checkpoint, yields the
 * same data. {@code count} is the number of records ({@code Long.MAX_VALUE} for an endless
 * demo); {@code ratePerSecond} caps the whole source's throughput (shared by its parallel
 * readers), 0 or less means as fast as possible.
 */
public final class GeneratorSources {

    private static final TypeInformation<RawRecord> RAW_RECORDS = TypeInformation.of(RawRecord.class);

    private GeneratorSources() {}

    /** Engagements; {@code badEvery > 0} replaces every badEvery-th one with a malformed record. */
    public static DataGeneratorSource<RawRecord> engagements(
            SyntheticWorld world, long count, double ratePerSecond, int badEvery) {
        return source(new BadRecordInjector(new EngagementGenerator(world), badEvery), count, ratePerSecond);
    }

    public static DataGeneratorSource<RawRecord> rankRequests(
            SyntheticWorld world, long count, double ratePerSecond, int candidatesPerRequest) {
        return source(new RankRequestGenerator(world, candidatesPerRequest), count, ratePerSecond);
    }

    /** The whole catalog, once, as fast as possible. */
    public static DataGeneratorSource<RawRecord> catalog(SyntheticWorld world) {
        return source(new CatalogGenerator(world), world.videoCount(), 0);
    }

    private static DataGeneratorSource<RawRecord> source(
            GeneratorFunction<Long, RawRecord> generator, long count, double ratePerSecond) {
        if (count < 0) {
            throw new IllegalArgumentException("count is " + count + "; use 0 or more records");
        }
        RateLimiterStrategy<?> rate = ratePerSecond > 0
                ? RateLimiterStrategy.perSecond(ratePerSecond)
                : RateLimiterStrategy.noOp();
        return new DataGeneratorSource<>(generator, count, rate, RAW_RECORDS);
    }
}
