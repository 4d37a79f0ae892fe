package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.rank.FeatureSpec;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingCsvTest {

    @Test
    void writesTheSpecHashTheHeaderAndOneLabelledRowPerCandidate() {
        FeatureSpec spec = FeatureSpec.bundled();
        int width = spec.names().size();
        float[] features = new float[2 * width];
        for (int i = 0; i < features.length; i++) {
            features[i] = i * 0.5f;
        }
        ScoringTask task = new ScoringTask("r-1", "u1", Trigger.REQUEST, 1_000L, 10,
                new String[] {"v1", "v2"}, new String[] {"c1", null}, features, width, 0L);
        List<String> written = new ArrayList<>(TrainingCsv.headerLines(spec));
        written.add(TrainingCsv.row(task, 1, true));
        written.add(TrainingCsv.row(task, 0, false));

        String[] lines = written.toArray(String[]::new);
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("# feature_spec_hash=" + spec.hash());
        assertThat(lines[1]).isEqualTo("request_id,user_id,video_id,label," + String.join(",", spec.names()));
        String[] second = lines[2].split(",");
        assertThat(second).hasSize(4 + width);
        assertThat(second).startsWith("r-1", "u1", "v2", "1");
        assertThat(Float.parseFloat(second[4])).isEqualTo(width * 0.5f);
        assertThat(Float.parseFloat(second[3 + width])).isEqualTo((2 * width - 1) * 0.5f);
        assertThat(lines[3]).startsWith("r-1,u1,v1,0,0.0,0.5,");
    }
}
