#!/usr/bin/env bash
# A sharded sweep on a real local Slurm: start it (local_slurm.sh), submit the sweep as a job
# array of 2 shards plus the dependent merge job (amla-cli sweep --slurm --submit), wait, check
# the merged store holds every cell with the metrics an unsharded local sweep gives, stop Slurm
# and remove every file. Exits 77 (ctest SKIP) with the reason when Slurm cannot run here.
# Prints the wall times of the Slurm sweep and the local one (benchmark figures, not asserted).
#   test_slurm_sweep.sh AMLA_CLI
set -euo pipefail
amla_cli="$(realpath "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
state="$(mktemp -d /tmp/amla-slurm.XXXXXX)"
work="$(mktemp -d /tmp/amla-slurm-work.XXXXXX)"
cleanup() {
  bash "$here/local_slurm.sh" stop "$state" || true
  rm -rf "$work"
}
trap cleanup EXIT

set +e
bash "$here/local_slurm.sh" start "$state"
rc=$?
set -e
[ "$rc" -eq 0 ] || exit "$rc"  # 77: skipped with the reason printed
export SLURM_CONF="$state/slurm.conf"
cd "$work"

grid=(--preset 910B2 --batch 2 --kv-len 2048 --param rows-per-task=64,128,256
      --param kv-block=256,512)
now() { date +%s.%N; }

t0="$(now)"
submitted="$("$amla_cli" sweep "${grid[@]}" --jobs 1 --store "$work/merged.db" --slurm --shards 2 \
  --time 5 --submit)"
echo "$submitted"
merge_id="$(sed -n 's/.*merge job \([0-9][0-9]*\).*/\1/p' <<<"$submitted")"
[ -n "$merge_id" ] || { echo "FAIL: no merge job id in: $submitted"; exit 1; }
# Every job leaves the queue when it ends; the merge job last (it waits for the array).
for _ in $(seq 1200); do
  [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
  sleep 0.1
done
t1="$(now)"
if [ -n "$(squeue -h -o %i)" ]; then
  echo "FAIL: jobs still queued after 120 s:"; squeue; cat "$work"/*.log; exit 1
fi
[ -f "$work/merged.db" ] || { echo "FAIL: no merged store"; cat "$work"/*.log; exit 1; }
cat "$work/merged.merge.log"

# The merged store answers the whole sweep: nothing left to simulate, the same figures.
from_store="$("$amla_cli" sweep "${grid[@]}" --store "$work/merged.db" --csv "$work/merged.csv")"
grep -q "6 cells in .* 6 reused, 0 simulated" <<<"$from_store" ||
  { echo "FAIL: the merged store did not answer every cell:"; echo "$from_store"; exit 1; }
t2="$(now)"
"$amla_cli" sweep "${grid[@]}" --jobs 1 --csv "$work/local.csv" >/dev/null
t3="$(now)"
cmp "$work/local.csv" "$work/merged.csv" ||
  { echo "FAIL: merged cells differ from the local sweep"; diff "$work/local.csv" "$work/merged.csv"; exit 1; }
# The overhead: the Slurm wall time beyond half the one-job local time (two shards run side by
# side), over the three jobs (two shards, one merge).
awk -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" 'BEGIN {
  s = t1 - t0; l = t3 - t2
  printf "benchmark: 6 cells: Slurm 2 shards + merge %.2f s, local 1 job %.2f s, overhead %.2f s per job\n", s, l, (s - l / 2) / 3 }'
echo "PASS: the merged store of the Slurm job array equals the local sweep cell for cell"
