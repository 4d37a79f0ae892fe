package io.reelrank.job;

import static org.apache.flink.configuration.ConfigOptions.key;


import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.scoring.ScoringDevice;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * Every ReelRank setting, typed, with its default and description. Read from config.yaml,
 * {@code -D} and program arguments ({@code --key value}); the README's option table is
 * generated from this class ({@link OptionsTable}) and a test keeps the two in sync.
 */
public final class ReelRankOptions {
    private ReelRankOptions() {}

    /** Where {@link ReelRankJob} reads its inputs (and, with them, where it writes its outputs). */
    public enum Input { KAFKA, GENERATOR }

    /**
     * Any configuration key {@code kafka.<client property>} (say {@code kafka.security.protocol},
     * {@code kafka.sasl.jaas.config}) is passed, without the prefix, to every Kafka source and sink.
     */
    public static final String KAFKA_CLIENT_PREFIX = "kafka.";

    // ---- input and output ----
    public static final ConfigOption<Input> INPUT = key("reelrank.input").enumType(Input.class)
            .defaultValue(Input.KAFKA)
            .withDescription("KAFKA: read the three input topics and write recommendations and dead letters to Kafka; GENERATOR: the built-in generator, outputs printed (a smoke test without Kafka).");
    public static final ConfigOption<Boolean> OUTPUT_HEAD_SCORES = key("reelrank.output.head-scores").booleanType()
            .defaultValue(false)
            .withDescription("Write each recommended item's value of every head of a multi-head (contract v2) model as heads: {name: value}, beside the fused score.");

    // ---- kafka ----
    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = key("reelrank.kafka.bootstrap-servers")
            .stringType().noDefaultValue().withDescription("Kafka bootstrap servers (required with input KAFKA). Client properties such as security settings go in kafka.* keys, e.g. kafka.security.protocol.");
    public static final ConfigOption<String> KAFKA_GROUP_ID = key("reelrank.kafka.group-id").stringType()
            .defaultValue("reelrank").withDescription("Consumer group of the sources (offsets are committed on checkpoints, for monitoring); one per job.");
    public static final ConfigOption<String> KAFKA_TOPIC_ENGAGEMENTS = key("reelrank.kafka.topic.engagements")
            .stringType().defaultValue(Topics.ENGAGEMENTS).withDescription("Input topic of engagements (key user_id).");
    public static final ConfigOption<String> KAFKA_TOPIC_VIDEOS = key("reelrank.kafka.topic.videos").stringType()
            .defaultValue(Topics.VIDEOS).withDescription("Input topic of the catalog (key video_id, compacted); always read from the earliest offset on a fresh start.");
    public static final ConfigOption<String> KAFKA_TOPIC_RANK_REQUESTS = key("reelrank.kafka.topic.rank-requests")
            .stringType().defaultValue(Topics.RANK_REQUESTS).withDescription("Input topic of rank requests (key user_id).");
    public static final ConfigOption<String> KAFKA_TOPIC_RECOMMENDATIONS = key("reelrank.kafka.topic.recommendations")
            .stringType().defaultValue(Topics.RECOMMENDATIONS).withDescription("Output topic of recommendations (key user_id).");
    public static final ConfigOption<String> KAFKA_TOPIC_DEAD_LETTERS = key("reelrank.kafka.topic.dead-letters")
            .stringType().defaultValue(Topics.DEAD_LETTERS).withDescription("Output topic of dead letters (key: the input topic).");
    public static final ConfigOption<String> KAFKA_STARTING_OFFSETS = key("reelrank.kafka.starting-offsets")
            .stringType().defaultValue("committed")
            .withDescription("Where engagements and rank requests start without a checkpoint: committed (the group's offsets, else earliest), earliest, latest or timestamp:<epoch ms>.");
    public static final ConfigOption<Boolean> KAFKA_STOP_AT_LATEST = key("reelrank.kafka.stop-at-latest").booleanType()
            .defaultValue(false).withDescription("Stop at the offsets that were latest when the job started (a bounded replay or backfill); off for a service.");
    public static final ConfigOption<DeliveryGuarantee> KAFKA_DELIVERY_GUARANTEE = key("reelrank.kafka.delivery-guarantee")
            .enumType(DeliveryGuarantee.class).defaultValue(DeliveryGuarantee.EXACTLY_ONCE)
            .withDescription("EXACTLY_ONCE: outputs are written in Kafka transactions committed on checkpoints (readers use read_committed); AT_LEAST_ONCE: flushed on checkpoints, duplicates after a failure; NONE.");
    public static final ConfigOption<String> KAFKA_TRANSACTIONAL_ID_PREFIX = key("reelrank.kafka.transactional-id-prefix")
            .stringType().noDefaultValue()
            .withDescription("Prefix of the sinks' transactional ids, unique per job on the Kafka cluster (defaults to the group id); each sink appends its own suffix.");
    public static final ConfigOption<Duration> KAFKA_TRANSACTION_TIMEOUT = key("reelrank.kafka.transaction-timeout")
            .durationType().defaultValue(Duration.ofMinutes(15))
            .withDescription("Kafka transaction timeout of the sinks: at most the broker's transaction.max.timeout.ms (15 min by default), well above checkpoint interval + checkpoint duration + restart time (docs/kafka.md).");

