#pragma once
// amla-cli sweep --slurm: the sweep as a Slurm job array. Writes, beside the --store file,
//   STORE.config.json   the base run (every hardware and kernel parameter), read by every shard;
//   STORE.array.sbatch  the array 0..N-1: task K runs `sweep --shard K/N` into STORE.shard-K.db;
//   STORE.merge.sbatch  `sweep merge` of the shard stores into STORE, submitted with
//                       --dependency=afterok on the array, so it runs once every shard succeeded.
// With --submit both are submitted with sbatch and their job ids printed. Paths in the scripts
// are absolute: the cluster's nodes see the same shared filesystem.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/kernel/config_json.h"
#include "core/sweep/sweep.h"

namespace amla::cli {

struct SlurmSweepPlan {
  RunConfig base;
  std::vector<SweepParameter> params;
  std::string metric;
  std::string store;  // the merged store (--store)
  int shards = 2;
  int cpus_per_shard = 1;  // --jobs of each shard
  std::optional<long long> memory_budget_mb;
  std::string partition;  // "" = the cluster's default
  std::string time_limit;
  std::string job_name = "amla-sweep";
};

struct SlurmScripts {
  std::string config_path, array_path, merge_path;
  std::vector<std::string> shard_stores;
};

// The file names the plan writes (absolute).
SlurmScripts slurm_script_paths(const SlurmSweepPlan& plan);
// The two scripts' text.
std::string slurm_array_script(const SlurmSweepPlan& plan, const SlurmScripts& paths,
                               const std::string& amla_cli);
std::string slurm_merge_script(const SlurmSweepPlan& plan, const SlurmScripts& paths,
                               const std::string& amla_cli);

// Writes the three files (all or nothing); with `submit`, submits the array and the dependent
// merge job via sbatch. Prints what it did and what to run next.
void write_slurm_sweep(const SlurmSweepPlan& plan, bool submit, std::ostream& out);

// The job id in `sbatch --parsable` output ("1234" or "1234;cluster"); InputError naming
// `field` when there is none.
std::string parse_sbatch_job_id(const std::string& field, const std::string& output);

}  // namespace amla::cli
