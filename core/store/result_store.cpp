#include "core/store/result_store.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/common/input_error.h"
#include "core/common/json_io.h"
#include "core/run/metric_catalogue.h"
#include "core/run/model_revision.h"
#include "core/store/config_key.h"

namespace amla {

namespace {

// A lock held by another process is waited for this long before the write fails.
constexpr int kBusyTimeoutMs = 60000;
// Bounds on what one row may hold: a configuration is a few KiB, the metrics a few more.
constexpr std::size_t kMaxTextBytes = 1u << 20;

constexpr const char* kCreateSchema =
    "CREATE TABLE IF NOT EXISTS cells ("
    " hash TEXT PRIMARY KEY,"
    " canonical TEXT NOT NULL,"
    " config TEXT NOT NULL,"
    " metrics TEXT NOT NULL,"
    " has_numerics INTEGER NOT NULL,"
    " wall_seconds REAL NOT NULL"
    ") WITHOUT ROWID";

// Insert, or replace the stored result unless it would lose the numerics.
constexpr const char* kUpsert =
    "INSERT INTO cells (hash, canonical, config, metrics, has_numerics, wall_seconds)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT(hash) DO UPDATE SET config = excluded.config, metrics = excluded.metrics,"
    " has_numerics = excluded.has_numerics, wall_seconds = excluded.wall_seconds"
    " WHERE excluded.has_numerics >= cells.has_numerics";

constexpr const char* kSelectColumns =
    "SELECT hash, canonical, config, metrics, has_numerics, wall_seconds FROM cells";

// One prepared statement, finalized however the scope ends.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return stmt_ != nullptr; }
  sqlite3_stmt* get() const { return stmt_; }
  void bind(int i, const std::string& text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  std::string text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    const int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : "";
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

StoredCell to_stored_cell(const SweepCell& cell, bool numerics) {
  StoredCell s;
  s.canonical = canonical_config_text(cell.config);
  s.hash = config_hash(s.canonical);
  s.config = run_config_to_json(cell.config).dump();
  const bool with_error = numerics && cell.amla_max_error.has_value();
  s.metrics =
      metrics_to_json({cell.metrics, with_error ? cell.amla_max_error : std::nullopt}).dump();
  s.has_numerics = with_error;
  s.wall_seconds = cell.wall_seconds;
  return s;
}

ResultStore::ResultStore(std::string field, const std::string& path, bool create)
    : field_(std::move(field)), path_(path) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (!exists && !create) throw InputError(field_, path, "no such result store");
  if (exists && !std::filesystem::is_regular_file(path, ec)) {
    throw InputError(field_, path, "a result store is a regular file (SQLite)");
  }
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                    SQLITE_OPEN_NOMUTEX;  // one connection per store, guarded by mutex_
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : "cannot open";
    sqlite3_close(db_);
    db_ = nullptr;
    throw InputError(field_, path, "cannot open the result store: " + why);
  }
  try {
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    sqlite3_extended_result_codes(db_, 1);
    // Reading the version is the first access: a file that is not SQLite fails here.
    int version = 0;
    {
      Statement q(db_, "PRAGMA user_version");
      if (!q.ok() || sqlite3_step(q.get()) != SQLITE_ROW) {
        throw InputError(field_, path,
                         std::string("not an AMLA result store (SQLite): ") + sqlite3_errmsg(db_));
      }
      version = sqlite3_column_int(q.get(), 0);
    }
    if (version != 0 && version != kSchemaVersion) {
      throw InputError(field_, path,
                       "a result store of schema version " + std::to_string(kSchemaVersion) +
                           " (this file has version " + std::to_string(version) + ")");
    }
    // Changing the journal mode takes the file's exclusive lock, and SQLite may answer "database
    // is locked" at once, without its busy handler, while another connection is opening the
    // same new store: retried here for as long as the busy timeout.
    exec_when_free("PRAGMA journal_mode=WAL");
    if (version == 0) {
      // Two processes may create the store at once: the schema is written in one immediate
      // transaction and every statement is idempotent.
      exec("BEGIN IMMEDIATE");
      try {
        Statement tables(db_,
                         "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                         "name <> 'cells'");
        if (!tables.ok() || sqlite3_step(tables.get()) != SQLITE_ROW) fail("reading the schema");
        if (sqlite3_column_int(tables.get(), 0) != 0) {
          throw InputError(field_, path, "an SQLite file, but not an AMLA result store");
        }
        exec(kCreateSchema);
        exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
        exec("COMMIT");
      } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
      }
    }
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

ResultStore::~ResultStore() { sqlite3_close(db_); }

void ResultStore::fail(const std::string& what) const {
  throw InputError(field_, path_, what + " failed: " + sqlite3_errmsg(db_));
}

void ResultStore::exec_when_free(const char* sql) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  while (true) {
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    const int primary = rc & 0xff;
    if (rc == SQLITE_OK) return;
    if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) ||
        std::chrono::steady_clock::now() >= give_up) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  exec(sql);  // once more, to report the error as every statement does
}

void ResultStore::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string why = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    throw InputError(field_, path_,
                     "the result store refused \"" + std::string(sql) + "\": " + why);
  }
}

