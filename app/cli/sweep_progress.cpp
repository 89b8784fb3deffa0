#include "app/cli/sweep_progress.h"

#include <cmath>

namespace amla::cli {

namespace {

// A terminal is redrawn at most this often, a log written at most this often.
constexpr double kTerminalInterval = 0.25;
constexpr double kLogInterval = 5.0;

std::string duration_text(double seconds) {
  const long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s / 60) % 60);
  } else if (s >= 60) {
    std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld s", s);
  }
  return buf;
}

}  // namespace

SweepProgressLine::SweepProgressLine(std::size_t cells, bool terminal, std::FILE* stream)
    : cells_(cells), terminal_(terminal), stream_(stream) {}

std::string SweepProgressLine::text(std::size_t done, std::size_t cells, double seconds) {
  std::string line = std::to_string(done) + "/" + std::to_string(cells) + " cells";
  if (done == 0 || seconds <= 0) return line + ", ETA unknown";
  const double rate = static_cast<double>(done) / seconds;
  char buf[32];
  std::snprintf(buf, sizeof buf, rate >= 10 ? "%.0f" : "%.2f", rate);
  line += std::string(", ") + buf + " cells/s";
  if (done < cells) {
    line += ", ETA " + duration_text(static_cast<double>(cells - done) / rate);
  } else {
    line += ", done in " + duration_text(seconds);
  }
  return line;
}

void SweepProgressLine::cell_done(bool reused) {
  std::lock_guard lock(mutex_);
  ++done_;
  if (reused) ++reused_;
  const auto now = std::chrono::steady_clock::now();
  const double since = std::chrono::duration<double>(now - last_print_).count();
  if (done_ < cells_ && since < (terminal_ ? kTerminalInterval : kLogInterval)) return;
  last_print_ = now;
  print_locked(false);
}

void SweepProgressLine::finish() {
  std::lock_guard lock(mutex_);
  print_locked(true);
}

void SweepProgressLine::print_locked(bool last) {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::string line =
      "sweep: " + text(done_, cells_, seconds) + " (" + std::to_string(reused_) + " reused)";
  if (terminal_) {
    // \r and clear to the end of the line: a shorter line leaves no tail of the longer one.
    std::fprintf(stream_, "\r%s\033[K%s", line.c_str(), last ? "\n" : "");
  } else if (!last || printed_done_ != done_) {
    std::fprintf(stream_, "%s\n", line.c_str());  // a log gets each state once
  }
  printed_done_ = done_;
  std::fflush(stream_);
}

}  // namespace amla::cli
