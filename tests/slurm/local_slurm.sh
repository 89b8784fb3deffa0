#!/usr/bin/env bash
# A real single-node Slurm on localhost for the tests, entirely inside one state folder:
#   local_slurm.sh start DIR   start munged, slurmctld and slurmd; wait until the node is idle
#   local_slurm.sh stop DIR    stop them by their PIDs and remove DIR
# Clients find it with SLURM_CONF=DIR/slurm.conf. Nothing of the machine's own set-up is used or
# changed: munged gets its own key (1024 random bytes), socket, PID, log and seed files in DIR,
# Slurm its own configuration, state and spool folders and ports, so stopping leaves the machine
# as it was found. Needs root (slurmd runs jobs as their users) and the Debian packages slurmctld,
# slurmd, slurm-client and munge; exits 77 with the reason when either is missing.
set -euo pipefail

usage() {
  echo "usage: local_slurm.sh start|stop DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
action="$1"
dir="$2"

# The daemons' PIDs, oldest first; stop goes the other way.
pid_files=(munged.pid slurmctld.pid slurmd.pid)

stop() {
  [ -d "$dir" ] || return 0
  local i pid
  for ((i = ${#pid_files[@]} - 1; i >= 0; i--)); do
    [ -s "$dir/${pid_files[$i]}" ] || continue
    pid="$(cat "$dir/${pid_files[$i]}")"
    kill "$pid" 2>/dev/null || continue
    # Wait up to 10 s for it to exit, then insist.
    for _ in $(seq 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$dir"
}

missing_requirements() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "not root: slurmd must run as root to start jobs"
    return 0
  fi
  local tool
  for tool in munged munge slurmctld slurmd sbatch squeue sinfo; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "$tool not installed (Debian packages slurmctld slurmd slurm-client munge)"
      return 0
    fi
  done
  return 1
}

start() {
  local why
  if why="$(missing_requirements)"; then
    echo "SKIP: $why" >&2
    exit 77
  fi
  mkdir -p "$dir"
  chmod 700 "$dir"
  dir="$(cd "$dir" && pwd)"
  local host cpus mem_mb port
  host="$(hostname -s)"
  cpus="$(nproc)"
  mem_mb="$(awk '/MemTotal/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)"
  # Ports away from the standard 6817/6818, picked per state folder so two runs cannot meet.
  port=$((20000 + $(cksum <<<"$dir" | cut -d' ' -f1) % 20000))

  head -c 1024 /dev/urandom >"$dir/munge.key"
  chmod 400 "$dir/munge.key"
  # munged as root wants --force; it warns about the log file's owner and runs.
  munged --force --key-file="$dir/munge.key" --socket="$dir/munge.socket" \
    --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munged.seed" \
    2>"$dir/munged.stderr"
  munge --socket="$dir/munge.socket" -n | unmunge --socket="$dir/munge.socket" | grep -q Success

  mkdir -p "$dir/state" "$dir/spool"
  cat >"$dir/slurm.conf" <<CONF
ClusterName=amlatest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=amlatest Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -f "$SLURM_CONF" -i
  slurmd -f "$SLURM_CONF"
  local state
  for _ in $(seq 200); do
    state="$(sinfo -h -o %T 2>/dev/null || true)"
    [ "$state" = idle ] && return 0
    sleep 0.1
  done
  echo "local Slurm did not come up: sinfo says '${state:-nothing}'" >&2
  tail -n 20 "$dir/slurmctld.log" "$dir/slurmd.log" >&2 || true
  exit 1
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