namespace {

StoredCell read_row(const Statement& q, const std::string& field, const std::string& path) {
  StoredCell c;
  c.hash = q.text(0);
  c.canonical = q.text(1);
  c.config = q.text(2);
  c.metrics = q.text(3);
  c.has_numerics = sqlite3_column_int(q.get(), 4) != 0;
  c.wall_seconds = sqlite3_column_double(q.get(), 5);
  for (const std::string* t : {&c.canonical, &c.config, &c.metrics}) {
    if (t->size() > kMaxTextBytes) {
      throw InputError(field, path,
                       "cell " + c.hash + " holds " + std::to_string(t->size()) +
                           " bytes in one column (at most " + std::to_string(kMaxTextBytes) + ")");
    }
  }
  if (config_hash(c.canonical) != c.hash) {
    throw InputError(field, path, "cell " + c.hash + " does not match its configuration's hash");
  }
  return c;
}

}  // namespace

std::optional<StoredCell> ResultStore::find_cell(const std::string& hash) {
  std::lock_guard lock(mutex_);
  Statement q(db_, (std::string(kSelectColumns) + " WHERE hash = ?1").c_str());
  if (!q.ok()) fail("reading a cell");
  q.bind(1, hash);
  const int rc = sqlite3_step(q.get());
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) fail("reading a cell");
  return read_row(q, field_, path_);
}

std::optional<SweepCell> ResultStore::find(const RunConfig& config, bool numerics) {
  const std::string canonical = canonical_config_text(config);
  const auto stored = find_cell(config_hash(canonical));
  if (!stored) {
    for (int revision = 1; revision < kModelRevision; ++revision) {
      const std::string earlier = canonical_config_text(config, revision);
      const auto old = find_cell(config_hash(earlier));
      if (old && old->canonical == earlier) {
        ++earlier_model_matches_;
        break;
      }
    }
    return std::nullopt;
  }
  if (numerics && !stored->has_numerics) return std::nullopt;
  if (stored->canonical != canonical) {
    throw InputError(field_, path_,
                     "hash collision: cell " + stored->hash + " holds another configuration");
  }
  std::optional<RestoredMetrics> metrics;
  try {
    metrics = metrics_from_json(parse_json_text(field_, "cell " + stored->hash, stored->metrics));
  } catch (const InputError&) {
    return std::nullopt;  // damaged: simulated again and replaced
  }
  if (!metrics) return std::nullopt;  // written by another catalogue: simulate it again
  SweepCell cell;
  cell.config = config;
  cell.valid = true;
  cell.metrics = metrics->sim;
  if (numerics) cell.amla_max_error = metrics->amla_max_abs_error;
  cell.wall_seconds = stored->wall_seconds;
  return cell;
}

void ResultStore::put_locked(const StoredCell& cell) {
  {
    Statement q(db_, "SELECT canonical FROM cells WHERE hash = ?1");
    if (!q.ok()) fail("reading a cell");
    q.bind(1, cell.hash);
    const int rc = sqlite3_step(q.get());
    if (rc == SQLITE_ROW && q.text(0) != cell.canonical) {
      throw InputError(field_, path_,
                       "hash collision: cell " + cell.hash + " holds another configuration");
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail("reading a cell");
  }
  Statement q(db_, kUpsert);
  if (!q.ok()) fail("writing a cell");
  q.bind(1, cell.hash);
  q.bind(2, cell.canonical);
  q.bind(3, cell.config);
  q.bind(4, cell.metrics);
  sqlite3_bind_int(q.get(), 5, cell.has_numerics ? 1 : 0);
  sqlite3_bind_double(q.get(), 6, cell.wall_seconds);
  if (sqlite3_step(q.get()) != SQLITE_DONE) fail("writing a cell");
}

void ResultStore::put(const StoredCell& cell) {
  std::lock_guard lock(mutex_);
  exec("BEGIN IMMEDIATE");
  try {
    put_locked(cell);
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void ResultStore::store(const SweepCell& cell, bool numerics) {
  if (!cell.valid) return;
  put(to_stored_cell(cell, numerics));
}

std::vector<StoredCell> ResultStore::cells() {
  std::lock_guard lock(mutex_);
  Statement q(db_, (std::string(kSelectColumns) + " ORDER BY hash").c_str());
  if (!q.ok()) fail("reading the cells");
  std::vector<StoredCell> out;
  int rc;
  while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
    if (out.size() == kMaxCells) {
      throw InputError(field_, path_, "at most " + std::to_string(kMaxCells) + " cells");
    }
    out.push_back(read_row(q, field_, path_));
  }
  if (rc != SQLITE_DONE) fail("reading the cells");
  return out;
}

std::size_t ResultStore::size() {
  std::lock_guard lock(mutex_);
  Statement q(db_, "SELECT count(*) FROM cells");
  if (!q.ok() || sqlite3_step(q.get()) != SQLITE_ROW) fail("counting the cells");
  return static_cast<std::size_t>(sqlite3_column_int64(q.get(), 0));
}

std::vector<std::size_t> ResultStore::merge_from(const std::string& field,
                                                 const std::vector<std::string>& paths) {
  std::vector<std::vector<StoredCell>> incoming;
  for (const std::string& path : paths) incoming.push_back(ResultStore(field, path, false).cells());
  std::lock_guard lock(mutex_);
  exec("BEGIN IMMEDIATE");
  try {
    std::vector<std::size_t> added;
    for (const auto& cells : incoming) {
      added.push_back(0);
      for (const StoredCell& c : cells) {
        Statement q(db_, "SELECT 1 FROM cells WHERE hash = ?1");
        if (!q.ok()) fail("reading a cell");
        q.bind(1, c.hash);
        if (sqlite3_step(q.get()) != SQLITE_ROW) ++added.back();
        put_locked(c);
      }
    }
    exec("COMMIT");
    return added;
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace amla
