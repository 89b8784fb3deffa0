#include "app/cli/sweep_slurm.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "core/common/input_error.h"
#include "core/common/output_set.h"

namespace amla::cli {

namespace {

namespace fs = std::filesystem;

// sbatch prints one line; anything longer is not its answer.
constexpr std::size_t kMaxSbatchOutput = 64 * 1024;

// 'text' for the shell, whatever it holds.
std::string shell_quote(const std::string& text) {
  std::string q = "'";
  for (char c : text) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string store_stem(const std::string& store) {
  const fs::path p = fs::absolute(store).lexically_normal();
  std::string s = p.string();
  if (p.extension() == ".db") s.resize(s.size() - 3);
  return s;
}

// The #SBATCH lines every job of the plan shares.
void common_directives(std::ostream& s, const SlurmSweepPlan& plan) {
  if (!plan.partition.empty()) s << "#SBATCH --partition=" << plan.partition << "\n";
  if (!plan.time_limit.empty()) s << "#SBATCH --time=" << plan.time_limit << "\n";
  s << "#SBATCH --chdir=" << fs::current_path().string() << "\n";
}

// Runs sbatch with `args`, returns its standard output; InputError naming --submit on failure.
std::string run_sbatch(const std::vector<std::string>& args) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw InputError("--submit", "sbatch", std::strerror(errno));
  const pid_t pid = fork();
  if (pid < 0) throw InputError("--submit", "sbatch", std::strerror(errno));
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    std::vector<char*> argv;
    std::vector<std::string> all = {"sbatch"};
    all.insert(all.end(), args.begin(), args.end());
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp("sbatch", argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  std::string output;
  char buf[4096];
  ssize_t n;
  while ((n = read(pipe_fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)) {
    if (n > 0 && output.size() < kMaxSbatchOutput) output.append(buf, static_cast<std::size_t>(n));
  }
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) == 127) {
    throw InputError("--submit", "sbatch", "not found on PATH (submit from a Slurm login node)");
  }
  if (WEXITSTATUS(status) != 0) {
    throw InputError("--submit", "sbatch " + args.back(),
                     "sbatch failed with exit code " + std::to_string(WEXITSTATUS(status)) +
                         " (its message is above)");
  }
  return output;
}

}  // namespace

std::string parse_sbatch_job_id(const std::string& field, const std::string& output) {
  std::string id;
  for (char c : output) {
    if (c >= '0' && c <= '9') {
      id += c;
    } else {
      break;
    }
  }
  if (id.empty() || id.size() > 18) {
    throw InputError(field, output.substr(0, 80), "sbatch --parsable prints a job id");
  }
  return id;
}

SlurmScripts slurm_script_paths(const SlurmSweepPlan& plan) {
  const std::string stem = store_stem(plan.store);
  SlurmScripts s;
  s.config_path = stem + ".config.json";
  s.array_path = stem + ".array.sbatch";
  s.merge_path = stem + ".merge.sbatch";
  for (int k = 0; k < plan.shards; ++k)
    s.shard_stores.push_back(stem + ".shard-" + std::to_string(k) + ".db");
  return s;
}

std::string slurm_array_script(const SlurmSweepPlan& plan, const SlurmScripts& paths,
                               const std::string& amla_cli) {
  const std::string stem = store_stem(plan.store);
  std::ostringstream s;
  s << "#!/bin/bash\n"
    << "# Written by amla-cli sweep --slurm: task K of the array sweeps shard K/" << plan.shards
    << " of the cells\n# into its own store; " << fs::path(paths.merge_path).filename().string()
    << " merges them once every task succeeded.\n"
    << "#SBATCH --job-name=" << plan.job_name << "\n"
    << "#SBATCH --array=0-" << plan.shards - 1 << "\n"
    << "#SBATCH --ntasks=1\n"
    << "#SBATCH --cpus-per-task=" << plan.cpus_per_shard << "\n"
    << "#SBATCH --output=" << stem << ".shard-%a.log\n";
  common_directives(s, plan);
  s << "set -euo pipefail\n"
    << "shard=\"${SLURM_ARRAY_TASK_ID:?run this script with sbatch}\"\n"
    << "exec " << shell_quote(amla_cli) << " sweep --config " << shell_quote(paths.config_path);
  for (const SweepParameter& p : plan.params) {
    std::string text = p.name + "=";
    for (std::size_t i = 0; i < p.values.size(); ++i) text += (i ? "," : "") + p.values[i];
    s << " --param " << shell_quote(text);
  }
  s << " --metric " << shell_quote(plan.metric) << " --jobs " << plan.cpus_per_shard;
  if (plan.memory_budget_mb) s << " --memory-budget-mb " << *plan.memory_budget_mb;
  s << " --shard \"${shard}/" << plan.shards << "\" --store " << shell_quote(stem + ".shard-")
    << "\"${shard}\"" << shell_quote(".db") << " --progress\n";
  return s.str();
}

std::string slurm_merge_script(const SlurmSweepPlan& plan, const SlurmScripts& paths,
                               const std::string& amla_cli) {
  const std::string stem = store_stem(plan.store);
  std::ostringstream s;
  s << "#!/bin/bash\n"
    << "# Written by amla-cli sweep --slurm: merges the " << plan.shards << " shard stores of "
    << fs::path(paths.array_path).filename().string()
    << " into the sweep's store.\n# Submit it with --dependency=afterok:<the array's job id>.\n"
    << "#SBATCH --job-name=" << plan.job_name << "-merge\n"
    << "#SBATCH --ntasks=1\n"
    << "#SBATCH --cpus-per-task=1\n"
    << "#SBATCH --output=" << stem << ".merge.log\n";
  common_directives(s, plan);
  s << "set -euo pipefail\n"
    << "exec " << shell_quote(amla_cli) << " sweep merge";
  for (const auto& shard : paths.shard_stores) s << " " << shell_quote(shard);
  s << " --out " << shell_quote(fs::absolute(plan.store).lexically_normal().string()) << "\n";
  return s.str();
}

void write_slurm_sweep(const SlurmSweepPlan& plan, bool submit, std::ostream& out) {
  const SlurmScripts paths = slurm_script_paths(plan);
  std::error_code ec;
  const std::string amla_cli = fs::read_symlink("/proc/self/exe", ec).string();
  if (ec) throw InputError("--slurm", "/proc/self/exe", "cannot find the amla-cli executable");
  OutputSet outputs;
  outputs.declare("--slurm", paths.config_path);
  outputs.declare("--slurm", paths.array_path);
  outputs.declare("--slurm", paths.merge_path);
  const std::string config_text = run_config_to_json(plan.base).dump(2) + "\n";
  outputs.write_bytes(paths.config_path, config_text);
  outputs.write_bytes(paths.array_path, slurm_array_script(plan, paths, amla_cli));
  outputs.write_bytes(paths.merge_path, slurm_merge_script(plan, paths, amla_cli));
  outputs.commit();
  out << "wrote " << paths.array_path << " (" << plan.shards << " shards), " << paths.merge_path
      << " and " << paths.config_path << "\n";
  if (!submit) {
    out << "submit with:\n  jid=$(sbatch --parsable " << shell_quote(paths.array_path)
        << ") && sbatch --dependency=afterok:${jid%%;*} " << shell_quote(paths.merge_path) << "\n";
    return;
  }
  const std::string array_id =
      parse_sbatch_job_id("--submit", run_sbatch({"--parsable", paths.array_path}));
  const std::string merge_id = parse_sbatch_job_id(
      "--submit", run_sbatch({"--parsable", "--dependency=afterok:" + array_id, paths.merge_path}));
  out << "submitted array job " << array_id << " and merge job " << merge_id
      << "; the merged store will be " << fs::absolute(plan.store).lexically_normal().string()
      << "\n";
}

}  // namespace amla::cli
