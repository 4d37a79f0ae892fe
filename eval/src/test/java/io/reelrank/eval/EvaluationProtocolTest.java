package io.reelrank.eval;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Video;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EvaluationProtocolTest {

    private final List<Video> catalog = IntStream.range(0, 300)
            .mapToObj(i -> new Video("v" + i, "c", List.of(), 1000, 0, new float[0], false)).toList();

    /** u1 watches v0..v9 at t = 10, 20, ..., 100 but in file order reversed; u2 has one video. */
    private List<Engagement> engagements() {
        List<Engagement> engagements = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            engagements.add(play("u1", "v" + i, 10L * (i + 1)));
        }
        engagements.add(new Engagement("again", "u1", "v3", Action.LIKE, null, 500)); // re-engagement: v3 stays at t=40
        engagements.add(play("u2", "v5", 42));
        return engagements;
    }

    @Test
    void testPositiveIsTheLastEngagedVideoByTimeAndTrainingPointsPrecedeIt() {
        List<ProtocolRequest> requests = new EvaluationProtocol(7, 100, 2).requests(catalog, engagements());

        assertThat(requests).extracting(ProtocolRequest::requestId, ProtocolRequest::positive, ProtocolRequest::ts)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("train2-u1", "v7", 79L),
                        org.assertj.core.groups.Tuple.tuple("train1-u1", "v8", 89L),
                        org.assertj.core.groups.Tuple.tuple("test-u1", "v9", 99L));
        assertThat(requests).filteredOn(ProtocolRequest::test).extracting(ProtocolRequest::requestId)
                .containsExactly("test-u1"); // u2 has no history before its only video
    }

    @Test
    void tiesInTimeAreBrokenByVideoId() {
        List<Engagement> tied = List.of(play("u", "b", 5), play("u", "a", 10), play("u", "c", 10));
        assertThat(EvaluationProtocol.timelines(tied).get("u"))
                .extracting(EvaluationProtocol.Engaged::videoId).containsExactly("b", "a", "c");
        assertThat(new EvaluationProtocol(1, 5, 0).requests(catalog, tied).get(0).positive()).isEqualTo("c");
    }

    @Test
    void negativesAreDistinctVideosTheUserNeverEngagedWith() {
        Set<String> engaged = new HashSet<>();
        engagements().stream().filter(e -> e.userId().equals("u1")).forEach(e -> engaged.add(e.videoId()));
        for (ProtocolRequest request : new EvaluationProtocol(7, 100, 2).requests(catalog, engagements())) {
            assertThat(request.candidates()).hasSize(101).doesNotHaveDuplicates().contains(request.positive());
            List<String> negatives = request.candidates().stream().filter(c -> !c.equals(request.positive())).toList();
            assertThat(negatives).noneMatch(engaged::contains);
        }
    }

    @Test
    void theSameSeedGivesTheSameCandidatesAndAnotherSeedOthers() {
        List<ProtocolRequest> first = new EvaluationProtocol(7, 100, 2).requests(catalog, engagements());
        List<ProtocolRequest> again = new EvaluationProtocol(7, 100, 2).requests(catalog, engagements());
        List<ProtocolRequest> other = new EvaluationProtocol(8, 100, 2).requests(catalog, engagements());
        assertThat(again).isEqualTo(first);
        assertThat(other.get(0).candidates()).isNotEqualTo(first.get(0).candidates());
    }

    @Test
    void aSmallCatalogGivesEveryUnengagedVideo() {
        List<ProtocolRequest> requests = new EvaluationProtocol(7, 100, 0)
                .requests(catalog.subList(0, 15), engagements());
        assertThat(requests.get(0).candidates()).hasSize(6) // v9 plus the 5 of v0..v14 never engaged
                .containsExactlyInAnyOrder("v9", "v10", "v11", "v12", "v13", "v14");
    }

    private static Engagement play(String user, String video, long ts) {
        return new Engagement(user + video + ts, user, video, Action.PLAY, 1000L, ts);
    }
}
