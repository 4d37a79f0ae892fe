package io.reelrank.udf.state;

import io.reelrank.udf.features.DecayedWeights;
import io.reelrank.udf.state.StateCodec.StringFormat;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A {@link DecayedWeights} in user state: presence byte, keys, weights, then the time they are as of. */
final class DecayedWeightsLayout {

    private DecayedWeightsLayout() {}

    static void write(DecayedWeights weights, StringFormat format, DataOutputView out) throws IOException {
        if (StateCodec.present(weights, out)) {
            StateCodec.writeStrings(weights.keys, format, out);
            StateCodec.writeFloats(weights.weights, out);
            out.writeLong(weights.asOfTs);
        }
    }

    static DecayedWeights read(StringFormat format, DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        DecayedWeights weights = new DecayedWeights();
        weights.keys = StateCodec.readStrings(format, in);
        weights.weights = StateCodec.readFloats(in);
        weights.asOfTs = in.readLong();
        return weights;
    }

    static DecayedWeights copy(DecayedWeights from) {
        if (from == null) {
            return null;
        }
        DecayedWeights copy = new DecayedWeights();
        copy.keys = from.keys == null ? null : from.keys.clone();
        copy.weights = from.weights == null ? null : from.weights.clone();
        copy.asOfTs = from.asOfTs;
        return copy;
    }
}
