package io.reelrank.job.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The submission docs/cluster.md documents, read from the page itself: the REST upload and run
 * request, and the {@code flink run} command. The cluster test submits exactly this, so the page
 * cannot drift from what works.
 *
 * @param uploadedJar the jar the upload command sends, relative to the repository
 * @param runBody the JSON body of {@code POST /jars/<id>/run}
 * @param flinkRun the words of the {@code flink run} command after {@code run}
 */
record DocumentedSubmission(String uploadedJar, ObjectNode runBody, List<String> flinkRun) {
    /** The broker address the page uses; a test puts its own broker's address in its place. */
    static final String DOCUMENTED_BOOTSTRAP = "localhost:9092";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCED = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern UPLOAD = Pattern.compile("-F jarfile=@(\\S+)");
    private static final Pattern RUN_BODY = Pattern.compile("/run -H 'Content-Type: application/json' -d '(\\{.*?\\})'",
            Pattern.DOTALL);

    static DocumentedSubmission read(Path page) throws IOException {
        String rest = block(page, "/jars/upload");
        String cli = block(page, "bin/flink run").replace("\\\n", " ");
        List<String> words = Arrays.asList(cli.substring(cli.indexOf("bin/flink run") + "bin/flink run".length())
                .trim().split("\\s+"));
        return new DocumentedSubmission(group(UPLOAD, rest, page), (ObjectNode) JSON.readTree(group(RUN_BODY, rest, page)),
                words);
    }

    /** The run request's body with {@code bootstrapServers} in place of the documented broker. */
    ObjectNode runBody(String bootstrapServers) {
        ObjectNode body = runBody.deepCopy();
        ArrayNode args = body.putArray("programArgsList");
        for (String arg : programArgs()) {
            args.add(arg.equals(DOCUMENTED_BOOTSTRAP) ? bootstrapServers : arg);
        }
        return body;
    }

    List<String> programArgs() {
        List<String> args = new ArrayList<>();
        runBody.path("programArgsList").forEach(arg -> args.add(arg.asText()));
        return args;
    }

    private static String block(Path page, String containing) throws IOException {
        Matcher blocks = FENCED.matcher(Files.readString(page));
        while (blocks.find()) {
            if (blocks.group(1).contains(containing)) {
                return blocks.group(1);
            }
        }
        throw new IllegalStateException(page + " has no bash block with " + containing);
    }

    private static String group(Pattern pattern, String text, Path page) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(page + ": no " + pattern + " in " + text);
        }
        return matcher.group(1);
    }
}
