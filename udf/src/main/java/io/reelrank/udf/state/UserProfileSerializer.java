package io.reelrank.udf.state;

import io.reelrank.udf.features.UserProfile;
import io.reelrank.udf.state.StateParts.StringFormat;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes {@link UserProfile} as the separate "user-profile" state held it before {@link
 * UserState}: tags, creators, embedding, recent videos (see {@link StateParts}), then
 * engagements and lastEventTs, strings as {@link StringFormat#STRING_VALUE}. Kept so that
 * savepoints with that state restore ({@link LegacyUserState}); its layout must not change.
 * {@link UserStateSerializer} writes the same fields with UTF-8 strings.
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
        write(profile, StringFormat.STRING_VALUE, out);
    }

    @Override
    public UserProfile deserialize(DataInputView in) throws IOException {
        return read(StringFormat.STRING_VALUE, in);
    }

    /** The profile's fields in this layout, with its strings in {@code format}. */
    static void write(UserProfile profile, StringFormat format, DataOutputView out) throws IOException {
        StateParts.writeWeights(profile.tags, format, out);
        StateParts.writeWeights(profile.creators, format, out);
        StateParts.writeEmbedding(profile.embedding, out);
        StateParts.writeRecent(profile.recent, format, out);
        out.writeLong(profile.engagements);
        out.writeLong(profile.lastEventTs);
    }

    static UserProfile read(StringFormat format, DataInputView in) throws IOException {
        UserProfile profile = new UserProfile();
        profile.tags = StateParts.readWeights(format, in);
        profile.creators = StateParts.readWeights(format, in);
        profile.embedding = StateParts.readEmbedding(in);
        profile.recent = StateParts.readRecent(format, in);
        profile.engagements = in.readLong();
        profile.lastEventTs = in.readLong();
        return profile;
    }

    @Override
    public TypeSerializerSnapshot<UserProfile> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link UserProfileSerializer}; public with a no-argument constructor for Flink. */
    public static class Snapshot extends StateValueSerializer.Snapshot<UserProfile> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
