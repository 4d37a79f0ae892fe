package io.reelrank.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;


import io.reelrank.udf.contract.Video;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KuaiRandCatalogTest {

    private static final String HEADER = "video_id,author_id,video_type,upload_dt,upload_type,visible_status,"
            + "video_duration,server_width,server_height,music_id,music_type,tag";
    private static final WorldSettings SETTINGS = WorldSettings.defaults().withUsers(200);

    @TempDir
    Path dir;

    @Test
    void readsIdsTagsDurationsAndDates() throws IOException {
        Path csv = write(HEADER,
                "0,7349781,NORMAL,2022-04-10,LongImport,0.0,87433.0,720.0,1280.0,9155697141,9.0,39",
                "5,8367059,NORMAL,2022-04-10,Web,0.0,358016.0,960.0,720.0,9148581891,9.0,\"20,43\"",
                "7,7676925,NORMAL,2022-04-11,LongPicture,0.0,,720.0,1440.0,6355540435,8.0,\"20,67\"",
                "9,7349781,NORMAL,2022-04-09,Web,0.0,9233.0,720.0,1280.0,6618412736,4.0,");
        SyntheticWorld world = SyntheticWorld.fromKuaiRandCatalog(csv, SETTINGS);

        assertThat(world.catalog()).extracting(Video::videoId).containsExactly("v0", "v5", "v7", "v9");
        assertThat(world.catalog()).extracting(Video::creatorId)
                .containsExactly("c7349781", "c8367059", "c7676925", "c7349781");
        assertThat(world.catalog()).extracting(Video::tags)
                .containsExactly(List.of("k39"), List.of("k20", "k43"), List.of("k20", "k67"), List.of());
        assertThat(world.video(0).durationMs()).isEqualTo(87_433L);
        assertThat(world.video(1).durationMs()).isEqualTo(358_016L);
        assertThat(world.video(2).durationMs()).as("drawn when the file has none").isBetween(5_000L, 180_000L);
        assertThat(world.video(3).publishedTs()).isBetween(epochMs("2022-04-09"), epochMs("2022-04-10") - 1);
        assertThat(world.topicOf(1)).isEqualTo(world.topicOf(2)).isNotEqualTo(world.topicOf(0));
        assertThat(world.topicOf(3)).as("untagged videos share a topic of their own")
                .isNotIn(world.topicOf(0), world.topicOf(1));
        assertThat(world.video(2).embedding()).hasSize(SETTINGS.embeddingDim());
        assertThat(world.spec().build().catalog()).isEqualTo(world.catalog());
    }

    @Test
    void badRowsNameTheirLine() throws IOException {
        Path shortRow = write(HEADER, "0,1,NORMAL,2022-04-10,Web,0.0,1000.0,720.0,1280.0,1,9.0,3", "1,2,NORMAL");
        assertThatThrownBy(() -> SyntheticWorld.fromKuaiRandCatalog(shortRow, SETTINGS))
                .hasMessageContaining(":3 has 3 fields");
        Path badDate = write(HEADER, "0,1,NORMAL,April,Web,0.0,1000.0,720.0,1280.0,1,9.0,3");
        assertThatThrownBy(() -> SyntheticWorld.fromKuaiRandCatalog(badDate, SETTINGS))
                .hasMessageContaining(":2 is not a KuaiRand video row");
        Path noTags = write("video_id,author_id,upload_dt,video_duration", "0,1,2022-04-10,1000");
        assertThatThrownBy(() -> SyntheticWorld.fromKuaiRandCatalog(noTags, SETTINGS))
                .hasMessageContaining("no column tag");
    }

    @Test
    void loadsTheRealKuaiRandCatalog() throws Exception {
        Path real = SharedData.kuaiRandVideos();
        assumeThat(Files.exists(real))
                .as("KuaiRand catalog not found at %s; this test reads the real data set when present", real)
                .isTrue();
        SyntheticWorld world = SyntheticWorld.fromKuaiRandCatalog(real, SETTINGS);

        assertThat(world.videoCount()).isEqualTo(7_583);
        assertThat(world.catalog()).allMatch(v -> v.videoId().matches("v\\d+") && v.creatorId().matches("c\\d+"));
        assertThat(world.catalog()).flatExtracting(Video::tags).allMatch(tag -> tag.matches("k\\d+"));
        assertThat(world.catalog().stream().filter(v -> v.tags().isEmpty()).count()).isEqualTo(96);
        assertThat(world.catalog().stream().map(Video::creatorId).distinct().count()).isEqualTo(6_510);
        assertThat(world.catalog()).allMatch(v -> v.publishedTs() >= epochMs("2022-04-09")
                && v.publishedTs() < epochMs("2022-04-12") && v.durationMs() > 0);

        EngagementGenerator engagements = new EngagementGenerator(world);
        for (long i = 0; i < 2_000; i++) {
            String videoId = StrictEngagements.parse(engagements.map(i).value()).orElseThrow().videoId();
            assertThat(world.videoIndex(videoId)).isPresent();
        }
    }

    private Path write(String... lines) throws IOException {
        Path csv = Files.createTempFile(dir, "videos", ".csv");
        return Files.write(csv, List.of(lines));
    }

    private static long epochMs(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
