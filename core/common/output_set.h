#pragma once
// The one way the tools write files, so a user's file is never lost or left half-written.
//
// A command declares every output before it does any work: each path is checked (an existing
// path must be a regular file, a character device or a FIFO; its directory must exist; no two
// outputs may be the same file) and a temporary file is created beside each regular target. The
// writes go to the temporary files, every write checked, then flushed and fsynced; commit()
// renames them all into place only when every one succeeded. Anything not committed (an
// exception, a failed write, SIGINT/SIGTERM/SIGHUP under an OutputSignalGuard) removes the
// temporary files and leaves the old files as they were.
//
// A symlink is written through: its target is replaced, the link stays. A character device or a
// FIFO named explicitly (/dev/null, /dev/stdout, a pipe) is written plainly, never renamed over;
// a stream cannot be taken back, so it receives its bytes when they are written.
//
// write_file_atomically() (core/common/atomic_file.h) goes through the thread's active
// OutputSet when that set declared the path, so writers deep in core stage into the command's
// set without knowing about it.
#include <atomic>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace amla {

class OutputSet {
 public:
  // Becomes the calling thread's active set until it is destroyed.
  OutputSet();
  // Removes every temporary file (and any directory declare_directory created) not committed.
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  // Checks `path` now and prepares its temporary file; throws InputError naming `flag`. Two
  // outputs that are the same file are refused naming both flags.
  void declare(const std::string& flag, const std::string& path);
  // A directory for several declared files (report --out DIR): created now if missing, and
  // removed again if the set is not committed.
  void declare_directory(const std::string& flag, const std::string& dir);

  bool declared(const std::string& path) const;
  // Writes a declared output (by the path as declared). Throws InputError naming the flag on a
  // failed write; the old file is untouched until commit().
  void write(const std::string& path, const std::function<void(std::ostream&)>& fill);
  void write_bytes(const std::string& path, std::string_view bytes);

  // Moves every written output into place. Declared outputs never written are dropped.
  void commit();

  // The innermost active set of this thread that declared `path`, or null.
  static OutputSet* claiming(const std::string& path);

  struct Entry;

 private:
  Entry& find(const std::string& path);
  std::vector<std::unique_ptr<Entry>> entries_;
  std::vector<std::string> created_dirs_;
  std::vector<int> created_dir_slots_;
  bool committed_ = false;
};

// While alive, SIGINT, SIGTERM and SIGHUP remove every live temporary file of every OutputSet
// (and directories they created), then end the process by the same signal. If `cancel` is
// given, the first signal only sets it (the command stops cleanly); a second signal cleans up
// and exits at once with 128 + the signal. A signal during commit() waits for it to finish.
// SIGPIPE is ignored meanwhile: a FIFO whose reader left is a failed write, not a silent death.
class OutputSignalGuard {
 public:
  explicit OutputSignalGuard(std::atomic<bool>* cancel = nullptr);
  ~OutputSignalGuard();
  OutputSignalGuard(const OutputSignalGuard&) = delete;
  OutputSignalGuard& operator=(const OutputSignalGuard&) = delete;

 private:
  std::atomic<bool>* previous_cancel_;
  bool installed_ = false;
};

}  // namespace amla
