package io.reelrank.bench;

import io.reelrank.udf.ingest.RawRecord;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A generator function whose records are all made when the source reader opens, before it emits
 * any: the measured runs then spend no CPU making synthetic records and writing their JSON, as a
 * job reading bytes from Kafka spends none. Each parallel reader makes every record (it does not
 * know which split of indices it will be given), so this costs memory and start-up time, not
 * measured time: the rates are taken from the 20th percentile of records on.
 */
final class PregeneratedRecords implements GeneratorFunction<Long, RawRecord> {

    private static final long serialVersionUID = 1L;

    /** Records made ahead at most (about 200 MB per reader); later ones are made as they go. */
    static final int MAX_PREGENERATED = 1_000_000;

    private final GeneratorFunction<Long, RawRecord> generator;
    private final int count;
    private transient RawRecord[] records;

    PregeneratedRecords(GeneratorFunction<Long, RawRecord> generator, long count) {
        this.generator = generator;
        this.count = (int) Math.min(count, MAX_PREGENERATED);
    }

    @Override
    public void open(SourceReaderContext readerContext) throws Exception {
        generator.open(readerContext);
        records = new RawRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = generator.map((long) i);
        }
    }

    @Override
    public void close() throws Exception {
        records = null;
        generator.close();
    }

    /**
     * The pregenerated record, or one made now for an index past them: a {@code
     * DataGeneratorSource} of 0 records still asks for index 0.
     */
    @Override
    public RawRecord map(Long index) throws Exception {
        return index >= 0 && index < count ? records[(int) (long) index] : generator.map(index);
    }
}
