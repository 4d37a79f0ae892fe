package io.reelrank.udf.scoring;

import ai.onnxruntime.OrtSession;

/** A native session in {@link SharedOrtSessions}, with the number of open leases on it (guarded by the cache). */
final class CachedSession {

    final String key;
    final OrtSession session;
    final ScoringDevice device;
    int leases;

    CachedSession(String key, OrtSession session, ScoringDevice device) {
        this.key = key;
        this.session = session;
        this.device = device;
    }
}
