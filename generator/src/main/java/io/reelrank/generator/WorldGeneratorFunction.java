package io.reelrank.generator;

import io.reelrank.udf.ingest.RawRecord;
import java.io.IOException;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A generator over a {@link SyntheticWorld}. Only the world's spec travels with the function;
 * each reader rebuilds the world when it opens, which is cheap and, the world being
 * deterministic, gives every parallel or restarted reader the same world.
 */
abstract class WorldGeneratorFunction implements GeneratorFunction<Long, RawRecord> {

    private static final long serialVersionUID = 1L;

    private final WorldSpec spec;
    private transient SyntheticWorld world;

    WorldGeneratorFunction(SyntheticWorld world) {
        this.spec = world.spec();
        this.world = world;
    }

    @Override
    public void open(SourceReaderContext readerContext) throws IOException {
        world();
    }

    final SyntheticWorld world() throws IOException {
        if (world == null) {
            world = spec.build();
        }
        return world;
    }
}
