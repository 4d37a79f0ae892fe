#!/usr/bin/env bash
# The ReelRank benchmark (see docs/benchmarks.md): builds without tests, then runs BenchMain.
#   scripts/bench.sh                 full run, about 7 minutes on 2 cores
#   scripts/bench.sh --quick         about 2 minutes
#   scripts/bench.sh --device cuda   scores on the GPU (builds against onnxruntime_gpu)
# Any other argument goes to BenchMain: --models ranker/1,<registry>:ranker/2 (default: the newest MLP and sequence
# model of the job's registry, side by side), --parallelism N, --only ceiling,ranker,pipeline,..., --candidates 50,200,1000,
# --latency-rate R, or any Flink / ReelRank option as --key value.
# BENCH_JVM adds JVM flags, e.g. BENCH_JVM="-XX:StartFlightRecording=filename=bench.jfr,settings=profile".
set -euo pipefail
cd "$(dirname "$0")/.."
onnx=()
if [[ " $* " == *" --device cuda "* ]]; then
  onnx=(-Donnxruntime.artifact=onnxruntime_gpu)
fi
exec mvn -B -q -Pbench -pl bench -am package "${onnx[@]}" -Dbench.jvm="${BENCH_JVM:-}" -Dbench.args="$*"