    // ---- generator (demo, tests, benchmarks) ----
    public static final ConfigOption<Integer> GENERATOR_USERS = key("reelrank.generator.users").intType()
            .defaultValue(500).withDescription("Synthetic users in the built-in generator.");
    public static final ConfigOption<Integer> GENERATOR_VIDEOS = key("reelrank.generator.videos").intType()
            .defaultValue(2000).withDescription("Synthetic catalog size (ignored when a real catalog is given).");
    public static final ConfigOption<Long> GENERATOR_ENGAGEMENTS = key("reelrank.generator.engagements").longType()
            .defaultValue(60_000L).withDescription("Engagement events the generator emits before it ends.");
    public static final ConfigOption<Long> GENERATOR_REQUESTS = key("reelrank.generator.requests").longType()
            .defaultValue(3_000L).withDescription("Rank requests the generator emits before it ends.");
    public static final ConfigOption<Integer> GENERATOR_CANDIDATES = key("reelrank.generator.candidates-per-request")
            .intType().defaultValue(50).withDescription("Candidates in each generated rank request.");
    public static final ConfigOption<Double> GENERATOR_RATE = key("reelrank.generator.events-per-second").doubleType()
            .defaultValue(0.0).withDescription("Engagement rate limit of the generator; 0 means as fast as possible.");
    public static final ConfigOption<Integer> GENERATOR_BAD_EVERY = key("reelrank.generator.bad-record-every").intType()
            .defaultValue(0).withDescription("Replace every N-th generated record by a malformed one (0 = never).");
    public static final ConfigOption<Long> GENERATOR_SEED = key("reelrank.generator.seed").longType()
            .defaultValue(42L).withDescription("Seed of the synthetic world; the same seed gives the same data.");
    public static final ConfigOption<String> GENERATOR_CATALOG = key("reelrank.generator.catalog").stringType()
            .noDefaultValue().withDescription("Path of a KuaiRand video_features_basic CSV to use as the real catalog.");

    // ---- event time ----
    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = key("reelrank.watermark.out-of-orderness")
            .durationType().defaultValue(Duration.ofSeconds(2))
            .withDescription("Bounded out-of-orderness of input event times.");
    public static final ConfigOption<Duration> IDLENESS = key("reelrank.watermark.idleness").durationType()
            .defaultValue(Duration.ofSeconds(30)).withDescription("A source split without records for this long stops holding back the watermark.");
    public static final ConfigOption<Duration> MAX_FUTURE_SKEW = key("reelrank.watermark.max-future-skew")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("An event (engagement, request, video) whose time is more than this ahead of the wall clock is dead-lettered on arrival and never moves a watermark. Replays of past data are behind the wall clock and never affected.");

    // ---- features ----
    public static final ConfigOption<String> WINDOWS = key("reelrank.features.windows").stringType()
            .defaultValue("1h:5min,24h:1h")
            .withDescription("Engagement windows as name:bucket, name being the window length (must include the spec's 1h and 24h).");
    public static final ConfigOption<Duration> PROFILE_HALF_LIFE = key("reelrank.features.profile-half-life")
            .durationType().defaultValue(Duration.ofHours(6))
            .withDescription("Half-life of the tag, creator and embedding profiles.");
    public static final ConfigOption<Integer> MAX_TAGS = key("reelrank.features.max-tags").intType()
            .defaultValue(32).withDescription("Tags kept per user profile; the weakest is evicted.");
    public static final ConfigOption<Integer> MAX_CREATORS = key("reelrank.features.max-creators").intType()
            .defaultValue(16).withDescription("Creators kept per user affinity map.");
    public static final ConfigOption<Integer> RECENT_VIDEOS = key("reelrank.features.recent-videos").intType()
            .defaultValue(64).withDescription("Recently seen videos kept per user (excluded from recommendations).");
    public static final ConfigOption<Integer> HISTORY_LENGTH = key("reelrank.features.history-length").intType()
            .defaultValue(FeatureStateSettings.DEFAULT_HISTORY_LENGTH)
            .withDescription("Last engagements (impressions excepted) kept per user for models with history inputs; "
                    + "0 keeps none. A model reading more (its history_length) still serves, on padding past this, "
                    + "and the scorer warns once per version.");
    public static final ConfigOption<Duration> ALLOWED_LATENESS = key("reelrank.features.allowed-lateness")
            .durationType().defaultValue(Duration.ofMinutes(10))
            .withDescription("Engagements later than this behind the watermark are dead-lettered, not applied.");
    public static final ConfigOption<Duration> STATE_TTL = key("reelrank.features.state-ttl").durationType()
            .defaultValue(Duration.ofDays(7)).withDescription("A user's state expires after this long without engagements.");
    public static final ConfigOption<Duration> VIDEO_STATS_INTERVAL = key("reelrank.features.video-stats-interval")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("Event-time interval at which a video's changed stats are broadcast to the rankers.");

