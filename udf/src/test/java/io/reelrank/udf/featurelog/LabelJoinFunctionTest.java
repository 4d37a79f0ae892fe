package io.reelrank.udf.featurelog;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabelJoinFunctionTest {
    private static final long T0 = 1_767_225_600_000L;
    private static final long MIN = 60_000L;
    private static final Duration HORIZON = Duration.ofMinutes(30);

    private KeyedTwoInputStreamOperatorTestHarness<String, FeatureLogRow, Engagement, TrainingExample> harness;
    private int events;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new LabelJoinFunction(HORIZON),
                row -> LabelJoinFunction.key(row.userId(), row.videoId()),
                engagement -> LabelJoinFunction.key(engagement.userId(), engagement.videoId()), Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aPlayWithinTheHorizonMakesAPositiveWhenTheHorizonCloses() throws Exception {
        FeatureLogRow row = row("r1", "u1", "v1", T0);
        harness.processElement1(row, T0);
        engage("u1", "v1", Action.PLAY, T0 + 29 * MIN);

        watermark(T0 + HORIZON.toMillis() - 1);
        assertThat(harness.extractOutputValues()).as("a later engagement could still join the example").isEmpty();
        watermark(T0 + HORIZON.toMillis());
        assertThat(harness.extractOutputValues()).singleElement().satisfies(example -> {
            assertThat(example.label()).isEqualTo(1);
            assertThat(example.labelAction()).isEqualTo("play");
            assertThat(example.actions()).containsExactly("play");
            assertThat(example.watchMs()).isEqualTo(1_000L);
            assertThat(example.features()).containsExactly(row.features());
            assertThat(example.modelVersion()).isEqualTo("ranker/3");
            assertThat(example.featureSpecHash()).isEqualTo("hash");
            assertThat(example.score()).isEqualTo(0.25f);
        });
        engage("u1", "v1", Action.LIKE, T0 + 30 * MIN);
        watermark(T0 + 3 * HORIZON.toMillis());
        assertThat(harness.extractOutputValues()).as("labelled once, never again").hasSize(1);
        assertNoStateLeft();
    }

    @Test
    void anEngagementBeforeTheRowArrivesStillLabelsIt() throws Exception {
        engage("u1", "v1", Action.SHARE, T0 + 5 * MIN);
        harness.processElement1(row("r1", "u1", "v1", T0), T0);

        watermark(T0 + HORIZON.toMillis());
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(example -> assertThat(example.labelAction()).isEqualTo("share"));
        watermark(T0 + 2 * HORIZON.toMillis());
        assertNoStateLeft();
    }

    @Test
    void noPositiveWithinTheHorizonMakesANegativeWhenTheWatermarkPassesIt() throws Exception {
        harness.processElement1(row("r1", "u1", "v1", T0), T0);
        engage("u1", "v1", Action.PLAY, T0 - MIN); // before the request: not a response to it
        engage("u1", "v2", Action.PLAY, T0 + MIN); // another video
        engage("u2", "v1", Action.PLAY, T0 + MIN); // another user

        watermark(T0 + HORIZON.toMillis() - 1);
        assertThat(harness.extractOutputValues()).as("horizon still open").isEmpty();
        watermark(T0 + HORIZON.toMillis());
        assertThat(harness.extractOutputValues()).singleElement().satisfies(example -> {
            assertThat(example.label()).isZero();
            assertThat(example.labelAction()).isNull();
            assertThat(example.actions()).isEmpty();
            assertThat(example.watchMs()).isZero();
        });
        engage("u1", "v1", Action.PLAY, T0 + HORIZON.toMillis() + MIN);
        assertThat(harness.extractOutputValues()).as("a play after the horizon changes nothing").hasSize(1);
        watermark(T0 + 3 * HORIZON.toMillis());
        assertNoStateLeft();
    }

    @Test
    void theExampleCarriesEveryActionWithinTheHorizonAndTheLongestWatch() throws Exception {
        harness.processElement1(row("r1", "u1", "v1", T0), T0);
        engage("u1", "v1", Action.FOLLOW, T0 - MIN, null); // before the request
        engage("u1", "v1", Action.SKIP, T0, null); // at the request time: within
        engage("u1", "v1", Action.IMPRESSION, T0 + MIN, null);
        engage("u1", "v1", Action.PLAY, T0 + 2 * MIN, 4_000L);
        engage("u1", "v1", Action.COMMENT, T0 + 3 * MIN, null);
        engage("u1", "v1", Action.PLAY, T0 + 4 * MIN, 9_000L);
        engage("u1", "v1", Action.LIKE, T0 + HORIZON.toMillis(), null); // at the horizon: within
        engage("u1", "v1", Action.SHARE, T0 + HORIZON.toMillis() + 1, null); // after it

        watermark(T0 + HORIZON.toMillis());
        assertThat(harness.extractOutputValues()).singleElement().satisfies(example -> {
            assertThat(example.actions()).containsExactly("comment", "like", "play", "skip");
            assertThat(example.watchMs()).isEqualTo(9_000L);
            assertThat(example.label()).isEqualTo(1);
            assertThat(example.labelAction()).as("the earliest positive").isEqualTo("play");
        });
        watermark(T0 + 3 * HORIZON.toMillis());
        assertNoStateLeft();
    }

    @Test
    void onlyNonPositiveActionsMakeANegativeThatStillRecordsThem() throws Exception {
        harness.processElement1(row("r1", "u1", "v1", T0), T0);
        for (Action action : List.of(Action.IMPRESSION, Action.COMMENT, Action.FOLLOW, Action.SKIP, Action.SKIP)) {
            engage("u1", "v1", action, T0 + MIN, null);
        }

        watermark(T0 + HORIZON.toMillis());
        assertThat(harness.extractOutputValues()).singleElement().satisfies(example -> {
            assertThat(example.label()).isZero();
            assertThat(example.labelAction()).isNull();
            assertThat(example.actions()).containsExactly("comment", "follow", "skip");
        });
        watermark(T0 + 3 * HORIZON.toMillis());
        assertNoStateLeft();
    }

    @Test
    void theLabelActionIsTheEarliestPositiveWhateverTheArrivalOrder() throws Exception {
        harness.processElement1(row("r1", "u1", "v1", T0), T0);
        harness.processElement1(row("r1", "u1", "v2", T0), T0);
        engage("u1", "v1", Action.LIKE, T0 + 10 * MIN, null);
        engage("u1", "v1", Action.SHARE, T0 + 5 * MIN, null);
        engage("u1", "v2", Action.SHARE, T0 + 5 * MIN, null);
        engage("u1", "v2", Action.LIKE, T0 + 5 * MIN, null); // same time: the lower action code wins

        watermark(T0 + HORIZON.toMillis());
        assertThat(harness.extractOutputValues())
                .extracting(TrainingExample::videoId, TrainingExample::labelAction)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("v1", "share"),
                        org.assertj.core.groups.Tuple.tuple("v2", "like"));
        watermark(T0 + 3 * HORIZON.toMillis());
        assertNoStateLeft();
    }

    @Test
    void everyWaitingRowOfTheSameUserAndVideoIsLabelled() throws Exception {
        harness.processElement1(row("r1", "u1", "v1", T0), T0);
        harness.processElement1(row("r2", "u1", "v1", T0 + 10 * MIN), T0 + 10 * MIN);
        engage("u1", "v1", Action.PLAY, T0 + 35 * MIN); // within r2's horizon only

        watermark(T0 + 35 * MIN + HORIZON.toMillis());
        assertThat(harness.extractOutputValues())
                .extracting(TrainingExample::requestId, TrainingExample::label)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("r1", 0),
                        org.assertj.core.groups.Tuple.tuple("r2", 1));
        assertNoStateLeft();
    }

    @Test
    void aLateRowIsLabelledAtOnceFromTheEngagementsStillHeld() throws Exception {
        engage("u1", "v1", Action.PLAY, T0 + 20 * MIN);
        watermark(T0 + HORIZON.toMillis() + MIN);
        harness.processElement1(row("late-positive", "u1", "v1", T0), T0);
        harness.processElement1(row("late-negative", "u1", "v2", T0), T0);

        assertThat(harness.extractOutputValues())
                .extracting(TrainingExample::requestId, TrainingExample::label, e -> List.of(e.actions()))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("late-positive", 1, List.of("play")),
                        org.assertj.core.groups.Tuple.tuple("late-negative", 0, List.of()));
        watermark(T0 + 3 * HORIZON.toMillis());
        assertNoStateLeft();
    }

    @Test
    void anEngagementIsHeldForOneHorizonWithoutARowAndImpressionsNotAtAll() throws Exception {
        engage("u1", "v1", Action.IMPRESSION, T0);
        assertThat(harness.numKeyedStateEntries()).as("impressions are never held").isZero();
        engage("u1", "v1", Action.SKIP, T0);
        watermark(T0 + HORIZON.toMillis() - 1);
        assertThat(harness.numKeyedStateEntries()).as("a row may still come for it").isOne();
        watermark(T0 + HORIZON.toMillis());
        assertNoStateLeft();
        engage("u1", "v1", Action.PLAY, T0 - MIN); // a horizon behind the watermark: not held
        assertNoStateLeft();
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void configuredPositiveActionsReplaceTheDefault() throws Exception {
        harness.close();
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new LabelJoinFunction(HORIZON, java.util.EnumSet.of(Action.SKIP)),
                row -> LabelJoinFunction.key(row.userId(), row.videoId()),
                engagement -> LabelJoinFunction.key(engagement.userId(), engagement.videoId()), Types.STRING);
        harness.processElement1(row("r1", "u1", "v1", T0), T0);
        harness.processElement1(row("r1", "u1", "v2", T0), T0);
        engage("u1", "v1", Action.SKIP, T0 + MIN);
        engage("u1", "v2", Action.PLAY, T0 + MIN); // no longer positive

        watermark(T0 + 2 * HORIZON.toMillis());
        assertThat(harness.extractOutputValues())
                .extracting(TrainingExample::videoId, TrainingExample::label, TrainingExample::labelAction,
                        e -> List.of(e.actions()))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("v1", 1, "skip", List.of("skip")),
                        org.assertj.core.groups.Tuple.tuple("v2", 0, null, List.of("play")));
        assertNoStateLeft();
    }

    @Test
    void anImpressionConfiguredAsPositiveLabelsButIsNoAction() throws Exception {
        harness.close();
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new LabelJoinFunction(HORIZON, java.util.EnumSet.allOf(Action.class)),
                row -> LabelJoinFunction.key(row.userId(), row.videoId()),
                engagement -> LabelJoinFunction.key(engagement.userId(), engagement.videoId()), Types.STRING);
        harness.processElement1(row("r1", "u1", "v1", T0), T0);
        engage("u1", "v1", Action.IMPRESSION, T0 + MIN);

        watermark(T0 + 2 * HORIZON.toMillis());
        assertThat(harness.extractOutputValues()).singleElement().satisfies(example -> {
            assertThat(example.label()).isEqualTo(1);
            assertThat(example.labelAction()).isEqualTo("impression");
            assertThat(example.actions()).isEmpty();
        });
        assertNoStateLeft();
    }

    @Test
    void refusesAnEmptySetOfPositiveActions() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new LabelJoinFunction(HORIZON, java.util.EnumSet.noneOf(Action.class)))
                .hasMessageContaining("positive");
    }

    @Test
    void refusesANonPositiveHorizon() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LabelJoinFunction(Duration.ZERO))
                .hasMessageContaining("horizon");
    }

    private void assertNoStateLeft() {
        assertThat(harness.numKeyedStateEntries()).as("keyed state entries").isZero();
        assertThat(harness.numEventTimeTimers()).as("event-time timers").isZero();
    }

    private void engage(String user, String video, Action action, long ts) throws Exception {
        engage(user, video, action, ts, action == Action.PLAY ? 1_000L : null);
    }

    private void engage(String user, String video, Action action, long ts, Long watchMs) throws Exception {
        harness.processElement2(new Engagement("e-" + events++, user, video, action, watchMs, ts), ts);
    }

    private void watermark(long ts) throws Exception {
        harness.processBothWatermarks(new Watermark(ts));
    }

    static FeatureLogRow row(String request, String user, String video, long ts) {
        return new FeatureLogRow(request, user, video, "request", ts, "ranker/3", "hash", 0.25f,
                new float[] {0.5f, -1f, 3f});
    }
}
