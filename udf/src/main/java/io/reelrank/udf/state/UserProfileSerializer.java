package io.reelrank.udf.state;

import io.reelrank.udf.features.UserProfile;
import io.reelrank.udf.state.StateCodec.StringFormat;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes {@link UserProfile} as the separate "user-profile" state held it before {@link
 * UserState}: tags and creators ({@link DecayedWeightsLayout}), embedding ({@link
 * EmbeddingProfileLayout}), recent videos ({@link RecentVideosLayout}), then
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
        copy.tags = DecayedWeightsLayout.copy(from.tags);
        copy.creators = DecayedWeightsLayout.copy(from.creators);
        copy.embedding = EmbeddingProfileLayout.copy(from.embedding);
        copy.recent = RecentVideosLayout.copy(from.recent);
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
        DecayedWeightsLayout.write(profile.tags, format, out);
        DecayedWeightsLayout.write(profile.creators, format, out);
        EmbeddingProfileLayout.write(profile.embedding, out);
        RecentVideosLayout.write(profile.recent, format, out);
        out.writeLong(profile.engagements);
        out.writeLong(profile.lastEventTs);
    }

    static UserProfile read(StringFormat format, DataInputView in) throws IOException {
        UserProfile profile = new UserProfile();
        profile.tags = DecayedWeightsLayout.read(format, in);
        profile.creators = DecayedWeightsLayout.read(format, in);
        profile.embedding = EmbeddingProfileLayout.read(in);
        profile.recent = RecentVideosLayout.read(format, in);
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