    // ---- ranking ----
    public static final ConfigOption<Integer> DEFAULT_N = key("reelrank.ranking.default-n").intType()
            .defaultValue(10).withDescription("List length when a request gives no n (1..100).");
    public static final ConfigOption<Integer> MAX_PER_CREATOR = key("reelrank.ranking.max-per-creator").intType()
            .defaultValue(2).withDescription("At most this many videos of one creator in a list.");
    public static final ConfigOption<Integer> REFRESH_EVERY = key("reelrank.ranking.refresh-every").intType()
            .defaultValue(0).withDescription("Rank in-job candidates after every K engagements of a user (0 = off).");
    public static final ConfigOption<Integer> REFRESH_CANDIDATES = key("reelrank.ranking.refresh-candidates").intType()
            .defaultValue(100).withDescription("Candidates of a refresh: trending plus tag matches.");
    public static final ConfigOption<Boolean> EVENT_TIME_ALIGNED = key("reelrank.ranking.event-time-aligned")
            .booleanType().defaultValue(false)
            .withDescription("Apply each user's inputs in event-time order once the watermark passes them (deterministic replays, adds the watermark delay).");
    public static final ConfigOption<Boolean> FILL_SHORT_LISTS = key("reelrank.ranking.fill-short-lists")
            .booleanType().defaultValue(false)
            .withDescription("Fill a request left with fewer than n candidates after the filters from the in-job fallback (trending and tag candidates, ranked after its own and marked filled). Off: the recommendation says why it is short (short_reason); the upstream may have excluded videos for reasons the job cannot see.");

    // ---- scoring ----
    public static final ConfigOption<String> MODEL_REGISTRY = key("reelrank.scoring.model-registry").stringType()
            .defaultValue("models/registry").withDescription("Model registry root: a path or Flink file system URI every TaskManager can read (the default is relative to the working directory: local runs only), or jar:models/registry, the registry packaged into the job jar at build time (read-only: new versions need a new jar).");
    public static final ConfigOption<String> MODEL_NAME = key("reelrank.scoring.model-name").stringType()
            .defaultValue("ranker").withDescription("Model name in the registry; its newest valid version (or CURRENT) serves.");
    public static final ConfigOption<Integer> MAX_BATCH_ROWS = key("reelrank.scoring.max-batch-rows").intType()
            .defaultValue(1024).withDescription("Candidate rows in one ONNX run, across requests.");
    public static final ConfigOption<Duration> MAX_BATCH_WAIT = key("reelrank.scoring.max-batch-wait").durationType()
            .defaultValue(Duration.ofMillis(5)).withDescription("Longest a request waits for its batch to fill.");
    public static final ConfigOption<Integer> SCORER_THREADS = key("reelrank.scoring.threads").intType()
            .defaultValue(1).withDescription("Scorer threads per parallel ranker instance.");
    public static final ConfigOption<Integer> INTRA_OP_THREADS = key("reelrank.scoring.intra-op-threads").intType()
            .defaultValue(1).withDescription("ONNX Runtime intra-op threads of the TaskManager's shared pool.");
    public static final ConfigOption<Integer> INTER_OP_THREADS = key("reelrank.scoring.inter-op-threads").intType()
            .defaultValue(1).withDescription("ONNX Runtime inter-op threads of the TaskManager's shared pool (0 = ONNX Runtime's default).");
    public static final ConfigOption<OptLevel> OPTIMIZATION_LEVEL = key("reelrank.scoring.optimization-level")
            .enumType(OptLevel.class).defaultValue(OptLevel.ALL_OPT)
            .withDescription("ONNX Runtime graph optimisation level: NO_OPT, BASIC_OPT, EXTENDED_OPT, LAYOUT_OPT or ALL_OPT.");
    public static final ConfigOption<Boolean> MEMORY_ARENA = key("reelrank.scoring.memory-arena").booleanType()
            .defaultValue(true).withDescription("Use ONNX Runtime's CPU memory arena (fewer allocations per batch, more resident memory).");
    public static final ConfigOption<ScoringDevice> DEVICE = key("reelrank.scoring.device").enumType(ScoringDevice.class)
            .defaultValue(ScoringDevice.AUTO)
            .withDescription("auto: CUDA when the onnxruntime_gpu build (mvn -Pgpu) finds a GPU, else CPU with one warning; cpu; cuda: fail at start when CUDA cannot be used.");
    public static final ConfigOption<Duration> MODEL_POLL_INTERVAL = key("reelrank.scoring.model-poll-interval")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("How often each TaskManager looks for a new model version (or a changed CURRENT/SHADOW pointer) and hot-swaps a valid one; 0 loads once at start.");
    public static final ConfigOption<String> SHADOW_VERSION = key("reelrank.scoring.shadow-version").stringType()
            .noDefaultValue()
            .withDescription("Model version to score beside the serving one for comparison metrics only; unset reads the registry's SHADOW pointer.");
    public static final ConfigOption<Integer> ASYNC_CAPACITY = key("reelrank.scoring.in-flight-requests").intType()
            .defaultValue(256).withDescription("Requests in flight in the async scorer per parallel instance (checkpointed).");
    public static final ConfigOption<Duration> SCORING_TIMEOUT = key("reelrank.scoring.timeout").durationType()
            .defaultValue(Duration.ofSeconds(30)).withDescription("A request not scored within this fails the job (and restarts it).");
    public static final ConfigOption<String> SCORING_OBJECTIVES = key("reelrank.scoring.objectives").stringType()
            .noDefaultValue()
            .withDescription("How a multi-head (contract v2) model's heads fuse into the score, as head:weight pairs, e.g. play:1.0,finish:0.5,like:0.3 (score = sum of weight x head); unset uses the model.json objectives, else the first head. A model lacking a named head is rejected like any invalid version.");

