/**
 * Scoring with ONNX Runtime: the runtime and the hot path.
 *
 * <p>The runtime: {@link io.reelrank.udf.scoring.SharedOrtSessions} caches one native session per
 * model and device, made by {@code SessionFactory} (the environment and its thread pools, CUDA or
 * CPU placement as {@link io.reelrank.udf.scoring.SessionSettings} ask) and claimed through {@link
 * io.reelrank.udf.scoring.SessionLease}s; {@link io.reelrank.udf.scoring.OnnxScorer} scores a batch
 * on a lease (a contract v2 model through {@code ContractInputs}, which builds its declared
 * tensors, and {@code ContractBatchScorer}, which fuses its heads into {@link
 * io.reelrank.udf.scoring.BatchScores}); {@link io.reelrank.udf.scoring.OnnxValidator} is the ONNX
 * Runtime side of the model lifecycle (tensor signature: {@code FeatureRowSignature} for v1, {@code
 * ContractSignature} for v2; {@code CanaryBatch}). {@link io.reelrank.udf.scoring.TaskManagerShared} is
 * the one holder of per-JVM state: the sessions and the model watchers.
 *
 * <p>The hot path: {@link io.reelrank.udf.scoring.BatchingScorer}, a Flink async function,
 * micro-batches {@link io.reelrank.udf.scoring.ScoringTask}s across requests ({@code
 * MicroBatcher}), scores each batch on a {@code ScorerPool} thread with the watcher's serving model
 * and answers {@link io.reelrank.udf.scoring.ScoredTask}s, and keeps the serving version in its
 * checkpoints ({@code CheckpointedModelVersion}) so a restore resumes on it; {@code ShadowScoring} compares a shadow
 * model's ranking with the served one ({@code ShadowComparison}); {@code ScoringMetrics} reports it
 * all.
 *
 * <p>Layering: {@code scoring} depends on {@code model} (registry and lifecycle, free of ONNX
 * Runtime) and {@code contract}, and plugs ONNX Runtime into the lifecycle by implementing {@code
 * model.ModelValidator} and {@code model.ModelRuntime}. {@code rank} and {@code featurelog} use its
 * task records.
 */
package io.reelrank.udf.scoring;
