#pragma once
// What an op moved and computed (bytes, FLOPs, the memory level it reached, the traffic the
// shared L2 / HBM saw), stored once per distinct combination: a run of millions of ops has a few
// dozen such shapes, so each op keeps a 4-byte shape number instead of 21 bytes of values.
#include <cstdint>
#include <cstring>
#include <functional>
#include <unordered_map>
#include <vector>

namespace amla {

struct OpShape {
  double bytes = 0;        // moved bytes (transfers) or 0
  double flops = 0;        // Cube FLOPs or 0
  float traffic = 0;       // bytes the shared L2 / HBM sees (atomics: read + write)
  std::uint8_t level = 0;  // memory the op reaches: 0 core-local, 1 L2, 2 HBM
  // Bit for bit (a NaN equals itself, -0 differs from 0), as the table keys on the bits.
  bool operator==(const OpShape& o) const {
    return std::memcmp(&bytes, &o.bytes, sizeof bytes) == 0 &&
           std::memcmp(&flops, &o.flops, sizeof flops) == 0 &&
           std::memcmp(&traffic, &o.traffic, sizeof traffic) == 0 && level == o.level;
  }
};

class OpShapeTable {
 public:
  // The number of `s`, added when new. Equal shapes (bit for bit) share one number.
  std::uint32_t intern(const OpShape& s) {
    const auto [it, fresh] = index_.try_emplace(s, static_cast<std::uint32_t>(shapes_.size()));
    if (fresh) shapes_.push_back(s);
    return it->second;
  }
  const OpShape& operator[](std::uint32_t id) const { return shapes_[id]; }
  std::size_t size() const { return shapes_.size(); }

 private:
  struct Hash {
    std::size_t operator()(const OpShape& s) const {
      std::uint64_t b, f;
      std::uint32_t t;
      std::memcpy(&b, &s.bytes, sizeof b);
      std::memcpy(&f, &s.flops, sizeof f);
      std::memcpy(&t, &s.traffic, sizeof t);
      std::uint64_t h = b * 0x9E3779B97F4A7C15ull;
      h ^= f + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
      h ^= (static_cast<std::uint64_t>(t) << 8 | s.level) + (h << 6) + (h >> 2);
      return static_cast<std::size_t>(h);
    }
  };
  std::vector<OpShape> shapes_;
  std::unordered_map<OpShape, std::uint32_t, Hash> index_;
};

}  // namespace amla
