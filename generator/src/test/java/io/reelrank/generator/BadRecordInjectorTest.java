package io.reelrank.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.reelrank.generator.BadRecordInjector.Defect;
import io.reelrank.udf.ingest.RawRecord;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BadRecordInjectorTest {

    private final EngagementGenerator engagements =
            new EngagementGenerator(SyntheticWorld.create(WorldSettings.defaults()));

    @Test
    void exactlyEveryMthRecordIsBrokenAndOnlyThose() throws Exception {
        BadRecordInjector injector = new BadRecordInjector(engagements, 7);
        int bad = 0;
        Set<Defect> seen = EnumSet.noneOf(Defect.class);
        for (long i = 0; i < 10_000; i++) {
            RawRecord record = injector.map(i);
            boolean valid = StrictEngagements.parse(record.value()).isPresent();
            assertThat(valid).as("record %d", i).isEqualTo((i + 1) % 7 != 0);
            if (valid) {
                assertThat(record.value()).isEqualTo(engagements.map(i).value());
            } else {
                bad++;
                seen.add(injector.defectAt(i));
                assertThat(record.offset()).isEqualTo(i);
            }
        }
        assertThat(bad).isEqualTo(10_000 / 7);
        assertThat(seen).containsExactlyInAnyOrder(Defect.values());
    }

    @Test
    void theInjectionIsDeterministic() throws Exception {
        BadRecordInjector one = new BadRecordInjector(engagements, 3);
        BadRecordInjector other = new BadRecordInjector(
                new EngagementGenerator(SyntheticWorld.create(WorldSettings.defaults())), 3);
        for (long i = 0; i < 60; i++) {
            assertThat(other.map(i).value()).isEqualTo(one.map(i).value());
        }
    }

    @Test
    void zeroInjectsNothing() throws Exception {
        BadRecordInjector off = new BadRecordInjector(engagements, 0);
        for (long i = 0; i < 100; i++) {
            assertThat(off.defectAt(i)).isNull();
            assertThat(off.map(i).value()).isEqualTo(engagements.map(i).value());
        }
        assertThatThrownBy(() -> new BadRecordInjector(engagements, -1)).hasMessageContaining("use 0");
    }
}
