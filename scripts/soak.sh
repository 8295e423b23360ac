#!/usr/bin/env bash
# Soak test of interrupted training (docs/robustness.md): the same run trained once without a stop
# and once with K `kill -9` + resume cycles at random moments; the final parameters must match
# within 1e-6, the history must hold each step once, and no temporary file may be left.
#
#   scripts/soak.sh [--steps 1000] [--val 100] [--kills 3] [--batch 8] [--size 64] [--dir soak] [--seed S]
#
# Uses the synthetic benchmark and the demo's model (UDR18, two-pass UniDefense step, Protocol III).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps=1000 val=100 kills=3 batch=8 size=64 dir=soak seed=$RANDOM
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) steps=$2; shift 2 ;; --val) val=$2; shift 2 ;; --kills) kills=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;; --size) size=$2; shift 2 ;; --dir) dir=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;; *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$dir"; dir="$(cd "$dir" && pwd)"
# a frozen copy of the jar: the launcher would rebuild it if the sources change during the soak
"$here/unidefense" --version > /dev/null
cp "$here/java/cli/target/unidefense.jar" "$dir/unidefense.jar"
ln -sfn "$here/java/cli/target/lib" "$dir/lib" # the jar's Class-Path: the dependencies, which do not change
# One intra-op thread per JVM: on a machine shared with other jobs, libtorch's OpenMP threads wait
# for each other at every barrier and a step took 70 s instead of 2.4 s (measured, load 23 on 2 cores).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-17179869184}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-17179869184}"
ud() { java -Xmx4g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -jar "$dir/unidefense.jar" "$@"; }
RANDOM=$seed
log() { echo "[soak $(date -u +%H:%M:%S)] $*" | tee -a "$dir/soak.log"; }
log "steps=$steps val=$val kills=$kills batch=$batch size=$size seed=$seed"
[ -d "$dir/bench" ] || ud synth --out "$dir/bench" --size "$size" >> "$dir/soak.log" 2>&1

config() { # id resume
  local cfg="$dir/cfg-$1-$2"; mkdir -p "$cfg"
  sed -e "s#synthetic_uniattack#$dir/bench#" -e "s/height: 64/height: $size/" -e "s/width: 64/width: $size/" \
      -e "s/^num_steps: .*/num_steps: $steps/" -e "s/^val_steps: .*/val_steps: $val/" -e "s/^log_steps: .*/log_steps: 10/" \
      "$here/config_template/synthetic/data_prot3.yml" > "$cfg/data.yml"
  sed -e "s#config_template/synthetic/data_prot3.yml#$cfg/data.yml#" -e "s/^  id: .*/  id: $1/" \
      -e "s/train_batch_size: 4/train_batch_size: $batch/" -e "s/^  resume: .*/  resume: $2/" \
      "$here/config_template/synthetic/model_prot3.yml" > "$cfg/model.yml"
  grep -q "^  resume:" "$cfg/model.yml" || sed -i "s/^config:$/config:\n  resume: $2/" "$cfg/model.yml"
  echo "$cfg/model.yml"
}

runs="$dir/runs"
straight=$(config straight False)
interrupted=$(config interrupted False)
resumed=$(config interrupted True)

last_step() { local s; s=$(grep -o '^{"step":[0-9]*' "$1" 2>/dev/null | tail -1 | cut -d: -f2); echo "${s:-0}"; }

t0=$(date +%s)
log "uninterrupted run (in parallel with the interrupted one)"
ud train --config "$straight" --runs "$runs" > "$dir/straight.out" 2>&1 &
straight_pid=$!

# kill points: random steps, sorted, each followed by a random 0-4 s delay (mid-step or mid-checkpoint)
targets=$(for k in $(seq 1 "$kills"); do echo $(( 1 + RANDOM % (steps - 1) )); done | sort -n)
for target in $targets; do
  # a kill before the first checkpoint leaves nothing to resume: then the run starts afresh in its folder
  if [ -f "$runs/UDR18/interrupted/latest.pt" ]; then cfg=$resumed; else cfg=$interrupted; fi
  java -Xmx4g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -jar "$dir/unidefense.jar" train --config "$cfg" \
      --runs "$runs" >> "$dir/interrupted.out" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null && [ "$(last_step "$runs/UDR18/interrupted/metrics.jsonl")" -lt "$target" ]; do
    sleep 1
  done
  sleep $(( RANDOM % 5 ))
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  log "kill at step ~$target: SIGKILL (last recorded step $(last_step "$runs/UDR18/interrupted/metrics.jsonl")); temp files left by it: $(find "$runs/UDR18/interrupted" -name '*.tmp' | wc -l)"
done
log "final resume"
if [ -f "$runs/UDR18/interrupted/latest.pt" ]; then cfg=$resumed; else cfg=$interrupted; fi
ud train --config "$cfg" --runs "$runs" >> "$dir/interrupted.out" 2>&1
wait "$straight_pid"
log "both runs done after $(( $(date +%s) - t0 )) s"

a="$runs/UDR18/straight/latest.pt"
b="$runs/UDR18/interrupted/latest.pt"
result=0
java -cp "$dir/unidefense.jar" "$here/scripts/CompareCheckpoints.java" "$a" "$b" 1e-6 | tee -a "$dir/soak.log" || result=1
# a step has one train record (every log_steps) and at most one val record: count (step, kind) pairs
dups=$(python3 - "$runs/UDR18/interrupted/metrics.jsonl" <<'PY'
import json, sys, collections
c = collections.Counter()
for line in open(sys.argv[1]):
    r = json.loads(line)
    kinds = {k.split('/')[0] for k in r if '/' in k}
    for kind in kinds:
        c[(r['step'], kind)] += 1
print(sum(1 for v in c.values() if v > 1))
PY
)
tmps=$(find "$runs" -name '*.tmp' | wc -l)
log "history: $dups duplicated (step, kind) records; temporary files left: $tmps"
log "resumes logged: $(grep -c '^Resumed from' "$runs/UDR18/interrupted/records.txt" || true)"
log "RSS (MB) at log lines, uninterrupted run: first $(grep -o 'rss [0-9]*' "$runs/UDR18/straight/records.txt" | head -1 | cut -d' ' -f2), last $(grep -o 'rss [0-9]*' "$runs/UDR18/straight/records.txt" | tail -1 | cut -d' ' -f2), max $(grep -o 'rss [0-9]*' "$runs/UDR18/straight/records.txt" | cut -d' ' -f2 | sort -n | tail -1)"
du -sh "$runs/UDR18/straight" | tee -a "$dir/soak.log"
[ "$dups" = 0 ] && [ "$tmps" = 0 ] && [ $result = 0 ] && log "PASS" || { log "FAIL"; exit 1; }
