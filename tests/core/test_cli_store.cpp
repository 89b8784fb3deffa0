// amla-cli sweep with a result store: reuse and the reused/simulated counts, shards merged back
// equal to the unsharded sweep cell for cell, two amla-cli processes sweeping one store at once,
// the Slurm scripts, and the refusals (bad --shard, merge without --out, flags without --slurm).
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <nlohmann/json.hpp>

#include "app/cli/sweep_progress.h"
#include "app/cli/sweep_slurm.h"
#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/config_json.h"
#include "core/run/model_revision.h"
#include "core/store/config_key.h"
#include "core/store/result_store.h"
#include "tests/core/cli_runner.h"
#include "tests/core/scratch_dir.h"

extern char** environ;

namespace amla::cli {
namespace {

using testing::run_cli;

const std::vector<std::string> kBase = {"--preset", "910B2", "--batch", "2", "--kv-len", "2048"};

std::vector<std::string> sweep(std::vector<std::string> extra) {
  std::vector<std::string> args = {"sweep"};
  args.insert(args.end(), kBase.begin(), kBase.end());
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// What a store holds, as comparable rows: configuration and metrics, not the timings.
std::vector<std::string> store_rows(const std::string& path) {
  ResultStore store("--store", path, false);
  std::vector<std::string> rows;
  for (const StoredCell& c : store.cells()) {
    rows.push_back(c.hash + " " + c.canonical + " " + c.config + " " + c.metrics);
  }
  return rows;
}

class CliStore : public amla::testing::ScratchDirTest {
 protected:
  CliStore() : ScratchDirTest("amla_cli_store_") {}
};

TEST_F(CliStore, SecondSweepReusesEveryCellAndSaysSo) {
  const auto args = sweep({"--param", "rows-per-task=64,128", "--param", "kv-block=256,512",
                           "--jobs", "2", "--store", at("s.db"), "--json"});
  const auto first = run_cli(args);
  ASSERT_EQ(first.code, 0) << first.err;
  const auto j1 = nlohmann::json::parse(first.out);
  EXPECT_EQ(j1["simulated"], 4);
  EXPECT_EQ(j1["reused"], 0);
  const auto second = run_cli(args);
  ASSERT_EQ(second.code, 0) << second.err;
  const auto j2 = nlohmann::json::parse(second.out);
  EXPECT_EQ(j2["simulated"], 0);
  EXPECT_EQ(j2["reused"], 4);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(j2["results"][i]["metric_value"], j1["results"][i]["metric_value"]);
    EXPECT_EQ(j2["results"][i]["makespan_cycles"], j1["results"][i]["makespan_cycles"]);
  }
  // A larger sweep over the same store adds only what is new.
  const auto table = run_cli(sweep({"--param", "rows-per-task=64,128", "--param",
                                    "kv-block=256,512,1024", "--store", at("s.db")}));
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("6 cells in"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("4 reused, 2 simulated"), std::string::npos) << table.out;
}

// A store whose cells an earlier model computed: the sweep simulates them again and says so, in
// the table and in the JSON; the next sweep reuses the new cells.
TEST_F(CliStore, CellsOfAnEarlierModelAreSimulatedAgainAndSaid) {
  const auto grid = std::vector<std::string>{"--param", "kv-block=256,512"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = grid;
    a.insert(a.end(), extra.begin(), extra.end());
    return sweep(a);
  };
  ASSERT_EQ(run_cli(with({"--store", at("now.db")})).code, 0);
  {
    ResultStore now("--store", at("now.db"), false);
    ResultStore old("--store", at("old.db"));
    for (StoredCell c : now.cells()) {
      const RunConfig config = run_config_from_json(nlohmann::json::parse(c.config));
      c.canonical = canonical_config_text(config, kModelRevision - 1);
      c.hash = config_hash(c.canonical);
      old.put(c);
    }
  }
  const auto table = run_cli(with({"--store", at("old.db")}));
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("0 reused, 2 simulated"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("note: --store held 2 of these cells from an earlier version of the "
                           "model: simulated again, not reused"),
            std::string::npos)
      << table.out;
  const auto again = run_cli(with({"--store", at("old.db"), "--json"}));
  ASSERT_EQ(again.code, 0) << again.err;
  const auto j = nlohmann::json::parse(again.out);
  EXPECT_EQ(j["reused"], 2);
  EXPECT_EQ(j["simulated_again_earlier_model"], 0);
  const auto fresh = run_cli(with({"--store", at("fresh.db"), "--json"}));
  EXPECT_EQ(nlohmann::json::parse(fresh.out)["simulated_again_earlier_model"], 0);
  // The earlier model's cells are still there, beside the new ones.
  EXPECT_EQ(ResultStore("--store", at("old.db"), false).size(), 4u);
}

TEST_F(CliStore, MergedShardsEqualTheUnshardedSweepCellForCell) {
  const std::vector<std::string> grid = {
      "--param", "rows-per-task=64,128,256", "--param", "kv-block=256,512,1024", "--jobs", "2"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = grid;
    a.insert(a.end(), extra.begin(), extra.end());
    return sweep(a);
  };
  ASSERT_EQ(run_cli(with({"--store", at("whole.db")})).code, 0);
  std::vector<std::string> shards;
  for (int k = 0; k < 3; ++k) {
    shards.push_back(at("shard" + std::to_string(k) + ".db"));
    const auto r = run_cli(with({"--shard", std::to_string(k) + "/3", "--store", shards.back()}));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("3 cells in"), std::string::npos) << r.out;  // 9 cells, 3 per shard
  }
  std::vector<std::string> merge = {"sweep", "merge"};
  merge.insert(merge.end(), shards.begin(), shards.end());
  merge.insert(merge.end(), {"--out", at("merged.db")});
  const auto m = run_cli(merge);
  ASSERT_EQ(m.code, 0) << m.err;
  const auto whole = store_rows(at("whole.db"));
  EXPECT_FALSE(whole.empty());
  EXPECT_EQ(store_rows(at("merged.db")), whole);
  // No cell was in two shards: the shard stores' sizes add up to the whole.
  std::size_t sum = 0;
  for (const auto& s : shards) sum += store_rows(s).size();
  EXPECT_EQ(sum, whole.size());
}

TEST_F(CliStore, BadShardAndMisplacedFlagsAreRefusedNamingTheFlag) {
  const auto p = std::vector<std::string>{"--param", "kv-block=256,512"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = p;
    a.insert(a.end(), extra.begin(), extra.end());
    return run_cli(sweep(a));
  };
  const auto k = with({"--shard", "2/2"});
  EXPECT_EQ(k.code, 2);
  EXPECT_NE(k.err.find("--shard"), std::string::npos) << k.err;
  EXPECT_NE(k.err.find("K in [0, 1] for N = 2"), std::string::npos) << k.err;
  const auto n = with({"--shard", "0/0"});
  EXPECT_EQ(n.code, 2);
  EXPECT_NE(n.err.find("N in [1, 4096]"), std::string::npos) << n.err;
  const auto shards = with({"--shards", "3"});
  EXPECT_EQ(shards.code, 2);
  EXPECT_NE(shards.err.find("--shards"), std::string::npos) << shards.err;
  const auto slurm = with({"--slurm"});
  EXPECT_EQ(slurm.code, 2);
  EXPECT_NE(slurm.err.find("--store"), std::string::npos) << slurm.err;
  const auto no_out = run_cli({"sweep", "merge", at("a.db")});
  EXPECT_EQ(no_out.code, 2);
  EXPECT_NE(no_out.err.find("--out"), std::string::npos) << no_out.err;
  const auto missing = run_cli({"sweep", "merge", at("nothing.db"), "--out", at("all.db")});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("nothing.db"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(at("all.db")));
  amla::testing::put(at("text.db"), std::string(2048, 'x'));
  const auto text = run_cli(sweep({"--param", "kv-block=256", "--store", at("text.db")}));
  EXPECT_EQ(text.code, 2);
  EXPECT_NE(text.err.find("--store"), std::string::npos) << text.err;
}

TEST_F(CliStore, SlurmWritesAnArrayAndADependentMergeThatReadBack) {
  std::filesystem::current_path(dir_);
  const auto r = run_cli(
      sweep({"--param", "kv-block=256,512,1024", "--param", "preload=0,1", "--store", at("run.db"),
             "--slurm", "--shards", "3", "--partition", "debug", "--time", "10", "--jobs", "2"}));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("sbatch --dependency=afterok"), std::string::npos) << r.out;
  const std::string array = amla::testing::slurp(at("run.array.sbatch"));
  const std::string merge = amla::testing::slurp(at("run.merge.sbatch"));
  EXPECT_NE(array.find("#SBATCH --array=0-2\n"), std::string::npos) << array;
  EXPECT_NE(array.find("#SBATCH --partition=debug\n"), std::string::npos);
  EXPECT_NE(array.find("#SBATCH --time=10\n"), std::string::npos);
  EXPECT_NE(array.find("#SBATCH --cpus-per-task=2\n"), std::string::npos);
  EXPECT_NE(array.find("--shard \"${shard}/3\""), std::string::npos) << array;
  EXPECT_NE(array.find("--param 'kv-block=256,512,1024' --param 'preload=0,1'"), std::string::npos)
      << array;
  EXPECT_NE(merge.find(" sweep merge '" + at("run.shard-0.db") + "' '" + at("run.shard-1.db") +
                       "' '" + at("run.shard-2.db") + "' --out '" + at("run.db") + "'"),
            std::string::npos)
      << merge;
  // The base run the shards read is the one given here, parameter for parameter.
  RunConfig given;
  given.hardware = find_preset("910B2");
  given.kernel.problem.batch = 2;
  given.kernel.problem.kv_len = 2048;
  const RunConfig read = load_run_config_file(at("run.config.json"));
  EXPECT_EQ(canonical_config_text(read), canonical_config_text(given));
  EXPECT_FALSE(std::filesystem::exists(at("run.db")));  // nothing simulated here
  EXPECT_EQ(parse_sbatch_job_id("--submit", "4242;cluster\n"), "4242");
  EXPECT_EQ(parse_sbatch_job_id("--submit", "17\n"), "17");
  EXPECT_THROW(parse_sbatch_job_id("--submit", "sbatch: error: no partition\n"), InputError);
}

