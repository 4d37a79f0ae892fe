package io.reelrank.generator;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.ingest.RawRecord;
import org.junit.jupiter.api.Test;

class CatalogGeneratorTest {

    @Test
    void recordJIsTheJthVideo() throws Exception {
        SyntheticWorld world = SyntheticWorld.create(WorldSettings.defaults().withCatalog(300, 30, 12));
        CatalogGenerator generator = new CatalogGenerator(world);
        for (int j = 0; j < world.videoCount(); j++) {
            RawRecord record = generator.map((long) j);
            assertThat(record.source()).isEqualTo(Topics.VIDEOS);
            assertThat(record.offset()).isEqualTo(j);
            assertThat(Json.MAPPER.readValue(record.value(), Video.class)).isEqualTo(world.video(j));
        }
    }
}
