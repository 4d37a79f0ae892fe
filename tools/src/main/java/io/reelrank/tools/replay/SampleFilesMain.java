package io.reelrank.tools.replay;

import io.reelrank.generator.BadRecordInjector;
import io.reelrank.generator.EngagementGenerator;
import io.reelrank.generator.RankRequestGenerator;
import io.reelrank.generator.SyntheticWorld;
import io.reelrank.generator.WorldSettings;
import io.reelrank.tools.CommandLine;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Video;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes JSON-lines input files from the built-in generator's synthetic world, for
 * {@link ReplayMain} to replay when no real data is at hand: {@code --out DIR [--engagements
 * 20000] [--requests 1000] [--users 500] [--videos 2000] [--bad-every 500] [--seed 42]}.
 * Every {@code bad-every}-th engagement is malformed, so the dead-letter topic has something.
 */
public final class SampleFilesMain {
    private SampleFilesMain() {}

    public static void main(String[] args) throws Exception {
        CommandLine line = CommandLine.parse(args);
        Path out = Path.of(line.value("out"));
        int videos = line.intValue("videos", 2000);
        SyntheticWorld world = SyntheticWorld.create(WorldSettings.defaults()
                .withSeed(Long.parseLong(line.value("seed", "42")))
                .withUsers(line.intValue("users", 500))
                .withCatalog(videos, Math.max(1, videos / 10), WorldSettings.defaults().topics()));
        long engagements = Long.parseLong(line.value("engagements", "20000"));
        long requests = Long.parseLong(line.value("requests", "1000"));
        Files.createDirectories(out);

        try (BufferedWriter writer = Files.newBufferedWriter(out.resolve("videos.jsonl"))) {
            for (Video video : world.catalog()) {
                writer.write(Json.toJson(video));
                writer.newLine();
            }
        }
        BadRecordInjector injector = new BadRecordInjector(new EngagementGenerator(world), line.intValue("bad-every", 500));
        try (OutputStream writer = Files.newOutputStream(out.resolve("engagements.jsonl"))) {
            for (long i = 0; i < engagements; i++) {
                // Raw bytes: one defect is invalid UTF-8, which a text writer would repair.
                writer.write(injector.map(i).value());
                writer.write('\n');
            }
        }
        RankRequestGenerator generator = new RankRequestGenerator(world, RankRequestGenerator.DEFAULT_CANDIDATES);
        try (BufferedWriter writer = Files.newBufferedWriter(out.resolve("rank-requests.jsonl"))) {
            for (long i = 0; i < requests; i++) {
                writer.write(Json.toJson(generator.request(i)));
                writer.newLine();
            }
        }
        System.out.printf(Locale.ROOT, "wrote %s/{videos,engagements,rank-requests}.jsonl: %,d videos, %,d engagements, %,d rank requests%n",
                out, world.videoCount(), engagements, requests);
    }
}
