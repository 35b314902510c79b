#!/usr/bin/env bash
# OpenMP wait settings against a busy machine (issue 19, item 3): times dec4j with each setting on an
# idle machine and beside competitors, so the cost of contention and of each setting can be read off.
#
#   tools/bench/contention.sh OUT [bench|blobs|pair]...     (default: all three)
#
#   bench  `dec4j bench --rows step,dec` on a random 20,480 x 784 matrix (the MNIST network), idle and
#          beside one busy single-thread process (a shell loop), per setting
#   blobs  `dec4j run -m dec -d blobs` end to end (200 pretraining epochs + DEC), wall seconds, the same
#          two loads, per setting, twice each
#   pair   two `dec4j run -m dec -d blobs` at once (two suite shards side by side), both with the setting
#
# Settings: default (2 threads, libgomp's default spinning), GOMP_SPINCOUNT=10000,
# GOMP_SPINCOUNT=1000 (bench only), OMP_WAIT_POLICY=passive, and one thread (blobs, pair).
# CFGS="default passive" limits the settings. Needs the machine otherwise idle; results go to
# OUT/log. Takes about 25 minutes on 2 cores.
set -u
out=$(realpath -m "$1"); shift
modes=${*:-bench blobs pair}
mkdir -p "$out"; cd "$(dirname "$0")/../.."
spin() { sh -c 'while :; do :; done' >/dev/null 2>&1 & echo $!; }
setting() {
  case $1 in
    t1) echo OMP_NUM_THREADS=1;;
    default) echo OMP_NUM_THREADS=2;;
    spin10k) echo OMP_NUM_THREADS=2 GOMP_SPINCOUNT=10000;;
    spin1k) echo OMP_NUM_THREADS=2 GOMP_SPINCOUNT=1000;;
    passive) echo OMP_NUM_THREADS=2 OMP_WAIT_POLICY=passive;;
  esac
}
blobs() {
  local start; start=$(date +%s.%N)
  local line; line=$(env "$@" ./dec4j run -m dec -d blobs --no-cache --no-checkpoint -o "$out/r$RANDOM.json" 2>&1 \
    | tr '\r' '\n' | grep -E "cluster: [0-9]+ iterations" | cut -c1-50)
  echo "wall $(echo "$(date +%s.%N) - $start" | bc) s; $line"
}
for mode in $modes; do
  for load in idle busy; do
    [ "$mode" = pair ] && [ $load = busy ] && continue
    case $mode in bench) cfgs="default spin10k spin1k passive";; *) cfgs="t1 default spin10k passive";; esac
    cfgs=${CFGS:-$cfgs}
    for cfg in $cfgs; do
      pid=""; [ $load = busy ] && pid=$(spin)
      case $mode in
        bench)
          env $(setting $cfg) ./dec4j bench -q -d random --random-rows 20480 --rows step,dec --iterations 280 \
            -r 3 --threads current > "$out/bench-$load-$cfg.txt" 2>&1
          echo "bench $load $cfg: $(grep -E '^(step: whole|dec |dec4j: )' "$out/bench-$load-$cfg.txt" | cut -c1-62 \
            | tr -s ' ' | paste -sd ';')" \
            | tee -a "$out/log";;
        blobs)
          for r in 1 2; do echo "blobs $load $cfg $r: $(blobs $(setting $cfg))" | tee -a "$out/log"; done;;
        pair)
          blobs $(setting $cfg) > "$out/pair-$cfg.a" & a=$!
          blobs $(setting $cfg) > "$out/pair-$cfg.b" & b=$!
          wait $a $b
          echo "pair $cfg: $(cat "$out/pair-$cfg.a") | $(cat "$out/pair-$cfg.b")" | tee -a "$out/log";;
      esac
      [ -n "$pid" ] && kill "$pid"
    done
  done
done
