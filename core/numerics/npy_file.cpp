#include "core/numerics/npy_file.h"

#include <bit>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/common/atomic_file.h"
#include "core/common/bounded_read.h"
#include "core/common/input_error.h"
#include "core/common/memory_budget.h"
#include "core/numerics/float_formats.h"

namespace amla {

namespace {

static_assert(std::endian::native == std::endian::little, "the .npy code assumes little endian");

const char kMagic[] = "\x93NUMPY";

struct NpyHeader {
  std::string descr;
  bool fortran_order = false;
  std::vector<std::uint64_t> shape;
  std::size_t data_offset = 0;
};

std::string dict_value(const std::string& field, const std::string& dict, const std::string& key) {
  const std::string quoted = "'" + key + "'";
  const auto pos = dict.find(quoted);
  if (pos == std::string::npos) throw InputError(field, "header", "has no '" + key + "' entry");
  const auto colon = dict.find(':', pos + quoted.size());
  if (colon == std::string::npos) throw InputError(field, "header", "malformed '" + key + "'");
  return dict.substr(colon + 1);
}

NpyHeader parse_header(const std::string& field, const std::string& bytes) {
  if (bytes.size() < 10 || bytes.compare(0, 6, kMagic, 6) != 0) {
    throw InputError(field, "file", "not a .npy file (missing the \\x93NUMPY magic)");
  }
  const int major = static_cast<unsigned char>(bytes[6]);
  std::size_t header_len = 0;
  std::size_t prefix = 0;
  if (major == 1) {
    header_len = static_cast<unsigned char>(bytes[8]) |
                 (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    prefix = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) throw InputError(field, "file", "truncated .npy header");
    header_len = 0;
    for (int i = 0; i < 4; ++i) {
      header_len |= static_cast<std::size_t>(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
    }
    prefix = 12;
  } else {
    throw InputError(field, "version " + std::to_string(major), ".npy format versions 1 to 3");
  }
  if (header_len > (1u << 20)) {
    throw InputError(field, "header length " + std::to_string(header_len),
                     "larger than the 1 MB limit for .npy headers");
  }
  if (header_len > bytes.size() - prefix) {
    throw InputError(
        field, "header length " + std::to_string(header_len),
        "larger than the file (" + std::to_string(bytes.size()) + " bytes): truncated");
  }
  const std::string dict = bytes.substr(prefix, header_len);
  NpyHeader h;
  h.data_offset = prefix + header_len;

  // A hand scan for the quoted dtype, not std::regex: libstdc++'s regex recurses once per
  // character, and a header with a 900 KB descr overflowed the stack.
  const std::string descr_text = dict_value(field, dict, "descr");
  const auto quote = descr_text.find_first_not_of(" \t\r\n");
  const auto end_quote =
      quote == std::string::npos ? std::string::npos : descr_text.find('\'', quote + 1);
  if (quote == std::string::npos || descr_text[quote] != '\'' || end_quote == std::string::npos) {
    throw InputError(field, "descr", "malformed");
  }
  h.descr = descr_text.substr(quote + 1, end_quote - quote - 1);

  const std::string order_text = dict_value(field, dict, "fortran_order");
  const auto order_start = order_text.find_first_not_of(" \t");
  if (order_start != std::string::npos && order_text.compare(order_start, 4, "True") == 0) {
    h.fortran_order = true;
  } else if (order_start == std::string::npos || order_text.compare(order_start, 5, "False") != 0) {
    throw InputError(field, "fortran_order", "must be True or False");
  }

  const std::string shape_text = dict_value(field, dict, "shape");
  const auto open = shape_text.find('(');
  const auto close = shape_text.find(')');
  if (open == std::string::npos || close == std::string::npos || close < open) {
    throw InputError(field, "shape", "malformed tuple");
  }
  std::stringstream dims(shape_text.substr(open + 1, close - open - 1));
  std::string item;
  while (std::getline(dims, item, ',')) {
    const auto a = item.find_first_not_of(" \t");
    if (a == std::string::npos) continue;
    const auto b = item.find_last_not_of(" \t");
    const std::string digits = item.substr(a, b - a + 1);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
      throw InputError(field, "shape entry '" + printable_excerpt(digits) + "'",
                       "must be a non-negative integer");
    }
    if (digits.size() > 15) {  // 10^15 elements along one axis is past any memory
      throw InputError(field, "shape entry '" + printable_excerpt(digits) + "'",
                       "larger than 999999999999999");
    }
    h.shape.push_back(std::stoull(digits));
  }
  return h;
}

}  // namespace

MatrixF parse_npy_matrix(const std::string& field, const std::string& bytes, int expected_cols,
                         std::uint64_t max_bytes) {
  const NpyHeader h = parse_header(field, bytes);
  if (h.descr != "<f4" && h.descr != "<f2") {
    throw InputError(field, "dtype " + h.descr, "must be float32 ('<f4') or float16 ('<f2')");
  }
  if (h.fortran_order) throw InputError(field, "fortran_order=True", "must be C order");
  if (h.shape.size() != 2) {
    throw InputError(field, std::to_string(h.shape.size()) + "-D array", "must be 2-D");
  }
  const std::uint64_t rows = h.shape[0];
  const std::uint64_t cols = h.shape[1];
  if (rows == 0 || cols == 0) {
    throw InputError(field, "shape (" + std::to_string(rows) + ", " + std::to_string(cols) + ")",
                     "must not be empty");
  }
  if (expected_cols >= 0 && cols != static_cast<std::uint64_t>(expected_cols)) {
    throw InputError(field, "shape (" + std::to_string(rows) + ", " + std::to_string(cols) + ")",
                     "must have " + std::to_string(expected_cols) + " columns");
  }
  if (rows > (1ull << 31) || cols > (1ull << 31)) {
    throw InputError(field, "shape", "a dimension above 2^31");
  }
  const std::uint64_t elem = h.descr == "<f4" ? 4 : 2;
  const double needed = static_cast<double>(rows) * static_cast<double>(cols) * 4.0;
  check_memory_budget(field, "shape (" + std::to_string(rows) + ", " + std::to_string(cols) + ")",
                      needed, max_bytes);
  const std::uint64_t data_bytes = rows * cols * elem;
  if (bytes.size() - h.data_offset < data_bytes) {
    throw InputError(field, std::to_string(bytes.size() - h.data_offset) + " data bytes",
                     "the header promises " + std::to_string(data_bytes) + ": truncated file");
  }
  MatrixF m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  const char* src = bytes.data() + h.data_offset;
  if (elem == 4) {
    std::memcpy(m.data(), src, data_bytes);
  } else {
    for (std::uint64_t i = 0; i < rows * cols; ++i) {
      std::uint16_t half;
      std::memcpy(&half, src + 2 * i, 2);
      m.data()[i] = float_from_fp16_bits(half);
    }
  }
  return m;
}

MatrixF read_npy_matrix(const std::string& field, const std::string& path, int expected_cols,
                        std::uint64_t max_bytes) {
  // Regular files only (a FIFO would block), measured against the budget before reading.
  const std::uint64_t size = regular_file_size(field, path);
  if (static_cast<double>(size) > static_cast<double>(max_bytes)) {
    check_memory_budget(field, path, static_cast<double>(size), max_bytes);
  }
  const std::string bytes = read_bounded_file(field, path, size, ".npy inputs of this size");
  return parse_npy_matrix(field, bytes, expected_cols, max_bytes);
}

std::string encode_npy_matrix(const MatrixF& m) {
  std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" +
                     std::to_string(m.rows()) + ", " + std::to_string(m.cols()) + "), }";
  // Pad with spaces so that magic + version + length + dict + '\n' is a multiple of 64.
  const std::size_t unpadded = 10 + dict.size() + 1;
  dict.append((64 - unpadded % 64) % 64, ' ');
  dict += '\n';
  std::string out(kMagic, 6);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(dict.size() & 0xFF);
  out += static_cast<char>((dict.size() >> 8) & 0xFF);
  out += dict;
  out.append(reinterpret_cast<const char*>(m.data()), static_cast<std::size_t>(m.size()) * 4);
  return out;
}

void write_npy_matrix(const std::string& field, const std::string& path, const MatrixF& m) {
  const std::string bytes = encode_npy_matrix(m);
  write_file_atomically(field, path, [&](std::ostream& out) {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  });
}

AttentionInputs load_npy_inputs(const std::string& q_path, const std::string& kv_path, double scale,
                                std::uint64_t max_bytes) {
  AttentionInputs in;
  in.q = read_npy_matrix("--q", q_path, kHeadDim, max_bytes);
  in.kv = read_npy_matrix("--kv", kv_path, kHeadDim, max_bytes);
  in.token_valid.assign(static_cast<std::size_t>(in.kv.rows()), 1);
  in.scale = scale;
  round_inputs_to_bf16(in);
  return in;
}

}  // namespace amla
