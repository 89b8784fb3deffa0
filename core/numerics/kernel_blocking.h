#pragma once
// How the kernel walks the problem: rows per task (mBase) and KV tokens per task (s2Base).
// The numerics emulation walks exactly these blocks, so a tile choice changes the numerics.
namespace amla {

struct KernelBlocking {
  int rows_per_task = 128;  // mBase: rows of heads x q_tokens per task
  int kv_block = 512;       // s2Base: KV tokens per task; each block boundary is one rescale
};

void validate_blocking(const KernelBlocking& b);

inline int block_count(int length, int block) { return (length + block - 1) / block; }

}  // namespace amla
