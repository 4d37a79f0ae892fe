package io.reelrank.udf.scoring;

import io.reelrank.udf.model.TestModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import ai.onnxruntime.OrtSession;
import io.reelrank.udf.model.LoadedModel;
import org.junit.jupiter.api.Test;

class SharedOrtSessionsTest {

    private final SessionSettings settings = SessionSettings.defaults();

    @Test
    void twoAcquiresOfOneModelShareOneSession() throws Exception {
        LoadedModel model = TestModels.linear();
        try (SharedOrtSessions.Lease first = SharedOrtSessions.acquire(model, settings);
                SharedOrtSessions.Lease second = SharedOrtSessions.acquire(TestModels.linear(), settings)) {
            assertThat(second.session()).isSameAs(first.session());
        }
    }

    @Test
    void theNewestModelsSessionSurvivesItsLastRelease() throws Exception {
        LoadedModel model = TestModels.linear();
        OrtSession before;
        try (SharedOrtSessions.Lease lease = SharedOrtSessions.acquire(model, settings)) {
            before = lease.session();
        }
        assertThat(SharedOrtSessions.isCached(model.sha256())).isTrue();

        try (SharedOrtSessions.Lease again = SharedOrtSessions.acquire(model, settings)) {
            assertThat(again.session()).as("a restarted scorer reuses the loaded session").isSameAs(before);
        }
    }

    @Test
    void anOlderModelsSessionClosesOnceNobodyLeasesIt() throws Exception {
        LoadedModel old = TestModels.linear();
        LoadedModel newer = TestModels.unregistered("flat-output");
        SharedOrtSessions.Lease oldLease = SharedOrtSessions.acquire(old, settings);
        try (SharedOrtSessions.Lease newLease = SharedOrtSessions.acquire(newer, settings)) {
            assertThat(SharedOrtSessions.isCached(old.sha256())).as("still leased by a slot that has not swapped").isTrue();

            oldLease.close();

            assertThat(SharedOrtSessions.isCached(old.sha256())).isFalse();
            assertThat(SharedOrtSessions.isCached(newer.sha256())).isTrue();
            assertThat(newLease.session().getInputNames()).containsExactly("features");
        }
    }

    @Test
    void aReleasedLeaseCannotBeUsed() throws Exception {
        SharedOrtSessions.Lease lease = SharedOrtSessions.acquire(TestModels.linear(), settings);
        lease.close();
        lease.close();

        assertThatThrownBy(lease::session).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
    }
}
