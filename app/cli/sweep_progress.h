#pragma once
// The sweep's progress line on standard error: cells done of the shard's cells, cells per
// second and the time left at that rate. On a terminal it rewrites one line a few times a
// second; into a file or a pipe (a Slurm job's log, with --progress) it writes a line every few
// seconds. Fed from the sweep's worker threads.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace amla::cli {

class SweepProgressLine {
 public:
  // `cells`: how many cells this run will finish; `stream`: where the line goes.
  SweepProgressLine(std::size_t cells, bool terminal, std::FILE* stream = stderr);
  // One more cell finished (reused from the store or simulated).
  void cell_done(bool reused);
  // The last line (with the totals), once the sweep ended.
  void finish();

  // "12/36 cells, 1.8 cells/s, ETA 13 s": what the line says after `done` of `cells` in
  // `seconds` (exposed for the tests).
  static std::string text(std::size_t done, std::size_t cells, double seconds);

 private:
  void print_locked(bool last);

  std::size_t cells_;
  bool terminal_;
  std::FILE* stream_;
  std::mutex mutex_;
  std::size_t done_ = 0, reused_ = 0, printed_done_ = static_cast<std::size_t>(-1);
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_print_{};
};

}  // namespace amla::cli
