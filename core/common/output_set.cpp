#include "core/common/output_set.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <streambuf>

#include "core/common/input_error.h"

namespace amla {

namespace fs = std::filesystem;

namespace {

// ---- The registry of live temporary paths, read by the signal handler. -----------------------
// Fixed storage and lock-free atomics only: the handler may run at any moment on any thread.

constexpr int kSlots = 256;
constexpr std::size_t kPathBytes = 4096;
constexpr int kFree = 0, kBusy = 1, kLive = 2;

struct Slot {
  std::atomic<int> state{kFree};
  bool directory = false;
  char path[kPathBytes];
};
std::array<Slot, kSlots> g_slots;

std::atomic<std::atomic<bool>*> g_cancel{nullptr};
std::atomic<int> g_signal_count{0};
std::atomic<bool> g_committing{false};
std::atomic<int> g_pending_signal{0};

int register_path(const std::string& path, bool directory) {
  if (path.size() >= kPathBytes) return -1;  // still removed normally, just not on a signal
  for (int i = 0; i < kSlots; ++i) {
    int expected = kFree;
    if (g_slots[i].state.compare_exchange_strong(expected, kBusy)) {
      std::memcpy(g_slots[i].path, path.c_str(), path.size() + 1);
      g_slots[i].directory = directory;
      g_slots[i].state.store(kLive);
      return i;
    }
  }
  return -1;
}

void unregister_path(int slot) {
  if (slot >= 0) g_slots[slot].state.store(kFree);
}

// Async-signal-safe: unlink and rmdir only. Files first, then directories, newest first.
void remove_live_paths() {
  for (Slot& s : g_slots) {
    if (s.state.load() == kLive && !s.directory) unlink(s.path);
  }
  for (int i = kSlots - 1; i >= 0; --i) {
    if (g_slots[i].state.load() == kLive && g_slots[i].directory) rmdir(g_slots[i].path);
  }
}

void die_by(int sig) {
  signal(sig, SIG_DFL);
  raise(sig);  // SA_NODEFER: delivered at once
  _exit(128 + sig);
}

extern "C" void on_output_signal(int sig) {
  const int count = g_signal_count.fetch_add(1) + 1;
  if (count == 1) {
    if (std::atomic<bool>* cancel = g_cancel.load()) {
      cancel->store(true);  // the command stops cleanly and removes its own files
      return;
    }
    if (g_committing.load()) {  // let the renames finish: all outputs or none
      g_pending_signal.store(sig);
      return;
    }
  }
  remove_live_paths();
  if (count > 1) _exit(128 + sig);
  die_by(sig);
}

constexpr std::array<int, 3> kSignals = {SIGINT, SIGTERM, SIGHUP};
int g_guard_depth = 0;
struct sigaction g_previous[3];
struct sigaction g_previous_pipe;
bool g_installed[3] = {false, false, false};

thread_local std::vector<OutputSet*> t_active;

std::string errno_text(int err) { return std::strerror(err); }

// ---- Writing through a file descriptor with every write checked. -----------------------------

class FdBuf : public std::streambuf {
 public:
  explicit FdBuf(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const char* p = pbase();
    std::size_t left = static_cast<std::size_t>(pptr() - pbase());
    while (left > 0 && error_ == 0) {
      const ssize_t n = ::write(fd_, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
      } else if (n == 0) {
        error_ = EIO;
      } else {
        p += n;
        left -= static_cast<std::size_t>(n);
      }
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return error_ == 0;
  }

  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buffer_;
};

// The descriptor /dev/stdout, /dev/stderr, /dev/fd/N or /proc/self/fd/N names, or -1.
int fd_alias(const std::string& path) {
  if (path == "/dev/stdout") return 1;
  if (path == "/dev/stderr") return 2;
  for (const std::string prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (path.rfind(prefix, 0) != 0) continue;
    const std::string digits = path.substr(prefix.size());
    if (digits.empty() || digits.size() > 6 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      return -1;
    }
    return std::stoi(digits);
  }
  return -1;
}

bool is_fd_alias(const std::string& path) { return fd_alias(path) >= 0; }

std::string kind_name(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// Follows symlinks in the last component by hand (a dangling link's target is still the file to
// create), then makes the directory part canonical.
fs::path resolve_target(const std::string& flag, const std::string& given) {
  fs::path p = fs::absolute(fs::path(given)).lexically_normal();
  for (int depth = 0;; ++depth) {
    struct stat st {};
    if (lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) break;
    if (depth == 40) throw InputError(flag, given, "too many levels of symbolic links");
    std::array<char, 4096> buf{};
    const ssize_t n = readlink(p.c_str(), buf.data(), buf.size() - 1);
    if (n < 0) throw InputError(flag, given, "cannot read the symbolic link: " + errno_text(errno));
    const fs::path link(std::string(buf.data(), static_cast<std::size_t>(n)));
    p = (link.is_absolute() ? link : p.parent_path() / link).lexically_normal();
  }
  const fs::path name = p.filename();
  if (name.empty() || name == "." || name == "..") {
    throw InputError(flag, given, "is a directory; give a file name");
  }
  const fs::path dir = p.parent_path();
  struct stat dst {};
  if (stat(dir.c_str(), &dst) != 0) {
    const int err = errno;
    if (err == ENOENT)
      throw InputError(flag, given, "directory " + dir.string() + " does not exist");
    throw InputError(flag, given, "directory " + dir.string() + ": " + errno_text(err));
  }
  if (!S_ISDIR(dst.st_mode)) {
    throw InputError(flag, given, dir.string() + " is not a directory");
  }
  std::error_code ec;
  const fs::path canonical_dir = fs::canonical(dir, ec);
  return (ec ? dir : canonical_dir) / name;
}

std::string temp_name_for(const fs::path& target) {
  static std::atomic<unsigned> counter{0};
  std::string name = target.filename().string();
  if (name.size() > 200) name.resize(200);  // stay under NAME_MAX with the suffix
  return "." + name + ".tmp" + std::to_string(getpid()) + "-" + std::to_string(counter++);
}

void sync_directory(const fs::path& dir) {
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  fsync(fd);  // makes the renames durable; a failure here loses nothing already written
  close(fd);
}

}  // namespace

struct OutputSet::Entry {
  std::string flag;
  std::string path;  // as declared
  fs::path target;   // the file actually replaced (symlinks followed)
  fs::path temp;
  bool stream = false;
  bool chardev = false;
  bool exists = false;
  dev_t dev = 0;
  ino_t ino = 0;
  int fd = -1;
  int slot = -1;
  bool written = false;
};

OutputSet::OutputSet() { t_active.push_back(this); }

OutputSet::~OutputSet() {
  for (auto& e : entries_) {
    if (e->fd >= 0) close(e->fd);
    if (!e->temp.empty()) unlink(e->temp.c_str());
    unregister_path(e->slot);
  }
  if (!committed_) {
    for (auto it = created_dirs_.rbegin(); it != created_dirs_.rend(); ++it) rmdir(it->c_str());
  }
  for (int slot : created_dir_slots_) unregister_path(slot);
  for (auto it = t_active.begin(); it != t_active.end(); ++it) {
    if (*it == this) {
      t_active.erase(it);
      break;
    }
  }
}

void OutputSet::declare(const std::string& flag, const std::string& path) {
  if (path.empty()) throw InputError(flag, "(empty)", "no file name given");
  auto e = std::make_unique<Entry>();
  e->flag = flag;
  e->path = path;
  // /dev/stdout and /proc/self/fd/N are magic links (to "pipe:[N]" for a pipe): the kernel
  // follows them, resolving them by hand would not.
  e->target = is_fd_alias(path) ? fs::path(path) : resolve_target(flag, path);
  struct stat st {};
  if (stat(e->target.c_str(), &st) == 0) {
    e->exists = true;
    e->dev = st.st_dev;
    e->ino = st.st_ino;
    if (S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISSOCK(st.st_mode)) {
      throw InputError(flag, path,
                       "is " + kind_name(st.st_mode) +
                           "; only regular files, character devices and FIFOs are written");
    }
    e->chardev = S_ISCHR(st.st_mode);
    e->stream = !S_ISREG(st.st_mode) || is_fd_alias(path);
  } else if (errno != ENOENT) {
    throw InputError(flag, path, "cannot check the file: " + errno_text(errno));
  } else if (is_fd_alias(path)) {
    throw InputError(flag, path, "no such open file descriptor");
  }
  for (const auto& other : entries_) {
    const bool same = other->target == e->target ||
                      (other->exists && e->exists && other->dev == e->dev && other->ino == e->ino);
    // A device takes any number of writers (two outputs to /dev/null lose nothing).
    if (same && !(e->chardev && other->chardev)) {
      throw InputError(flag, path, "the same file as " + other->flag + " " + other->path);
    }
  }
  if (!e->stream) {
    e->temp = e->target.parent_path() / temp_name_for(e->target);
    // Registered before it exists, so no signal can fall between its creation and its record.
    e->slot = register_path(e->temp.string(), false);
    e->fd = open(e->temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (e->fd < 0) {
      const int err = errno;
      unregister_path(e->slot);
      e->temp.clear();
      throw InputError(
          flag, path,
          "cannot create a file in " + e->target.parent_path().string() + ": " + errno_text(err));
    }
    if (e->exists) {  // the new file keeps the old one's permissions and owner
      fchmod(e->fd, st.st_mode & 07777);
      if (fchown(e->fd, st.st_uid, st.st_gid) != 0) {
        // Only root may give a file away; the user's own files keep their owner anyway.
      }
    }
  }
  entries_.push_back(std::move(e));
}

void OutputSet::declare_directory(const std::string& flag, const std::string& dir) {
  if (dir.empty()) throw InputError(flag, "(empty)", "no directory given");
  const fs::path abs = fs::absolute(fs::path(dir)).lexically_normal();
  // The missing levels, outermost first.
  std::vector<fs::path> missing;
  for (fs::path p = abs; !p.empty(); p = p.parent_path()) {
    struct stat st {};
    if (stat(p.c_str(), &st) == 0) {
      if (!S_ISDIR(st.st_mode)) throw InputError(flag, dir, p.string() + " is not a directory");
      break;
    }
    // ENOTDIR: a level above is a file; the walk up names it.
    if (errno != ENOENT && errno != ENOTDIR) {
      throw InputError(flag, dir, p.string() + ": " + errno_text(errno));
    }
    missing.insert(missing.begin(), p);
    if (p == p.parent_path()) break;
  }
  for (const fs::path& p : missing) {
    if (mkdir(p.c_str(), 0777) != 0 && errno != EEXIST) {
      throw InputError(flag, dir,
                       "cannot create the directory " + p.string() + ": " + errno_text(errno));
    }
    created_dirs_.push_back(p.string());
    created_dir_slots_.push_back(register_path(p.string(), true));
  }
}

bool OutputSet::declared(const std::string& path) const {
  for (const auto& e : entries_) {
    if (e->path == path) return true;
  }
  return false;
}

OutputSet::Entry& OutputSet::find(const std::string& path) {
  for (auto& e : entries_) {
    if (e->path == path) return *e;
  }
  throw std::logic_error("output not declared: " + path);
}

void OutputSet::write(const std::string& path, const std::function<void(std::ostream&)>& fill) {
  Entry& e = find(path);
  e.written = false;
  int fd = e.fd;
  if (e.stream) {
    // /dev/stdout and friends: the descriptor itself, sharing its offset with what the program
    // prints there (reopening a redirected file would start at 0 and overwrite). Other streams
    // are opened for appending: a device or FIFO has no offset to lose.
    const int alias = fd_alias(e.path);
    fd = alias >= 0 ? fcntl(alias, F_DUPFD_CLOEXEC, 0)
                    : open(e.target.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) throw InputError(e.flag, e.path, "cannot open: " + errno_text(errno));
  } else if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0) {
    throw InputError(e.flag, e.path, "cannot write: " + errno_text(errno));
  }
  struct Closer {
    int fd;
    bool own;
    ~Closer() {
      if (own && fd >= 0) close(fd);
    }
  } closer{fd, e.stream};
  FdBuf buf(fd);
  std::ostream out(&buf);
  fill(out);
  out.flush();
  if (buf.error() != 0 || !out) {
    throw InputError(e.flag, e.path,
                     "cannot write: " + errno_text(buf.error() != 0 ? buf.error() : EIO));
  }
  if (!e.stream && fsync(fd) != 0) {
    throw InputError(e.flag, e.path, "cannot write: " + errno_text(errno));
  }
  e.written = true;
}

void OutputSet::write_bytes(const std::string& path, std::string_view bytes) {
  write(path, [&](std::ostream& out) { out.write(bytes.data(), std::ssize(bytes)); });
}

void OutputSet::commit() {
  for (auto& e : entries_) {  // a failed close (NFS) is a failed write: before any rename
    if (e->fd >= 0) {
      const int rc = close(e->fd);
      e->fd = -1;
      if (rc != 0 && e->written) {
        throw InputError(e->flag, e->path, "cannot write: " + errno_text(errno));
      }
    }
  }
  g_committing.store(true);
  std::string error_flag, error_path;
  int error = 0;
  for (auto& e : entries_) {
    if (e->stream || e->temp.empty()) continue;
    if (e->written && error == 0) {
      if (rename(e->temp.c_str(), e->target.c_str()) != 0) {
        error = errno;
        error_flag = e->flag;
        error_path = e->path;
        continue;
      }
      sync_directory(e->target.parent_path());
    } else {
      unlink(e->temp.c_str());
    }
    e->temp.clear();
    unregister_path(e->slot);
    e->slot = -1;
  }
  if (error == 0) committed_ = true;
  g_committing.store(false);
  if (const int sig = g_pending_signal.exchange(0)) {
    remove_live_paths();
    die_by(sig);
  }
  if (error != 0) {
    throw InputError(error_flag, error_path,
                     "cannot move the new file into place: " + errno_text(error));
  }
}

OutputSet* OutputSet::claiming(const std::string& path) {
  for (auto it = t_active.rbegin(); it != t_active.rend(); ++it) {
    if ((*it)->declared(path)) return *it;
  }
  return nullptr;
}

OutputSignalGuard::OutputSignalGuard(std::atomic<bool>* cancel)
    : previous_cancel_(g_cancel.exchange(cancel)) {
  if (g_guard_depth++ > 0) return;
  installed_ = true;
  g_signal_count.store(0);
  g_pending_signal.store(0);
  struct sigaction action {};
  action.sa_handler = on_output_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_NODEFER | SA_RESTART;
  // A FIFO whose reader went away is a failed write (EPIPE, exit 2, temp files removed), not a
  // silent death by SIGPIPE that would leave them behind.
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGPIPE, &ignore, &g_previous_pipe);
  for (std::size_t i = 0; i < kSignals.size(); ++i) {
    struct sigaction old {};
    sigaction(kSignals[i], nullptr, &old);
    // A signal the caller ignores (nohup) stays ignored.
    g_installed[i] =
        old.sa_handler != SIG_IGN && sigaction(kSignals[i], &action, &g_previous[i]) == 0;
  }
}

OutputSignalGuard::~OutputSignalGuard() {
  g_cancel.store(previous_cancel_);
  if (previous_cancel_ == nullptr) g_signal_count.store(0);
  if (--g_guard_depth > 0 || !installed_) return;
  sigaction(SIGPIPE, &g_previous_pipe, nullptr);
  for (std::size_t i = 0; i < kSignals.size(); ++i) {
    if (g_installed[i]) sigaction(kSignals[i], &g_previous[i], nullptr);
    g_installed[i] = false;
  }
}

}  // namespace amla
