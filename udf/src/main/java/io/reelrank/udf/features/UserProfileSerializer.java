package io.reelrank.udf.features;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes {@link UserProfile} in keyed state: tags, creators, embedding, recent videos (see
 * {@link StateParts}), then engagements and lastEventTs. The layout is version 1 of {@link
 * Snapshot}; a change to it needs a new snapshot version that can still read this one.
 */
public final class UserProfileSerializer extends StateValueSerializer<UserProfile> {

    private static final long serialVersionUID = 1L;

    public static final UserProfileSerializer INSTANCE = new UserProfileSerializer();

    @Override
    public UserProfile createInstance() {
        return new UserProfile();
    }

    @Override
    public UserProfile copy(UserProfile from) {
        if (from == null) {
            return null;
        }
        UserProfile copy = new UserProfile();
        copy.tags = StateParts.copy(from.tags);
        copy.creators = StateParts.copy(from.creators);
        copy.embedding = StateParts.copy(from.embedding);
        copy.recent = StateParts.copy(from.recent);
        copy.engagements = from.engagements;
        copy.lastEventTs = from.lastEventTs;
        return copy;
    }

    @Override
    public void serialize(UserProfile profile, DataOutputView out) throws IOException {
        StateParts.writeWeights(profile.tags, out);
        StateParts.writeWeights(profile.creators, out);
        StateParts.writeEmbedding(profile.embedding, out);
        StateParts.writeRecent(profile.recent, out);
        out.writeLong(profile.engagements);
        out.writeLong(profile.lastEventTs);
    }

    @Override
    public UserProfile deserialize(DataInputView in) throws IOException {
        UserProfile profile = new UserProfile();
        profile.tags = StateParts.readWeights(in);
        profile.creators = StateParts.readWeights(in);
        profile.embedding = StateParts.readEmbedding(in);
        profile.recent = StateParts.readRecent(in);
        profile.engagements = in.readLong();
        profile.lastEventTs = in.readLong();
        return profile;
    }

    @Override
    public TypeSerializerSnapshot<UserProfile> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link UserProfileSerializer}; public with a no-argument constructor for Flink. */
    public static final class Snapshot extends StateValueSerializer.Snapshot<UserProfile> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
