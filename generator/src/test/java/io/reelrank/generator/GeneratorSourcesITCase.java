package io.reelrank.generator;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.ingest.RawRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sources on a real (mini) cluster: parallel readers, shipped functions, no Kryo. */
class GeneratorSourcesITCase {

    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(PARALLELISM)
                    .build());

    private final SyntheticWorld world = SyntheticWorld.create(WorldSettings.defaults().withUsers(200));

    @Test
    void parallelReadersProduceExactlyTheRecordsOfTheirIndices() throws Exception {
        List<RawRecord> records = run(GeneratorSources.engagements(world, 1_000, 0, 10));

        BadRecordInjector expected = new BadRecordInjector(new EngagementGenerator(world), 10);
        assertThat(records).hasSize(1_000);
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).offset()).isEqualTo(i);
            assertThat(records.get(i).value()).isEqualTo(expected.map((long) i).value());
        }
    }

    @Test
    void rankRequestsAndCatalogComeOutComplete() throws Exception {
        List<RawRecord> requests = run(GeneratorSources.rankRequests(world, 100, 0, 20));
        RankRequestGenerator expected = new RankRequestGenerator(world, 20);
        assertThat(requests).hasSize(100);
        assertThat(requests.get(42).value()).isEqualTo(expected.map(42L).value());

        List<RawRecord> catalog = run(GeneratorSources.catalog(world));
        assertThat(catalog).hasSize(world.videoCount());
        assertThat(catalog.get(world.videoCount() - 1).value())
                .isEqualTo(new CatalogGenerator(world).map((long) world.videoCount() - 1).value());
    }

    private static List<RawRecord> run(DataGeneratorSource<RawRecord> source) throws Exception {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(PARALLELISM);
        List<RawRecord> records = new ArrayList<>();
        try (CloseableIterator<RawRecord> results =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "generator").executeAndCollect()) {
            results.forEachRemaining(records::add);
        }
        records.sort(Comparator.comparingLong(RawRecord::offset));
        return records;
    }
}
