/**
 * The ranking model and its lifecycle, without the runtime that executes it.
 *
 * <p>A version: the registry ({@link io.reelrank.udf.model.ModelRegistry}) lays versions out as
 * {@code <root>/<name>/<version>/{model.onnx,model.json}}; {@link io.reelrank.udf.model.ModelSource}
 * names the model a job serves and the features it must have been trained on; {@link
 * io.reelrank.udf.model.ModelMetadata}, {@link io.reelrank.udf.model.ModelVersion}, {@link
 * io.reelrank.udf.model.VersionOrder} and {@link io.reelrank.udf.model.LoadedModel} describe one;
 * {@link io.reelrank.udf.model.ModelContract} says what a contract v2 model.json may declare, and
 * a v2 model that reads video ids brings its {@link io.reelrank.udf.model.Vocabulary}.
 *
 * <p>The lifecycle: {@link io.reelrank.udf.model.ModelWatcher} polls the registry, has {@code
 * ServingPolicy} pick the version to serve (a version to resume on after a restore, then {@code
 * CURRENT}, then the newest valid), validates it ({@code VersionLoader}), swaps it in while the job
 * runs and follows a shadow version ({@code ShadowModel}); {@code RegistryPointers} reports a
 * pointer naming a version that cannot serve, which never stops the job; {@code WatcherListeners}
 * tells the slots what happened, counts included for a slot that joins late; {@link
 * io.reelrank.udf.model.SharedWatchers} lets the scoring slots of a TaskManager share one watcher;
 * {@link io.reelrank.udf.model.ServingModel} lets a batch finish on the model it started with.
 *
 * <p>Layering: this package depends only on {@code contract} (the JSON mapper) and Flink's file
 * systems. It knows nothing of ONNX Runtime: the lifecycle validates and holds models through
 * {@link io.reelrank.udf.model.ModelValidator} and {@link io.reelrank.udf.model.ModelRuntime},
 * which {@code scoring} implements with ONNX Runtime sessions. So {@code scoring} depends on
 * {@code model}, never the reverse.
 */
package io.reelrank.udf.model;
