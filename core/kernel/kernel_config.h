#pragma once
// What a simulation run is asked to do: the attention problem, the kernel's tiling and variant.
// Together with a HardwareModel this is the whole configuration (JSON: config_json.h).
#include <cstdint>
#include <string>
#include <vector>

#include "core/numerics/kernel_blocking.h"

namespace amla {

struct Problem {
  int batch = 128;
  int q_tokens = 2;  // 1, or 2..4 with multi-token prediction
  int heads = 128;
  // One S_k per batch entry. Empty: every entry has kv_len.
  std::vector<int> kv_lens;
  int kv_len = 16384;
  int latent_dim = 512;
  int rope_dim = 64;
  int page_size = 128;

  int rows_per_batch() const { return heads * q_tokens; }
  int kv_len_of(int b) const {
    return kv_lens.empty() ? kv_len : kv_lens[static_cast<std::size_t>(b)];
  }
  // 2 * sum_b(rows * S_k(b)) * (576 + 512): the count FlashMLA and the AMLA paper use.
  double total_flops() const;
  std::int64_t total_kv_tokens() const;
};

// FlashMLA-style lengths: Normal(mean, mean/2) with a seed, clamped to [1, 2 * mean].
std::vector<int> draw_kv_lengths(int batch, int mean, std::uint64_t seed);

enum class KernelVariant : std::uint8_t { kAmla, kBaseline };
const char* variant_name(KernelVariant v);

enum class KvSplitPolicy : std::uint8_t {
  kNone,     // whole jobs on cores
  kAuto,     // split the KV axis when there are fewer jobs than cores (flash-decoding + combine)
  kFixed,    // split every job into kv_splits parts
  kBalanced  // flash-decoding as FlashMLA schedules it: every core gets the same number of KV
             // blocks (+-1), jobs cut where a core's share ends, parts merged by a combine
};
const char* kv_split_name(KvSplitPolicy p);

struct Tiling {
  KernelBlocking blocking{256, 512};  // mBase rows per task, s2Base KV tokens per task
  int l1_k_split = 288;               // MM1 K columns per L1 tile (576 = 2 x 288)
  int mm1_n_tile = 128;               // KV tokens per MM1 N tile
  int mm1_k_slice = 96;               // MM1 L0 k-slice
  int mm2_k_split = 256;              // MM2 tokens per L1 tile
  int mm2_n_tile = 128;               // MM2 output columns per tile
  int mm2_k_slice = 128;              // MM2 L0 k-slice
  int m_tile = 128;                   // rows per L0C tile
  int qp_buffers = 4;                 // L1 buffers for Q (MM1) / P~ (MM2)
  int kv_buffers = 3;                 // L1 buffers for K (MM1) / V (MM2)
  int l0ab_buffers = 2;               // L0A / L0B ping-pong
  int l0c_buffers = 2;                // L0C tiles
  int ub_chunk_bytes = 32 * 1024;
  int ub_input_buffers = 2;  // UB ping-pong for loaded chunks
  int gm_slots = 2;          // GM workspace slots per stage (S, P~, PV)
  int preload = 2;           // 0, 1, 2
  KvSplitPolicy kv_split = KvSplitPolicy::kBalanced;
  int kv_splits = 1;  // for kFixed
};

struct KernelConfig {
  Problem problem;
  Tiling tiling;
  KernelVariant variant = KernelVariant::kAmla;
};

}  // namespace amla
