// The result store: the canonical configuration text and its hash, the metrics read back from
// the catalogue's JSON, the SQLite store's answers (reuse, resume after a cancel, refusals of
// wrong files and versions, collisions), sharding's partition of the cells.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "core/common/cancelled.h"
#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/kernel_params.h"
#include "core/run/metric_catalogue.h"
#include "core/run/model_revision.h"
#include "core/run/simulation_run.h"
#include "core/store/config_key.h"
#include "core/store/result_store.h"
#include "core/store/store_slice.h"
#include "core/sweep/knobs.h"
#include "tests/core/scratch_dir.h"

namespace amla {
namespace {

RunConfig small_base() {
  RunConfig c;
  c.hardware = find_preset("910B2");
  c.kernel.problem.batch = 2;
  c.kernel.problem.kv_len = 2048;
  return c;
}

std::vector<SweepParameter> grid() {
  return {parse_sweep_parameter("rows-per-task=64,128"),
          parse_sweep_parameter("kv-block=256,512,1024")};
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

TEST(ConfigKey, CanonicalTextHoldsEveryParameterAndIgnoresTheMachineName) {
  const RunConfig base = small_base();
  const auto j = nlohmann::json::parse(canonical_config_text(base));
  for (const ParamDef& p : kernel_params()) {
    ASSERT_TRUE(j["kernel"].contains(std::string(p.id))) << p.id;
    EXPECT_EQ(j["kernel"][std::string(p.id)].get<long long>(), p.get(base.kernel)) << p.id;
  }
  EXPECT_EQ(j["hardware"].size(), hardware_parameter_info().size());
  RunConfig renamed = base;
  renamed.hardware.name = "another name";
  EXPECT_EQ(canonical_config_text(renamed), canonical_config_text(base));
  // Any one parameter changes the key.
  RunConfig other = base;
  apply_knob(other, "kv-block", "1024");
  EXPECT_NE(config_hash(canonical_config_text(other)), config_hash(canonical_config_text(base)));
  RunConfig faster = base;
  faster.hardware.clock_ghz += 0.1;
  EXPECT_NE(canonical_config_text(faster), canonical_config_text(base));
}

TEST(ConfigKey, TheModelsRevisionIsPartOfTheKey) {
  RunConfig c = small_base();
  const auto j = nlohmann::json::parse(canonical_config_text(c));
  ASSERT_TRUE(j.contains("model"));
  EXPECT_EQ(j["model"].get<int>(), kModelRevision);
  EXPECT_TRUE(names_this_model(canonical_config_text(c)));
  c.kernel.problem.kv_lens = {100, 200};
  c.kernel.problem.batch = 2;
  EXPECT_TRUE(names_this_model(canonical_config_text(c)));
  // Revision 1's keys named no model; later ones name theirs.
  const auto first = nlohmann::json::parse(canonical_config_text(c, 1));
  EXPECT_FALSE(first.contains("model"));
  EXPECT_EQ(first["kernel"], j["kernel"]);
  EXPECT_FALSE(names_this_model(canonical_config_text(c, 1)));
  EXPECT_FALSE(names_this_model(canonical_config_text(c, kModelRevision - 1)));
  EXPECT_FALSE(names_this_model(canonical_config_text(c, kModelRevision + 1)));
  EXPECT_FALSE(names_this_model("{\"model\":" + std::to_string(kModelRevision) + "}"));
}

TEST(ConfigKey, HashIsFnv1a64OfTheText) {
  // The published FNV-1a 64 test vectors.
  EXPECT_EQ(fnv1a_64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a_64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(config_hash("a"), "af63dc4c8601ec8c");
}

TEST(StoredMetrics, EveryCatalogueMetricHasItsInverse) {
  for (const MetricDef& m : metric_catalogue()) {
    if (m.is_text()) {
      EXPECT_TRUE(m.restore_text) << m.key;
    } else {
      EXPECT_TRUE(m.restore) << m.key;
    }
  }
}

TEST(StoredMetrics, CatalogueJsonReadsBackToTheSameMetrics) {
  const RunConfig c = small_base();
  const SimulationRun run = run_simulation(c.hardware, c.kernel);
  const nlohmann::json j = metrics_to_json({run.metrics, 1.5e-3});
  const auto back = metrics_from_json(nlohmann::json::parse(j.dump()));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->sim.makespan_cycles, run.metrics.makespan_cycles);
  EXPECT_EQ(back->sim.bound, run.metrics.bound);
  EXPECT_EQ(back->sim.bound_unit_pipe(), run.metrics.bound_unit_pipe());
  EXPECT_DOUBLE_EQ(back->sim.flops_utilization, run.metrics.flops_utilization);
  EXPECT_EQ(back->amla_max_abs_error, 1.5e-3);
  // A document with a figure this reader does not restore is not taken as these metrics.
  nlohmann::json extra = j;
  extra["a_new_metric"] = 1;
  EXPECT_FALSE(metrics_from_json(extra).has_value());
  nlohmann::json missing = j;
  missing.erase("tflops");
  EXPECT_FALSE(metrics_from_json(missing).has_value());
  nlohmann::json wrong_word = j;
  wrong_word["bound_pipe"] = "AIC LASER";
  EXPECT_FALSE(metrics_from_json(wrong_word).has_value());
  // Without the numerics the error is absent, not zero.
  const auto without = metrics_from_json(metrics_to_json({run.metrics, std::nullopt}));
  ASSERT_TRUE(without.has_value());
  EXPECT_FALSE(without->amla_max_abs_error.has_value());
  // Every level of the roofline comes back with its own level and figures.
  for (int i = 0; i < kRoofLevelCount; ++i) {
    const auto& a = run.metrics.roofline.ceilings[static_cast<std::size_t>(i)];
    const auto& b = back->sim.roofline.ceilings[static_cast<std::size_t>(i)];
    EXPECT_EQ(a.level, b.level);
    EXPECT_DOUBLE_EQ(a.use, b.use);
  }
  EXPECT_EQ(back->sim.roofline.limit, run.metrics.roofline.limit);
}

// small_base() simulated, as a sweep's valid cell.
SweepCell simulated_small_cell() {
  SweepCell cell;
  cell.config = small_base();
  cell.valid = true;
  cell.metrics = run_simulation(cell.config.hardware, cell.config.kernel).metrics;
  return cell;
}

class ResultStoreTest : public testing::ScratchDirTest {
 protected:
  ResultStoreTest() : ScratchDirTest("amla_store_") {}
};

TEST_F(ResultStoreTest, SecondSweepReusesEveryCellWithIdenticalMetrics) {
  SweepOptions o;
  o.jobs = 2;
  SweepResult first, second;
  {
    ResultStore store("--store", at("s.db"));
    o.cache = &store;
    first = run_sweep(small_base(), grid(), o);
    EXPECT_EQ(first.simulated, 6);
    EXPECT_EQ(first.reused, 0);
    EXPECT_EQ(store.size(), 6u);  // every 2x3 cell of this grid is valid
  }
  ResultStore reopened("--store", at("s.db"));
  o.cache = &reopened;
  second = run_sweep(small_base(), grid(), o);
  EXPECT_EQ(second.reused, 6);
  EXPECT_EQ(second.simulated, 0);
  for (std::size_t i = 0; i < first.cells.size(); ++i) {
    EXPECT_TRUE(second.cells[i].from_cache);
    EXPECT_EQ(second.cells[i].metrics.makespan_cycles, first.cells[i].metrics.makespan_cycles);
    EXPECT_EQ(metrics_to_json({second.cells[i].metrics, std::nullopt}),
              metrics_to_json({first.cells[i].metrics, std::nullopt}));
  }
  EXPECT_EQ(second.best, first.best);
}

TEST_F(ResultStoreTest, CancelledSweepResumesWhereItStopped) {
  std::atomic<bool> cancel{false};
  {
    ResultStore store("--store", at("s.db"));
    SweepOptions o;
    o.jobs = 1;
    o.cache = &store;
    o.job.cancel = &cancel;
    o.on_cell = [&](std::size_t, const SweepCell&) { cancel = true; };  // stop after one
    EXPECT_THROW(run_sweep(small_base(), grid(), o), Cancelled);
    EXPECT_EQ(store.size(), 1u);
  }
  ResultStore store("--store", at("s.db"));
  SweepOptions o;
  o.jobs = 2;
  o.cache = &store;
  const SweepResult r = run_sweep(small_base(), grid(), o);
  EXPECT_EQ(r.reused, 1);
  EXPECT_EQ(r.simulated, 5);
  EXPECT_EQ(store.size(), 6u);
}

TEST_F(ResultStoreTest, NumericsMetricSimulatesCellsStoredWithout) {
  ResultStore store("--store", at("s.db"));
  SweepOptions o;
  o.jobs = 2;
  o.cache = &store;
  const auto p = std::vector<SweepParameter>{parse_sweep_parameter("kv-block=256,512")};
  EXPECT_EQ(run_sweep(small_base(), p, o).simulated, 2);
  o.metric = "amla_max_error";
  const SweepResult with = run_sweep(small_base(), p, o);
  EXPECT_EQ(with.simulated, 2);
  for (const SweepCell& c : with.cells) EXPECT_TRUE(c.amla_max_error.has_value());
  // Now stored with the error: both metrics reuse it.
  EXPECT_EQ(run_sweep(small_base(), p, o).reused, 2);
  o.metric = "tflops";
  EXPECT_EQ(run_sweep(small_base(), p, o).reused, 2);
}

TEST_F(ResultStoreTest, RefusesFilesThatAreNotStoresOrOfAnotherVersion) {
  testing::put(at("text.db"), std::string(4096, 'x'));
  EXPECT_NE(error_of([&] { ResultStore("--store", at("text.db")); }).find("--store"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              ResultStore("--store", at("missing.db"), false);
            }).find("no such result store"),
            std::string::npos);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(at("v9.db").c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version = 9", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  const std::string v9 = error_of([&] { ResultStore("--store", at("v9.db")); });
  EXPECT_NE(v9.find("schema version 1 (this file has version 9)"), std::string::npos) << v9;
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(at("other.db").c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE people (name TEXT)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  EXPECT_NE(error_of([&] { ResultStore("--store", at("other.db")); }).find("not an AMLA"),
            std::string::npos);
}

// A cell an earlier model computed (its key names that model's revision) is neither reused by a
// sweep nor shown by the store's view, which counts it.
TEST_F(ResultStoreTest, CellsOfAnEarlierModelAreRunAgainAndLeftOutOfTheView) {
  SweepCell cell = simulated_small_cell();
  StoredCell old = to_stored_cell(cell, false);
  old.canonical = canonical_config_text(cell.config, kModelRevision - 1);
  old.hash = config_hash(old.canonical);
  cell.metrics.makespan_cycles += 1000;  // what the earlier model said
  old.metrics = metrics_to_json({cell.metrics, std::nullopt}).dump();
  ResultStore store("--store", at("s.db"));
  store.put(old);
  ASSERT_EQ(store.size(), 1u);

  StoreContents before = read_store_contents(store);
  EXPECT_EQ(before.cells.size(), 0u);
  EXPECT_EQ(before.other_model, 1u);
  EXPECT_EQ(before.unreadable, 0u);

  SweepOptions o;
  o.cache = &store;
  const SweepResult swept = run_sweep(small_base(), {parse_sweep_parameter("preload=2")}, o);
  ASSERT_EQ(swept.cells.size(), 1u);
  EXPECT_EQ(swept.reused, 0);
  EXPECT_EQ(swept.simulated, 1);
  EXPECT_EQ(swept.cells[0].metrics.makespan_cycles, cell.metrics.makespan_cycles - 1000);
  EXPECT_EQ(store.earlier_model_matches(), 1u);
  EXPECT_EQ(store.size(), 2u);
  StoreContents after = read_store_contents(store);
  ASSERT_EQ(after.cells.size(), 1u);
  EXPECT_EQ(after.other_model, 1u);
  EXPECT_EQ(after.cells[0].metrics.sim.makespan_cycles, swept.cells[0].metrics.makespan_cycles);
}

TEST_F(ResultStoreTest, CollisionIsDetectedNotAnswered) {
  ResultStore store("--store", at("s.db"));
  SweepCell cell = simulated_small_cell();
  StoredCell s = to_stored_cell(cell, false);
  store.put(s);
  StoredCell impostor = s;
  impostor.canonical = "{\"another\":1}";
  EXPECT_NE(error_of([&] { store.put(impostor); }).find("hash collision"), std::string::npos);
  EXPECT_EQ(store.size(), 1u);
  EXPECT_EQ(store.find_cell(s.hash)->canonical, s.canonical);
}

TEST_F(ResultStoreTest, DamagedMetricsAreSimulatedAgainAndReplaced) {
  SweepCell cell = simulated_small_cell();
  StoredCell damaged = to_stored_cell(cell, false);
  damaged.metrics = "{\"makespan_us\": [[[[";
  ResultStore store("--store", at("s.db"));
  store.put(damaged);
  EXPECT_FALSE(store.find(cell.config, false).has_value());
  store.store(cell, false);
  const auto again = store.find(cell.config, false);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->metrics.makespan_cycles, cell.metrics.makespan_cycles);
}

TEST_F(ResultStoreTest, MergeIsAllOrNothing) {
  ResultStore a("--store", at("a.db"));
  SweepOptions o;
  o.jobs = 2;
  o.cache = &a;
  run_sweep(small_base(), grid(), o);
  testing::put(at("bad.db"), "not sqlite at all, but long enough to be read as a header....");
  ResultStore all("--out", at("all.db"));
  EXPECT_FALSE(error_of([&] { all.merge_from("merge", {at("a.db"), at("bad.db")}); }).empty());
  EXPECT_EQ(all.size(), 0u);
  EXPECT_EQ(all.merge_from("merge", {at("a.db"), at("a.db")}), (std::vector<std::size_t>{6, 0}));
  EXPECT_EQ(all.size(), 6u);
}

TEST(SweepShard, EveryCellInExactlyOneShardAndSizesBalanced) {
  for (int n = 1; n <= 6; ++n) {
    for (std::size_t cells : {1u, 7u, 36u}) {
      std::vector<int> owners(cells, 0);
      std::vector<std::size_t> sizes(static_cast<std::size_t>(n), 0);
      for (int k = 0; k < n; ++k) {
        const SweepShard s{k, n};
        for (std::size_t i = 0; i < cells; ++i) {
          if (s.contains(i)) {
            ++owners[i];
            ++sizes[static_cast<std::size_t>(k)];
          }
        }
      }
      for (int o : owners) EXPECT_EQ(o, 1);
      const auto [lo, hi] = std::minmax_element(sizes.begin(), sizes.end());
      EXPECT_LE(*hi - *lo, 1u) << n << " " << cells;
    }
  }
}

TEST(SweepShard, ParsesKOverNAndRefusesWhatIsOutOfRange) {
  const SweepShard s = parse_sweep_shard("--shard", "1/3");
  EXPECT_EQ(s.index, 1);
  EXPECT_EQ(s.count, 3);
  EXPECT_NE(error_of([] { parse_sweep_shard("--shard", "2/2"); }).find("K in [0, 1] for N = 2"),
            std::string::npos);
  for (const char* bad : {"", "1", "a/2", "1/0", "-1/2", "1/5000", "1/2/3", "0/"}) {
    const std::string e = error_of([&] { parse_sweep_shard("--shard", bad); });
    EXPECT_NE(e.find("--shard"), std::string::npos) << bad;
  }
}

TEST(SweepShard, ShardsOfASweepTogetherAreTheWholeSweep) {
  SweepOptions o;
  o.jobs = 2;
  const SweepResult whole = run_sweep(small_base(), grid(), o);
  std::set<std::size_t> seen;
  for (int k = 0; k < 4; ++k) {
    o.shard = {k, 4};
    const SweepResult part = run_sweep(small_base(), grid(), o);
    for (std::size_t i = 0; i < part.cells.size(); ++i) {
      if (part.cells[i].pending) continue;
      EXPECT_TRUE(seen.insert(i).second) << i;
      EXPECT_EQ(part.cells[i].metrics.makespan_cycles, whole.cells[i].metrics.makespan_cycles);
    }
  }
  EXPECT_EQ(seen.size(), whole.cells.size());
}

}  // namespace
}  // namespace amla

namespace amla {
namespace {

// Found when the faster simulator made two sweeps open one new store at the same moment: the
// switch to WAL came back "database is locked" at once (SQLite does not always wait in its busy
// handler for it). Several connections now open a fresh store together, round after round.
TEST_F(ResultStoreTest, ConnectionsOpeningOneNewStoreTogetherAllSucceed) {
  constexpr int kRounds = 30;
  constexpr int kOpeners = 6;
  for (int round = 0; round < kRounds; ++round) {
    const std::string path = at("race" + std::to_string(round) + ".db");
    std::atomic<int> ready{0};
    std::atomic<int> failures{0};
    std::string first_error;
    std::mutex error_mutex;
    std::vector<std::thread> openers;
    for (int k = 0; k < kOpeners; ++k) {
      openers.emplace_back([&] {
        ++ready;
        while (ready.load() < kOpeners) std::this_thread::yield();
        try {
          ResultStore store("--store", path);
        } catch (const std::exception& e) {
          ++failures;
          std::lock_guard lock(error_mutex);
          if (first_error.empty()) first_error = e.what();
        }
      });
    }
    for (auto& t : openers) t.join();
    ASSERT_EQ(failures.load(), 0) << "round " << round << ": " << first_error;
  }
}

}  // namespace
}  // namespace amla
