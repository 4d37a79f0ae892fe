package io.reelrank.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.ingest.RawRecord;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class RankRequestGeneratorTest {

    private final SyntheticWorld world = SyntheticWorld.create(WorldSettings.defaults());
    private final RankRequestGenerator generator =
            new RankRequestGenerator(world, RankRequestGenerator.DEFAULT_CANDIDATES);

    @Test
    void requestsAreValidAndDistinctCandidatesOfTheCatalog() throws Exception {
        for (long i = 0; i < 500; i++) {
            RawRecord record = generator.map(i);
            assertThat(record.source()).isEqualTo(Topics.RANK_REQUESTS);
            RankRequest request = Json.MAPPER.readValue(record.value(), RankRequest.class);
            assertThat(request).isEqualTo(generator.request(i));
            assertThat(request.requestId()).isEqualTo("r-" + i);
            assertThat(request.n()).isEqualTo(10);
            assertThat(request.ts()).isEqualTo(WorldSettings.DEFAULT_START_TS + i * 1_000);
            assertThat(world.userIndex(request.userId())).isPresent();
            assertThat(request.candidates()).hasSize(50).doesNotHaveDuplicates()
                    .allMatch(id -> world.videoIndex(id).isPresent());
        }
    }

    @Test
    void candidatesHoldMoreTasteMatchesThanChanceWould() throws Exception {
        long matching = 0;
        long matchingByChance = 0;
        long total = 0;
        for (long i = 0; i < 400; i++) {
            RankRequest request = generator.request(i);
            for (String candidate : request.candidates()) {
                matching += world.likesTopicsOf(request.userId(), candidate) ? 1 : 0;
                total++;
            }
            int any = world.videoIndex(request.candidates().get(0)).orElseThrow() + (int) i;
            for (int k = 0; k < 50; k++) {
                String randomVideo = world.videoId((any + 37 * k) % world.videoCount());
                matchingByChance += world.likesTopicsOf(request.userId(), randomVideo) ? 1 : 0;
            }
        }
        assertThat(matching).isGreaterThan(2 * matchingByChance);
        assertThat((double) matching / total).isBetween(0.25, 0.6);
    }

    @Test
    void sameIndexSameRequestAfterShipping() throws Exception {
        RankRequestGenerator shipped = InstantiationUtil.clone(generator);
        for (long i = 0; i < 20; i++) {
            assertThat(shipped.map(i).value()).isEqualTo(generator.map(i).value());
        }
    }

    @Test
    void aSmallCatalogCapsTheCandidates() throws Exception {
        SyntheticWorld tiny = SyntheticWorld.create(WorldSettings.defaults().withCatalog(8, 2, 3));
        assertThat(new RankRequestGenerator(tiny, 50).request(0).candidates()).hasSize(8);
        assertThatThrownBy(() -> new RankRequestGenerator(tiny, 0)).hasMessageContaining("at least 1");
    }
}
