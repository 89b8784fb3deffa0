#include "core/common/bounded_read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/common/input_error.h"

namespace amla {

namespace {

std::string size_text(std::uint64_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KB";
  return std::to_string(bytes) + " bytes";
}

std::string file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// Opens `path` for reading if it is a regular file; the caller closes the descriptor.
int open_regular(const std::string& field, const std::string& path, struct stat& st) {
  const std::string shown = printable_excerpt(path);
  if (path.empty()) throw InputError(field, "(empty)", "no file name given");
  // O_NONBLOCK: opening a FIFO with no writer must not hang; it is refused just below.
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) throw InputError(field, shown, std::string("cannot open: ") + std::strerror(errno));
  if (fstat(fd, &st) != 0) {
    const int err = errno;
    close(fd);
    throw InputError(field, shown, std::string("cannot check the file: ") + std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    throw InputError(field, shown, "is " + file_kind(st.st_mode) + "; give a regular file");
  }
  return fd;
}

}  // namespace

std::uint64_t regular_file_size(const std::string& field, const std::string& path) {
  struct stat st {};
  close(open_regular(field, path, st));
  return static_cast<std::uint64_t>(st.st_size);
}

std::string read_bounded_file(const std::string& field, const std::string& path,
                              std::uint64_t max_bytes, const std::string& what) {
  const std::string shown = printable_excerpt(path);
  struct stat st {};
  const int fd = open_regular(field, path, st);
  struct Closer {
    int fd;
    ~Closer() { close(fd); }
  } closer{fd};
  const std::string limit = "the " + size_text(max_bytes) + " limit for " + what;
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    throw InputError(field, shown,
                     size_text(static_cast<std::uint64_t>(st.st_size)) + ", larger than " + limit);
  }
  std::string text;
  text.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  // A file that grows while read (a log) is cut at the cap rather than read forever.
  while (true) {
    if (got == text.size()) {
      if (text.size() > max_bytes) throw InputError(field, shown, "larger than " + limit);
      text.resize(std::min<std::uint64_t>(text.size() + 65536, max_bytes + 1));
    }
    const ssize_t n = read(fd, text.data() + got, text.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError(field, shown, std::string("cannot read: ") + std::strerror(errno));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  text.resize(got);
  if (text.size() > max_bytes) throw InputError(field, shown, "larger than " + limit);
  return text;
}

BoundedFileChunks::BoundedFileChunks(const std::string& field, const std::string& path,
                                     std::uint64_t max_bytes, const std::string& what)
    : field_(field),
      shown_(printable_excerpt(path)),
      limit_("the " + size_text(max_bytes) + " limit for " + what),
      max_bytes_(max_bytes) {
  struct stat st {};
  fd_ = open_regular(field, path, st);
  size_ = static_cast<std::uint64_t>(st.st_size);
  if (size_ > max_bytes) {
    close(fd_);
    throw InputError(field, shown_, size_text(size_) + ", larger than " + limit_);
  }
}

BoundedFileChunks::~BoundedFileChunks() { close(fd_); }

std::size_t BoundedFileChunks::read(char* buffer, std::size_t capacity) {
  while (true) {
    const ssize_t n = ::read(fd_, buffer, capacity);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError(field_, shown_, std::string("cannot read: ") + std::strerror(errno));
    }
    got_ += static_cast<std::uint64_t>(n);
    if (got_ > max_bytes_) throw InputError(field_, shown_, "larger than " + limit_);
    return static_cast<std::size_t>(n);
  }
}

std::string printable_excerpt(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t shown = 0;
  for (const char ch : text) {
    if (shown >= max_chars) return out + "...";
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c >= 0x7f) {
      static const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += ch;
    }
    ++shown;
  }
  return out;
}

}  // namespace amla