    // ---- feature log (training examples from what serving saw) ----
    public static final ConfigOption<Boolean> FEATURE_LOG_ENABLED = key("reelrank.feature-log.enabled").booleanType()
            .defaultValue(false).withDescription("Log every scored candidate's feature row, model version and score, "
                    + "and join later plays/likes/shares into labelled training examples.");
    public static final ConfigOption<String> FEATURE_LOG_PATH = key("reelrank.feature-log.path").stringType()
            .noDefaultValue().withDescription("Directory (any Flink file system URI) of the feature log: rows/, "
                    + "examples/ and requests/ hold JSON-lines part files; required when the feature log is enabled.");
    public static final ConfigOption<Duration> FEATURE_LOG_LABEL_HORIZON = key("reelrank.feature-log.label-horizon")
            .durationType().defaultValue(Duration.ofMinutes(30))
            .withDescription("A logged row is a positive example when its user engages with the video (see "
                    + "positive-actions) within this event time after the request, else a negative one. Each "
                    + "example is written once the watermark passes its horizon, with every action seen in it.");
    public static final ConfigOption<List<String>> FEATURE_LOG_POSITIVE_ACTIONS =
            key("reelrank.feature-log.positive-actions").stringType().asList().defaultValues("play", "like", "share")
                    .withDescription("Engagement actions that make a logged row a positive example. The replay "
                            + "evaluation uses every action, as its protocol counts any engagement.");

    // ---- privacy (what leaves the job) ----
    public static final ConfigOption<String> PRIVACY_USER_ID_SECRET = key("reelrank.privacy.user-id-secret")
            .stringType().noDefaultValue()
            .withDescription("When set (at least 32 bytes, e.g. `openssl rand -hex 32`), user ids in dead letters "
                    + "and the feature log are replaced by u- and a keyed hash (HMAC-SHA256) of the id: stable per "
                    + "user, not reversible without this secret. Recommendations keep real ids, which their readers "
                    + "need. Flink hides the values of keys containing 'secret' in its logs.");
    public static final ConfigOption<Integer> DEAD_LETTER_MAX_RAW_CHARS = key("reelrank.dead-letters.max-raw-chars")
            .intType().defaultValue(65_536)
            .withDescription("Longest raw input a dead letter carries, in characters (0 keeps none); longer input is "
                    + "cut and its reason ends in (truncated).");

    // ---- demo and local runs ----
    public static final ConfigOption<Integer> DEMO_PRINT = key("reelrank.demo.print").intType()
            .defaultValue(10).withDescription("Recommendations the demo prints as JSON lines (the summary counts all).");
    public static final ConfigOption<Duration> LOCAL_PROGRESS_INTERVAL = key("reelrank.local.progress-interval")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("How often a local run (the job with --local, the demo) prints a progress line to "
                    + "stderr: records in per source, recommendations, dead letters, restarts; 0 s turns it off.");
}
