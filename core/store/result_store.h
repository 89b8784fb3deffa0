#pragma once
// The persistent result store: one SQLite file holding every simulated cell, keyed by the hash
// of its canonical configuration (config_key.h), with the configuration itself and the metric
// catalogue's JSON of its metrics. A sweep given a store looks every cell up before simulating
// it and adds it after, so an interrupted sweep resumes, overlapping sweeps share cells, and a
// sweep split into shards (each with its own store) is put back together by merge().
//
// Safe for several processes at once: WAL journal (readers never block the writer), every write
// its own short transaction (BEGIN IMMEDIATE), a busy timeout instead of failing on a lock. The
// schema is versioned with PRAGMA user_version; a store of another version is refused, never
// guessed at. Only valid cells are kept: an invalid cell is cheap to find again and may depend
// on the memory budget rather than on the configuration.
#include <atomic>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/sweep/sweep.h"

struct sqlite3;

namespace amla {

struct StoredCell {
  std::string hash;           // config_hash(canonical)
  std::string canonical;      // canonical_config_text(config)
  std::string config;         // run_config_to_json(config): reads back into the RunConfig
  std::string metrics;        // metrics_to_json(...): the metric catalogue's document
  bool has_numerics = false;  // metrics carry amla_max_error
  double wall_seconds = 0;    // how long the simulation took where it ran
};

class ResultStore : public SweepCellCache {
 public:
  static constexpr int kSchemaVersion = 1;
  // Stores larger than this are refused when read whole (the studio, merge).
  static constexpr std::size_t kMaxCells = 1u << 20;
  // Opens the store at `path`, creating it (and its schema) when `create` and it is missing.
  // Errors are InputErrors naming `field` ("--store") with the path: not a database, another
  // schema version, an unreadable or unwritable file.
  ResultStore(std::string field, const std::string& path, bool create = true);
  ~ResultStore() override;
  ResultStore(const ResultStore&) = delete;
  ResultStore& operator=(const ResultStore&) = delete;

  // SweepCellCache: a stored valid cell of `config` (with AMLA's error when `numerics`).
  std::optional<SweepCell> find(const RunConfig& config, bool numerics) override;
  void store(const SweepCell& cell, bool numerics) override;

  // The cell with this hash, or nullopt.
  std::optional<StoredCell> find_cell(const std::string& hash);
  // Adds the cell, or replaces the stored one unless that one has numerics and this has not.
  // A stored cell with the same hash and another configuration is a collision: InputError.
  void put(const StoredCell& cell);
  // Every cell, ordered by hash; more than kMaxCells is refused.
  std::vector<StoredCell> cells();
  std::size_t size();
  // How many lookups missed a cell that the store holds from an earlier model's revision (the
  // same configuration, simulated again): a sweep says so, lest reuse be expected.
  std::size_t earlier_model_matches() const { return earlier_model_matches_.load(); }
  // Adds every cell of the stores at `paths` in one transaction (all or nothing); returns how
  // many cells of each were new here. Errors name `field` and the path.
  std::vector<std::size_t> merge_from(const std::string& field,
                                      const std::vector<std::string>& paths);

  const std::string& path() const { return path_; }

 private:
  void exec(const char* sql);
  // exec(), retried while another connection holds the lock it needs.
  void exec_when_free(const char* sql);
  void put_locked(const StoredCell& cell);
  [[noreturn]] void fail(const std::string& what) const;

  std::string field_;
  std::string path_;
  sqlite3* db_ = nullptr;
  std::mutex mutex_;
  std::atomic<std::size_t> earlier_model_matches_{0};
};

// The stored cell for a finished sweep cell (valid ones only).
StoredCell to_stored_cell(const SweepCell& cell, bool numerics);

}  // namespace amla
