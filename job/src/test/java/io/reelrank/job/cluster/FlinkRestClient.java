package io.reelrank.job.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The parts of Flink's REST API that operating ReelRank needs, over java.net.http: upload and
 * run a jar, job state, stop with a savepoint, cancel, checkpoint counts, TaskManagers.
 */
public final class FlinkRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final int HTTP_UNAVAILABLE = 503;

    /** A REST call answered with a status other than 2xx. */
    public static final class HttpStatusException extends IOException {
        private final int status;

        HttpStatusException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public FlinkRestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** POST /jars/upload (multipart, field jarfile); returns the jar id. */
    public String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "reelrank-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = request("/jars/upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        String filename = send(request).get("filename").asText();
        return Path.of(filename).getFileName().toString();
    }

    /**
     * POST /jars/:id/run with {@code body} (entryClass, parallelism, programArgsList, as
     * docs/cluster.md shows it), from {@code savepointPath} unless that is null. Returns the job id.
     */
    public String runJar(String jarId, ObjectNode body, String savepointPath) throws IOException, InterruptedException {
        ObjectNode request = body.deepCopy();
        if (savepointPath != null) {
            request.put("savepointPath", savepointPath);
            request.put("allowNonRestoredState", false);
        }
        return send(post("/jars/" + jarId + "/run", request)).get("jobid").asText();
    }

    public String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).get("state").asText();
    }

    public JsonNode job(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId);
    }

    public long completedCheckpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** POST /jobs/:id/stop, then polls the trigger until the savepoint is written; returns its path. */
    public String stopWithSavepoint(String jobId, Path targetDirectory, Duration timeout)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("targetDirectory", targetDirectory.toUri().toString());
        body.put("drain", false);
        String trigger = send(post("/jobs/" + jobId + "/stop", body)).get("request-id").asText();
        JsonNode result = Poll.until(timeout, "savepoint of job " + jobId, () -> {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            return "COMPLETED".equals(status.path("status").path("id").asText()) ? status : null;
        });
        JsonNode operation = result.path("operation");
        if (operation.has("failure-cause")) {
            throw new IllegalStateException("stop-with-savepoint of " + jobId + " failed: " + operation.get("failure-cause"));
        }
        return operation.get("location").asText();
    }

    /** PATCH /jobs/:id?mode=cancel. */
    public void cancel(String jobId) throws IOException, InterruptedException {
        send(request("/jobs/" + jobId + "?mode=cancel")
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Ids of the registered TaskManagers. */
    public List<String> taskManagerIds() throws IOException, InterruptedException {
        return get("/taskmanagers").path("taskmanagers").findValuesAsText("id");
    }

    /** Polls job state until it is {@code state}; fails early when the job fails instead. */
    public void awaitJobState(String jobId, String state, Duration timeout) throws IOException, InterruptedException {
        Poll.until(timeout, "job " + jobId + " " + state, () -> {
            String current = jobState(jobId);
            if ("FAILED".equals(current) && !"FAILED".equals(state)) {
                throw new IllegalStateException("job " + jobId + " failed: " + get("/jobs/" + jobId + "/exceptions"));
            }
            return state.equals(current) ? current : null;
        });
    }

    void awaitTaskManagers(int count, Duration timeout, Runnable stillAlive) throws IOException, InterruptedException {
        Poll.until(timeout, count + " registered TaskManager(s)", () -> {
            stillAlive.run();
            try {
                return taskManagerIds().size() >= count ? Boolean.TRUE : null;
            } catch (ConnectException notListeningYet) {
                return null;
            } catch (HttpStatusException e) {
                if (e.status == HTTP_UNAVAILABLE) {
                    return null; // the REST endpoint is up, the JobManager's leader election not done yet
                }
                throw e;
            }
        });
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    private HttpRequest post(String path, JsonNode body) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new HttpStatusException(response.statusCode(), request.method() + " " + request.uri() + " -> HTTP "
                    + response.statusCode() + ": " + response.body());
        }
        String body = response.body();
        return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    /** Plain GET of any URL as text (the Prometheus endpoint). */
    public String getText(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " -> HTTP " + response.statusCode());
        }
        return response.body();
    }
}
