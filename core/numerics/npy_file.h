#pragma once
// NumPy .npy files (format versions 1.0 to 3.0): reading 2-D C-order float32 / float16 arrays and
// writing 2-D float32 arrays. Every malformed or lying header is an InputError naming the field.
#include <cstdint>
#include <string>

#include "core/numerics/attention_inputs.h"

namespace amla {

// Reads a 2-D array. expected_cols < 0 accepts any width. max_bytes bounds the allocation.
MatrixF read_npy_matrix(const std::string& field, const std::string& path, int expected_cols,
                        std::uint64_t max_bytes);

// Same, from bytes in memory (for tests and fuzzing).
MatrixF parse_npy_matrix(const std::string& field, const std::string& bytes, int expected_cols,
                         std::uint64_t max_bytes);

// Writes float32 little-endian, C order, atomically (temp file + rename).
void write_npy_matrix(const std::string& field, const std::string& path, const MatrixF& m);
std::string encode_npy_matrix(const MatrixF& m);

// Loads Q [rows, 576] and KV [S_k, 576], rounds them to BF16, every token valid.
AttentionInputs load_npy_inputs(const std::string& q_path, const std::string& kv_path, double scale,
                                std::uint64_t max_bytes);

}  // namespace amla
