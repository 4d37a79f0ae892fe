package io.reelrank.udf.state;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the hand-written serializers of the keyed state values. RocksDB serialises a user's
 * values on every engagement and deserialises them on every engagement and request, too often
 * for Flink's reflective {@code PojoSerializer}. The serializers are stateless (one instance
 * serves every thread) and registered on the state descriptors, so the classes stay POJOs
 * wherever else they appear.
 */
abstract class StateValueSerializer<T> extends TypeSerializerSingleton<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    /**
     * The snapshot of a hand-written state serializer. A savepoint written before these
     * serializers existed holds the type's POJO serializer snapshot; Flink then reads each value
     * with that serializer and rewrites it with this one (state migration), so such savepoints
     * still restore.
     */
    abstract static class Snapshot<T> extends SimpleTypeSerializerSnapshot<T> {

        Snapshot(Supplier<? extends TypeSerializer<T>> serializer) {
            super(serializer);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            if (old instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            if (getClass().isInstance(old)) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs(); // read under its 0.1 name
            }
            return super.resolveSchemaCompatibility(old);
        }
    }
}
