package io.reelrank.udf.state;

import io.reelrank.udf.features.EmbeddingProfile;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An {@link EmbeddingProfile} in user state: presence byte, the weighted sum, total weight, then its time. */
final class EmbeddingProfileLayout {

    private EmbeddingProfileLayout() {}

    static void write(EmbeddingProfile embedding, DataOutputView out) throws IOException {
        if (StateCodec.present(embedding, out)) {
            StateCodec.writeFloats(embedding.sum, out);
            out.writeFloat(embedding.totalWeight);
            out.writeLong(embedding.asOfTs);
        }
    }

    static EmbeddingProfile read(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        EmbeddingProfile embedding = new EmbeddingProfile();
        embedding.sum = StateCodec.readFloats(in);
        embedding.totalWeight = in.readFloat();
        embedding.asOfTs = in.readLong();
        return embedding;
    }

    static EmbeddingProfile copy(EmbeddingProfile from) {
        if (from == null) {
            return null;
        }
        EmbeddingProfile copy = new EmbeddingProfile();
        copy.sum = from.sum == null ? null : from.sum.clone();
        copy.totalWeight = from.totalWeight;
        copy.asOfTs = from.asOfTs;
        return copy;
    }
}
