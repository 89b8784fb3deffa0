#pragma once
// Where a profile's bytes come from: a file read in bounded chunks (so a 1 GB trace is never
// held whole) or bytes already in memory (tests, fuzzing). Both are read the same way.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/bounded_read.h"

namespace amla {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Up to `capacity` bytes; 0 at the end. Throws InputError on a read failure.
  virtual std::size_t read(char* buffer, std::size_t capacity) = 0;
};

// The largest profile accepted (MindStudio Insight's own limit is 1 GB per JSON file).
constexpr std::uint64_t kMaxProfileBytes = 4ull << 30;

class FileByteSource : public ByteSource {
 public:
  FileByteSource(const std::string& field, const std::string& path,
                 std::uint64_t max_bytes = kMaxProfileBytes)
      : chunks_(field, path, max_bytes, "a profile") {}
  std::size_t read(char* buffer, std::size_t capacity) override {
    return chunks_.read(buffer, capacity);
  }
  std::uint64_t size() const { return chunks_.size(); }

 private:
  BoundedFileChunks chunks_;
};

class MemoryByteSource : public ByteSource {
 public:
  explicit MemoryByteSource(std::string_view bytes) : bytes_(bytes) {}
  std::size_t read(char* buffer, std::size_t capacity) override;

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
};

}  // namespace amla
