#pragma once
// How the kernel walks the problem: rows per task (mBase) and KV tokens per task (s2Base).
// The numerics emulation walks exactly these blocks, so a tile choice changes the numerics.
namespace amla {

// The blocking's limits, defined once here: the kernel's parameter schema (kernel_params.cpp)
// and the numerics emulation both read them. A KV block is a whole number of the Cube's 16-token
// fractals.
inline constexpr int kMaxRowsPerTask = 4096;
inline constexpr int kKvBlockMultiple = 16;
inline constexpr int kMaxKvBlock = 65536;

struct KernelBlocking {
  int rows_per_task = 128;  // mBase: rows of heads x q_tokens per task
  int kv_block = 512;       // s2Base: KV tokens per task; each block boundary is one rescale
};

void validate_blocking(const KernelBlocking& b);

inline int block_count(int length, int block) { return (length + block - 1) / block; }

}  // namespace amla
