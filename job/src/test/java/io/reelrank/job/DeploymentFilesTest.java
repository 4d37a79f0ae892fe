package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.reelrank.job.cluster.ClusterConfDir;
import io.reelrank.udf.contract.Topics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine or Kubernetes runs here, so the deployment files are checked statically:
 * they parse, every file they copy or mount exists (or is what the build produces), ports and
 * topics agree with flink-conf/config.yaml and the job, and every option they set exists. The
 * plain-host configuration, config-host.yaml, must say what config.yaml says except where
 * things are.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCKER = ROOT.resolve("docker");
    private static final Path CONTAINER_CONFIG = ROOT.resolve("flink-conf").resolve("config.yaml");
    private static final Path HOST_CONFIG = ROOT.resolve("flink-conf").resolve("config-host.yaml");
    /** Where the JobManager, REST, checkpoints and metrics are: the keys config-host.yaml changes. */
    private static final Set<String> HOST_KEYS = Set.of("jobmanager.rpc.address", "jobmanager.bind-host",
            "taskmanager.bind-host", "taskmanager.host", "rest.address", "rest.bind-address",
            "execution.checkpointing.dir", "execution.checkpointing.savepoint-dir", "metrics.reporter.prom.port");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern REELRANK_KEY = Pattern.compile("--(reelrank\\.[a-z0-9.-]+)");
    /** What `mvn package` of the job module writes; the images copy these. */
    private static final Set<String> BUILD_OUTPUTS = Set.of(
            "job/target/reelrank-job-0.1.0-SNAPSHOT.jar",
            "job/target/flink-lib/onnxruntime-1.29.0.jar",
            "job/target/flink-lib/onnxruntime_gpu-1.29.0.jar");

    @Test
    void configYamlKeysAreFlinkOptionsAndItLoads() throws Exception {
        Set<String> known = FlinkOptionKeys.all();
        for (Path file : List.of(CONTAINER_CONFIG, HOST_CONFIG)) {
            for (String key : ClusterConfDir.read(file).keySet()) {
                boolean reporterKey = key.startsWith("metrics.reporter.prom.");
                assertThat(reporterKey || known.contains(key)).as("%s in %s is a Flink option", key, file).isTrue();
            }
        }
        Configuration config = GlobalConfiguration.loadConfiguration(ROOT.resolve("flink-conf").toString());
        assertThat(config.getString("env.java.opts.all", "")).contains("-Xss8m");
        assertThat(config.getString("classloader.parent-first-patterns.additional", "")).contains("ai.onnxruntime.");
        assertThat(config.getString("pipeline.generic-types", "")).isEqualTo("false");
        assertThat(config.getString("state.backend.type", "")).isEqualTo("rocksdb");
        assertThat(config.getString("execution.checkpointing.incremental", "")).isEqualTo("true");
        assertThat(config.getString("execution.checkpointing.mode", "")).isEqualTo("EXACTLY_ONCE");
    }

    @Test
    void theHostConfigurationDiffersFromTheContainerOneOnlyInWhereThingsAre() throws Exception {
        Map<String, Object> container = ClusterConfDir.read(CONTAINER_CONFIG);
        Map<String, Object> host = ClusterConfDir.read(HOST_CONFIG);
        Set<String> keys = new TreeSet<>(container.keySet());
        keys.addAll(host.keySet());
        keys.removeAll(HOST_KEYS);
        for (String key : keys) {
            assertThat(host.get(key)).as("%s in config-host.yaml and config.yaml", key).isEqualTo(container.get(key));
        }
        assertThat(host.keySet()).containsAll(HOST_KEYS);
        for (String address : List.of("jobmanager.rpc.address", "jobmanager.bind-host", "taskmanager.bind-host",
                "taskmanager.host", "rest.address", "rest.bind-address")) {
            assertThat(host.get(address)).as(address).isEqualTo("localhost");
        }
        assertThat(String.valueOf(host.get("execution.checkpointing.dir"))).startsWith("file:///tmp/");
        assertThat(String.valueOf(host.get("execution.checkpointing.savepoint-dir"))).startsWith("file:///tmp/");
        assertThat(String.valueOf(host.get("metrics.reporter.prom.port"))).as("a JobManager and TaskManagers on one host")
                .matches("\\d+-\\d+");
    }

    @Test
    void dockerfilesCopyOnlyFilesThatExistOrThatTheBuildProduces() throws IOException {
        for (String dockerfile : List.of("Dockerfile", "Dockerfile.gpu")) {
            List<String> sources = copySources(Files.readString(DOCKER.resolve(dockerfile)));
            assertThat(sources).as(dockerfile).isNotEmpty();
            for (String source : sources) {
                assertThat(BUILD_OUTPUTS.contains(source) || Files.exists(ROOT.resolve(source)))
                        .as("%s copies %s", dockerfile, source).isTrue();
            }
            assertThat(sources).as(dockerfile).contains("flink-conf/config.yaml",
                    "job/target/reelrank-job-0.1.0-SNAPSHOT.jar", "models/registry");
        }
        assertThat(Files.readString(DOCKER.resolve("Dockerfile"))).contains("FROM flink:2.2.0-java17");
        assertThat(Files.readString(DOCKER.resolve("Dockerfile.gpu"))).contains("FROM nvidia/cuda:12.");
    }

    @Test
    void composeMountsExistingFilesAndUsesTheJobsTopicsAndOptions() throws Exception {
        String text = Files.readString(DOCKER.resolve("docker-compose.yml"));
        JsonNode compose = YAML.readTree(text);
        JsonNode services = compose.get("services");
        assertThat(services.fieldNames()).toIterable()
                .contains("kafka", "kafka-init", "jobmanager", "taskmanager", "prometheus", "grafana");
        for (JsonNode service : services) {
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(DOCKER.resolve(source)).as("mounted %s", source).exists();
                }
            }
        }
        assertThat(compose.at("/x-flink/build/dockerfile").asText()).isEqualTo("docker/Dockerfile");
        String init = services.at("/kafka-init/command").get(0).asText();
        for (String topic : List.of(Topics.ENGAGEMENTS, Topics.VIDEOS, Topics.RANK_REQUESTS, Topics.RECOMMENDATIONS,
                Topics.DEAD_LETTERS)) {
            assertThat(init).as("topic %s created", topic).contains(topic);
        }
        assertOptionsExist(text, "docker-compose.yml");
    }

    @Test
    void prometheusScrapesTheReportersPortAndTheDashboardReadsItsMetrics() throws Exception {
        String port = String.valueOf(ClusterConfDir.read(CONTAINER_CONFIG).get("metrics.reporter.prom.port"));
        JsonNode prometheus = YAML.readTree(DOCKER.resolve("prometheus/prometheus.yml").toFile());
        List<String> targets = new ArrayList<>();
        for (JsonNode target : prometheus.findValue("targets")) {
            targets.add(target.asText());
        }
        assertThat(targets).containsExactlyInAnyOrder("jobmanager:" + port, "taskmanager:" + port);

        JsonNode dashboard = new ObjectMapper().readTree(DOCKER.resolve("grafana/dashboards/reelrank.json").toFile());
        String expressions = dashboard.findValuesAsText("expr").toString();
        for (String metric : DashboardMetrics.OPERATOR_METRICS) {
            assertThat(expressions).as("dashboard shows %s", metric)
                    .contains("flink_taskmanager_job_task_operator_" + metric);
        }
        JsonNode provisioning = YAML.readTree(DOCKER.resolve("grafana/provisioning/dashboards/reelrank.yml").toFile());
        assertThat(provisioning.findValue("path").asText()).isEqualTo("/var/lib/grafana/dashboards");
    }

    @Test
    void kubernetesDeploymentsRunTheImagesJarWithRealOptions() throws Exception {
        for (String file : List.of("k8s/flinkdeployment.yaml", "k8s/flinkdeployment-gpu.yaml")) {
            String text = Files.readString(DOCKER.resolve(file));
            JsonNode deployment = YAML.readTree(text);
            assertThat(deployment.path("kind").asText()).as(file).isEqualTo("FlinkDeployment");
            assertThat(deployment.at("/spec/flinkVersion").asText()).as(file).isEqualTo("v2_2");
            assertThat(deployment.at("/spec/job/jarURI").asText()).as(file)
                    .isEqualTo("local:///opt/flink/usrlib/reelrank-job.jar");
            assertThat(deployment.at("/spec/job/entryClass").asText()).isEqualTo("io.reelrank.job.ReelRankJob");
            Set<String> known = FlinkOptionKeys.all();
            deployment.at("/spec/flinkConfiguration").fieldNames().forEachRemaining(key -> assertThat(
                    known.contains(key) || key.startsWith("metrics.reporter.prom.")
                            || key.startsWith("kubernetes.operator.")).as("%s in %s", key, file).isTrue());
            assertOptionsExist(text, file);
        }
        JsonNode gpu = YAML.readTree(DOCKER.resolve("k8s/flinkdeployment-gpu.yaml").toFile());
        assertThat(gpu.at("/spec/taskManager/podTemplate").findValue("nvidia.com/gpu").asInt()).isEqualTo(1);
        assertThat(gpu.at("/spec/taskManager/podTemplate").findValue("tolerations")).isNotNull();
    }

    private static void assertOptionsExist(String text, String file) throws IllegalAccessException {
        Set<String> options = new HashSet<>();
        for (Field field : ReelRankOptions.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof ConfigOption<?> option) {
                options.add(option.key());
            }
        }
        Matcher matcher = REELRANK_KEY.matcher(text);
        int found = 0;
        while (matcher.find()) {
            assertThat(options).as("option %s in %s", matcher.group(1), file).contains(matcher.group(1));
            found++;
        }
        assertThat(found).as("options in %s", file).isPositive();
    }

    private static List<String> copySources(String dockerfile) {
        List<String> sources = new ArrayList<>();
        for (String line : dockerfile.lines().toList()) {
            String trimmed = line.trim();
            if (trimmed.startsWith("COPY ") && !trimmed.contains("--from=")) {
                List<String> words = Stream.of(trimmed.split("\\s+")).skip(1)
                        .filter(word -> !word.startsWith("--")).toList();
                sources.addAll(words.subList(0, words.size() - 1));
            }
        }
        return sources;
    }
}
