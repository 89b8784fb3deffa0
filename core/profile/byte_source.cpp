#include "core/profile/byte_source.h"

#include <algorithm>
#include <cstring>

namespace amla {

std::size_t MemoryByteSource::read(char* buffer, std::size_t capacity) {
  const std::size_t n = std::min(capacity, bytes_.size() - at_);
  if (n > 0) std::memcpy(buffer, bytes_.data() + at_, n);
  at_ += n;
  return n;
}

}  // namespace amla
