package io.reelrank.job;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Training data written so that the same input gives the same bytes, however the parallel
 * operators interleaved: header lines first, then the rows sorted as whole lines (each starts
 * with its request id, so a request's rows stay together), each ended by a newline. The sha256
 * it returns then identifies the data, as {@code training_data_sha256} in model.json does.
 */
final class SortedLines {
    private SortedLines() {}

    /** Writes {@code file} and returns its lower-case hex sha256. */
    static String write(Path file, List<String> header, List<String> rows) throws IOException {
        List<String> sorted = new ArrayList<>(rows);
        sorted.sort(null);
        MessageDigest sha256 = sha256();
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), sha256)) {
            for (List<String> lines : List.of(header, sorted)) {
                for (String line : lines) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
