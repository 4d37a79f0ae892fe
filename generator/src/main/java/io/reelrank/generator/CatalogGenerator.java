package io.reelrank.generator;

import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.ingest.RawRecord;
import java.io.IOException;

/** Record j of the videos topic: the world's j-th catalog video. */
public final class CatalogGenerator extends WorldGeneratorFunction {

    private static final long serialVersionUID = 1L;

    public CatalogGenerator(SyntheticWorld world) {
        super(world);
    }

    @Override
    public RawRecord map(Long index) throws IOException {
        return RawRecord.of(Topics.VIDEOS, index, Json.toBytes(world().video(Math.toIntExact(index))));
    }
}
