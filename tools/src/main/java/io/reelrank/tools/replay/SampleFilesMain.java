package io.reelrank.tools.replay;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.Option;
import io.reelrank.generator.BadRecordInjector;
import io.reelrank.generator.EngagementGenerator;
import io.reelrank.generator.RankRequestGenerator;
import io.reelrank.generator.SyntheticWorld;
import io.reelrank.generator.WorldSettings;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Video;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes JSON-lines input files from the built-in generator's synthetic world, for
 * {@link ReplayMain} to replay when no real data is at hand. Every {@code bad-every}-th
 * engagement is malformed, so the dead-letter topic has something.
 */
public final class SampleFilesMain {
    static final Command COMMAND = Command.named("SampleFilesMain",
                    "Writes videos.jsonl, engagements.jsonl and rank-requests.jsonl from the built-in generator's "
                            + "synthetic world, for ReplayMain.")
            .with(Option.text("out", "DIR", "Directory the three files are written to.").asRequired(),
                    Option.longInteger("engagements", "N", "Engagements to write.").withDefault(20_000),
                    Option.longInteger("requests", "N", "Rank requests to write.").withDefault(1_000),
                    Option.integer("users", "N", "Synthetic users.").withDefault(500),
                    Option.integer("videos", "N", "Synthetic catalog size.").withDefault(2_000),
                    Option.integer("bad-every", "N", "Every N-th engagement is malformed (0 = none).").withDefault(500),
                    Option.longInteger("seed", "N", "Seed of the synthetic world.").withDefault(42));

    private SampleFilesMain() {}

    public static void main(String[] args) throws Exception {
        COMMAND.run(args, SampleFilesMain::write);
    }

    private static void write(Arguments arguments) throws Exception {
        Path out = Path.of(arguments.text("out"));
        int videos = arguments.integer("videos");
        SyntheticWorld world = SyntheticWorld.create(WorldSettings.defaults()
                .withSeed(arguments.longInteger("seed"))
                .withUsers(arguments.integer("users"))
                .withCatalog(videos, Math.max(1, videos / 10), WorldSettings.defaults().topics()));
        long engagements = arguments.longInteger("engagements");
        long requests = arguments.longInteger("requests");
        Files.createDirectories(out);

        try (BufferedWriter writer = Files.newBufferedWriter(out.resolve("videos.jsonl"))) {
            for (Video video : world.catalog()) {
                writer.write(Json.toJson(video));
                writer.newLine();
            }
        }
        BadRecordInjector injector = new BadRecordInjector(new EngagementGenerator(world), arguments.integer("bad-every"));
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
