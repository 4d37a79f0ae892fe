package io.reelrank.udf.scoring;

import io.reelrank.udf.model.TestModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import ai.onnxruntime.OrtSession;
import io.reelrank.udf.model.LoadedModel;
import org.junit.jupiter.api.Test;

class SharedOrtSessionsTest {

    private final SessionSettings settings = SessionSettings.defaults();
    private final SharedOrtSessions sessions = TaskManagerShared.sessions();

    @Test
    void twoAcquiresOfOneModelShareOneSession() throws Exception {
        LoadedModel model = TestModels.linear();
        try (SessionLease first = sessions.acquire(model, settings);
                SessionLease second = sessions.acquire(TestModels.linear(), settings)) {
            assertThat(second.session()).isSameAs(first.session());
        }
    }

    @Test
    void theNewestModelsSessionSurvivesItsLastRelease() throws Exception {
        LoadedModel model = TestModels.linear();
        OrtSession before;
        try (SessionLease lease = sessions.acquire(model, settings)) {
            before = lease.session();
        }
        assertThat(sessions.isCached(model.sha256())).isTrue();

        try (SessionLease again = sessions.acquire(model, settings)) {
            assertThat(again.session()).as("a restarted scorer reuses the loaded session").isSameAs(before);
        }
    }

    @Test
    void anOlderModelsSessionClosesOnceNobodyLeasesIt() throws Exception {
        LoadedModel old = TestModels.linear();
        LoadedModel newer = TestModels.unregistered("flat-output");
        SessionLease oldLease = sessions.acquire(old, settings);
        try (SessionLease newLease = sessions.acquire(newer, settings)) {
            assertThat(sessions.isCached(old.sha256())).as("still leased by a slot that has not swapped").isTrue();

            oldLease.close();

            assertThat(sessions.isCached(old.sha256())).isFalse();
            assertThat(sessions.isCached(newer.sha256())).isTrue();
            assertThat(newLease.session().getInputNames()).containsExactly("features");
        }
    }

    @Test
    void aReleasedLeaseCannotBeUsed() throws Exception {
        SessionLease lease = sessions.acquire(TestModels.linear(), settings);
        lease.close();
        lease.close();

        assertThatThrownBy(lease::session).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
    }
}
