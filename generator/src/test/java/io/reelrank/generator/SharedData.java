package io.reelrank.generator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real data sets beside the project ({@code ../shared/data}), never inside it. */
final class SharedData {

    private SharedData() {}

    static Path kuaiRandVideos() {
        return repoRoot()
                .resolve("../shared/data/kuairand-pure-side-info/video_features_basic_pure.csv")
                .normalize();
    }

    private static Path repoRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("models/features.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory above " + start + " holds models/features.json");
    }
}
