package io.reelrank.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.reelrank.udf.ingest.EngagementParser;
import io.reelrank.udf.ingest.RankRequestParser;
import io.reelrank.udf.ingest.VideoParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFilesTest {

    @TempDir
    Path dir;

    @Test
    void jsonLinesAreKeyedTimedAndSentByteForByte() throws Exception {
        String good = "{\"event_id\":\"e-1\",\"user_id\":\"u42\",\"video_id\":\"v7\",\"action\":\"play\",\"watch_ms\":8300,\"ts\":2000}";
        Path file = write("engagements.jsonl", good, "", "{\"user_id\":\"u1\",\"ts\":", "[1,2]");

        List<ReplayRecord> records = ReplayFiles.read(file, InputKind.ENGAGEMENTS);

        assertThat(records).hasSize(3);
        assertThat(records.get(0).key()).isEqualTo("u42");
        assertThat(records.get(0).eventTs()).isEqualTo(2000);
        assertThat(records.get(0).readable()).isTrue();
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(good);
        // Broken lines keep their text, no key, and the time of the line before them.
        assertThat(records.subList(1, 3)).allSatisfy(r -> {
            assertThat(r.readable()).isFalse();
            assertThat(r.key()).isNull();
            assertThat(r.eventTs()).isEqualTo(2000);
        });
        assertThat(records.get(1).origin()).isEqualTo("engagements.jsonl:3");
        assertThat(new String(records.get(2).value(), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
    }

    @Test
    void csvRowsBecomeContractJsonThatTheJobParses() throws Exception {
        Path engagements = write("e.csv", "event_id,user_id,video_id,action,watch_ms,ts",
                "e-1,u1,v1,play,1200,1767225601000", "e-2,u1,v2,like,,1767225601500", "e-3,u2,v1,play,oops,1767225601600", "too,few");
        Path videos = write("v.csv", "video_id,creator_id,tags,duration_ms,published_ts,embedding,deleted",
                "v1,c1,food|travel,15000,1767225000000,0.1|-0.3,false");
        Path requests = write("r.csv", "request_id,user_id,candidates,n,ts", "r-1,u1,\"v1|v2\",10,1767225601700");

        List<ReplayRecord> e = ReplayFiles.read(engagements, InputKind.ENGAGEMENTS);
        List<ReplayRecord> v = ReplayFiles.read(videos, InputKind.VIDEOS);
        List<ReplayRecord> r = ReplayFiles.read(requests, InputKind.RANK_REQUESTS);

        assertThat(new EngagementParser().parse(e.get(0).value()).reason()).isNull();
        assertThat(new EngagementParser().parse(e.get(1).value()).reason()).isNull();
        assertThat(new EngagementParser().parse(e.get(2).value()).isOk()).as("watch_ms 'oops'").isFalse();
        assertThat(e.get(2).readable()).as("key and time are fine; the job names the bad field").isTrue();
        assertThat(e.get(3).readable()).isFalse();
        assertThat(new String(e.get(3).value(), StandardCharsets.UTF_8)).isEqualTo("too,few");
        assertThat(new VideoParser().parse(v.get(0).value()).value().tags()).containsExactly("food", "travel");
        assertThat(v.get(0).key()).isEqualTo("v1");
        assertThat(v.get(0).eventTs()).isEqualTo(1767225000000L);
        assertThat(new RankRequestParser().parse(r.get(0).value()).value().candidates()).containsExactly("v1", "v2");
    }

    @Test
    void filesMergeInEventTimeOrderWithVideosFirstOnTies() throws Exception {
        List<ReplayRecord> videos = ReplayFiles.read(write("v.jsonl",
                "{\"video_id\":\"v1\",\"published_ts\":100}", "{\"video_id\":\"v2\",\"published_ts\":300}"), InputKind.VIDEOS);
        List<ReplayRecord> engagements = ReplayFiles.read(write("e.jsonl",
                "{\"user_id\":\"u1\",\"ts\":300}", "garbage", "{\"user_id\":\"u2\",\"ts\":200}"), InputKind.ENGAGEMENTS);
        List<ReplayRecord> requests = ReplayFiles.read(write("r.jsonl",
                "{\"user_id\":\"u1\",\"ts\":250}"), InputKind.RANK_REQUESTS);

        List<ReplayRecord> merged = ReplayFiles.merge(List.of(videos, engagements, requests));

        assertThat(merged).extracting(ReplayRecord::origin).containsExactly(
                "v.jsonl:1", "e.jsonl:3", "r.jsonl:1", "v.jsonl:2", "e.jsonl:1", "e.jsonl:2");
    }

    @Test
    void aLineThatIsNotUtf8IsSentWithItsOwnBytes() throws Exception {
        byte[] bad = {'{', '"', 'u', 's', 'e', 'r', '_', 'i', 'd', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'};
        Path file = dir.resolve("engagements.jsonl");
        Files.write(file, concat("{\"user_id\":\"u1\",\"ts\":5}\r\n".getBytes(StandardCharsets.UTF_8), bad));

        List<ReplayRecord> records = ReplayFiles.read(file, InputKind.ENGAGEMENTS);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).readable()).isTrue();
        assertThat(records.get(1).readable()).isFalse();
        assertThat(records.get(1).value()).isEqualTo(bad);
    }

    @Test
    void unknownExtensionsAreRefusedWithAHint() throws Exception {
        Path file = write("engagements.txt", "{}");
        assertThatThrownBy(() -> ReplayFiles.read(file, InputKind.ENGAGEMENTS))
                .hasMessageContaining("*.jsonl").hasMessageContaining("*.csv");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private Path write(String name, String... lines) throws Exception {
        return Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
    }
}
