package io.reelrank.udf.model;

/**
 * A model's registry coordinates, written {@code name/version} (e.g. {@code ranker/3}): the form
 * every recommendation carries in {@code model_version}.
 */
public record ModelVersion(String name, String version) {

    public ModelVersion {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("model name must be non-blank without '/', got: " + name);
        }
        if (version == null || version.isBlank() || version.contains("/")) {
            throw new IllegalArgumentException("model version must be non-blank without '/', got: " + version);
        }
    }

    /** Reads the {@code name/version} form. */
    public static ModelVersion parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("expected a model version like ranker/3, got: " + text);
        }
        return new ModelVersion(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return name + "/" + version;
    }
}
