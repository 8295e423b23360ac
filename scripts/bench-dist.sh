#!/usr/bin/env bash
# Data-parallel step benchmark: UDR18 two-pass steps with 1 process, then 2 processes (Gloo on
# 127.0.0.1) sharing this machine's cores. Usage: scripts/bench-dist.sh [SIZE] [PAIRS] [STEPS] [BUCKET_MB]
# Each process gets PAIRS real + PAIRS fake images of SIZE px; results on stdout, one line per run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
jar="$here/java/cli/target/unidefense.jar"
[ -f "$jar" ] || mvn -q -B -DskipTests -Djacoco.skip=true package >&2
args=("${1:-64}" "${2:-1}" "${3:-10}" "${4:-25}")
# As ./unidefense: keep libtorch's activation buffers mapped (docs/performance.md).
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-17179869184}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-17179869184}"
java_opts=(-Xmx2g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0)
cores=$(nproc)
echo "# machine: $cores cores; the 2-process run gives each process $((cores / 2 > 0 ? cores / 2 : 1)) thread(s)"
# One process with all cores, and with one thread (what each of the 2 processes gets).
OMP_NUM_THREADS=$cores java "${java_opts[@]}" -cp "$jar" org.unidefense.bench.DistBench "${args[@]}"
OMP_NUM_THREADS=1 java "${java_opts[@]}" -cp "$jar" org.unidefense.bench.DistBench "${args[@]}"
port=$(( 20000 + RANDOM % 20000 ))
java "${java_opts[@]}" -cp "$jar" org.unidefense.cli.Main launch --nproc_per_node 2 --master_port "$port" \
  --main org.unidefense.bench.DistBench -- "${args[@]}" | grep -v '\[Gloo\]'
