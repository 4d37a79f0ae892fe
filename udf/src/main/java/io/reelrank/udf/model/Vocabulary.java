package io.reelrank.udf.model;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A v2 model's video vocabulary ({@code vocabulary.txt}): UTF-8, one video id per line, line
 * {@code i} (0-based) is index {@code i}; line 0 is {@value #PAD}, line 1 {@value #UNK}. The
 * scorer looks up every candidate and history entry, so lookups are one hash probe.
 */
public final class Vocabulary {

    public static final String PAD = "[PAD]";
    public static final String UNK = "[UNK]";
    public static final int PAD_INDEX = 0;
    public static final int UNKNOWN_INDEX = 1;

    private final Map<String, Integer> indices;
    private final String[] videoIds;

    private Vocabulary(Map<String, Integer> indices, String[] lines) {
        this.indices = indices;
        this.videoIds = lines;
    }

    /**
     * Reads the file's bytes and checks them against model.json: sha256, line count, the two
     * reserved lines first, no id twice. {@code where} names the file in messages.
     */
    public static Vocabulary read(byte[] bytes, ModelMetadata.VocabularyFile declared, Object where)
            throws InvalidModelException {
        String actualSha = ModelRegistry.sha256Hex(bytes);
        if (!actualSha.equalsIgnoreCase(declared.sha256())) {
            throw new InvalidModelException(where + " has sha256 " + actualSha + " but model.json says vocabulary"
                    + " sha256 = " + declared.sha256() + ": the upload is incomplete or the metadata is stale;"
                    + " re-export this version");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.endsWith("\n") ? text.substring(0, text.length() - 1).split("\n", -1)
                : text.split("\n", -1);
        if (text.isEmpty() || lines.length != declared.size()) {
            throw new InvalidModelException(where + " has " + (text.isEmpty() ? 0 : lines.length)
                    + " lines but model.json says vocabulary size = " + declared.size() + "; re-export this version");
        }
        if (lines.length < 2 || !PAD.equals(lines[0]) || !UNK.equals(lines[1])) {
            throw new InvalidModelException(where + " must start with the lines " + PAD + " and " + UNK
                    + " (indices 0 and 1); the exporter wrote another layout");
        }
        Map<String, Integer> indices = new HashMap<>(lines.length * 4 / 3 + 1);
        for (int i = 2; i < lines.length; i++) {
            Integer earlier = lines[i].equals(PAD) ? Integer.valueOf(PAD_INDEX)
                    : lines[i].equals(UNK) ? Integer.valueOf(UNKNOWN_INDEX) : indices.putIfAbsent(lines[i], i);
            if (earlier != null) {
                throw new InvalidModelException(where + " lists video id '" + lines[i] + "' on lines " + earlier
                        + " and " + i + " (0-based); each id must have one index: rebuild the vocabulary");
            }
        }
        return new Vocabulary(indices, lines);
    }

    /** The index of {@code videoId}: its line, or {@value #UNKNOWN_INDEX} for a video the model never saw. */
    public int index(String videoId) {
        Integer index = videoId == null ? null : indices.get(videoId);
        return index == null ? UNKNOWN_INDEX : index;
    }

    /** The video id at {@code index}, the reserved lines included. */
    public String videoId(int index) {
        return videoIds[index];
    }

    /** Lines in the file, the two reserved ones included. */
    public int size() {
        return videoIds.length;
    }
}