TEST(SweepProgress, RateAndEta) {
  EXPECT_EQ(SweepProgressLine::text(12, 36, 6.0), "12/36 cells, 2.00 cells/s, ETA 12 s");
  EXPECT_EQ(SweepProgressLine::text(0, 36, 1.0), "0/36 cells, ETA unknown");
  EXPECT_EQ(SweepProgressLine::text(1, 201, 1.0), "1/201 cells, 1.00 cells/s, ETA 3m20s");
  EXPECT_EQ(SweepProgressLine::text(36, 36, 4.0), "36/36 cells, 9.00 cells/s, done in 4 s");
}

// Runs amla-cli as its own process, output into files; returns the pid.
pid_t spawn_cli(const std::vector<std::string>& args, const std::string& out,
                const std::string& err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> all = {AMLA_CLI_PATH};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, AMLA_CLI_PATH, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

int wait_exit(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

TEST_F(CliStore, TwoProcessesSweepOneStoreAtOnce) {
  // Overlapping grids: rows-per-task 128 is in both.
  const auto a = sweep({"--param", "rows-per-task=64,128", "--param", "kv-block=256,512,1024",
                        "--jobs", "1", "--store", at("shared.db"), "--json", "--progress"});
  const auto b = sweep({"--param", "rows-per-task=128,256", "--param", "kv-block=256,512,1024",
                        "--jobs", "1", "--store", at("shared.db"), "--json"});
  const pid_t pa = spawn_cli(a, at("a.out"), at("a.err"));
  const pid_t pb = spawn_cli(b, at("b.out"), at("b.err"));
  ASSERT_GT(pa, 0);
  ASSERT_GT(pb, 0);
  EXPECT_EQ(wait_exit(pa), 0) << amla::testing::slurp(at("a.err"));
  EXPECT_EQ(wait_exit(pb), 0) << amla::testing::slurp(at("b.err"));
  const auto ja = nlohmann::json::parse(amla::testing::slurp(at("a.out")));
  const auto jb = nlohmann::json::parse(amla::testing::slurp(at("b.out")));
  EXPECT_EQ(ja["reused"].get<int>() + ja["simulated"].get<int>(), 6);
  EXPECT_EQ(jb["reused"].get<int>() + jb["simulated"].get<int>(), 6);
  // --progress wrote the rate and the last line to a file (not a terminal).
  const std::string progress = amla::testing::slurp(at("a.err"));
  EXPECT_NE(progress.find("sweep: 6/6 cells, "), std::string::npos) << progress;
  EXPECT_NE(progress.find("cells/s"), std::string::npos) << progress;
  // The union of both grids, each cell once, equal to one sweep of the union on its own.
  const auto whole =
      run_cli(sweep({"--param", "rows-per-task=64,128,256", "--param", "kv-block=256,512,1024",
                     "--jobs", "2", "--store", at("alone.db"), "--json"}));
  ASSERT_EQ(whole.code, 0) << whole.err;
  EXPECT_EQ(store_rows(at("shared.db")), store_rows(at("alone.db")));
  // The store keeps the valid cells (an invalid one is cheap to find again).
  const auto whole_json = nlohmann::json::parse(whole.out);
  std::size_t valid = 0;
  for (const auto& cell : whole_json["results"]) valid += cell["valid"].get<bool>() ? 1 : 0;
  EXPECT_EQ(store_rows(at("shared.db")).size(), valid);
  EXPECT_GE(valid, 6u);
}

}  // namespace
}  // namespace amla::cli
