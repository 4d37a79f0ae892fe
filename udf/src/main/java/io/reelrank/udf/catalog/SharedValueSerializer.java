package io.reelrank.udf.catalog;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A serializer for state values that nobody changes once they are in state (an update puts a
 * new value): it writes and reads exactly as {@code delegate} does, but {@link #copy(Object)}
 * hands back the value itself.
 *
 * <p>The rankers' catalog was written with it around Flink's {@code PojoSerializer} before
 * {@link VideoEntrySerializer}, which shares entries the same way, took over. It stays so that
 * checkpoints and savepoints written with it restore: their metadata names its snapshot, and
 * Flink reads their catalog with it before the current serializer rewrites it.
 */
public final class SharedValueSerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<T> delegate;

    public SharedValueSerializer(TypeSerializer<T> delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    TypeSerializer<T> delegate() {
        return delegate;
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        TypeSerializer<T> duplicated = delegate.duplicate();
        return duplicated == delegate ? this : new SharedValueSerializer<>(duplicated);
    }

    @Override
    public T createInstance() {
        return delegate.createInstance();
    }

    /** The value itself: values in state are never changed, only replaced. */
    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return delegate.getLength();
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        delegate.serialize(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return delegate.deserialize(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return delegate.deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        delegate.copy(source, target);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SharedValueSerializer<?> that && delegate.equals(that.delegate);
    }

    @Override
    public int hashCode() {
        return delegate.hashCode() * 31 + 7;
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(this);
    }

    /** The delegate's snapshot, nested; reads the delegate's own snapshot too (state from before this serializer). */
    public static class Snapshot<T> extends CompositeTypeSerializerSnapshot<T, SharedValueSerializer<T>> {

        private static final int VERSION = 1;

        /** For Flink, which reads the snapshot into it. */
        public Snapshot() {}

        Snapshot(SharedValueSerializer<T> serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return VERSION;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(SharedValueSerializer<T> outer) {
            return new TypeSerializer<?>[] {outer.delegate()};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected SharedValueSerializer<T> createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new SharedValueSerializer<>((TypeSerializer<T>) nested[0]);
        }

        /**
         * State written before this serializer carries the delegate's snapshot alone; the bytes
         * are the delegate's, so the delegate decides.
         */
        @Override
        @SuppressWarnings("unchecked")
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            if (old instanceof Snapshot) {
                return super.resolveSchemaCompatibility(old);
            }
            TypeSerializerSnapshot<T> current = (TypeSerializerSnapshot<T>) getNestedSerializerSnapshots()[0];
            TypeSerializerSchemaCompatibility<T> delegated = current.resolveSchemaCompatibility(old);
            if (delegated.isCompatibleAsIs()) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return delegated.isIncompatible()
                    ? TypeSerializerSchemaCompatibility.incompatible()
                    : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
    }
}
