package io.reelrank.udf.model;

/**
 * A model the registry has read and verified: its metadata, the bytes of {@code model.onnx}
 * (whose sha256 matched {@code metadata.modelSha256()}) and where they came from, for messages;
 * for a v2 model that reads video ids, its verified {@link Vocabulary} (else null), which serves
 * and swaps together with the model.
 */
public record LoadedModel(ModelMetadata metadata, byte[] onnxBytes, String location, Vocabulary vocabulary) {

    /** A model that reads no video ids. */
    public LoadedModel(ModelMetadata metadata, byte[] onnxBytes, String location) {
        this(metadata, onnxBytes, location, null);
    }

    /** The sha256 of the model bytes: what identifies a native session. */
    public String sha256() {
        return metadata.modelSha256();
    }

    public ModelVersion version() {
        return metadata.modelVersion();
    }
}
