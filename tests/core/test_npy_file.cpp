#include "core/numerics/npy_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/common/input_error.h"
#include "core/numerics/float_formats.h"

namespace amla {
namespace {

constexpr std::uint64_t kBudget = 1ull << 30;

std::string header(const std::string& dict, char version = 1) {
  std::string d = dict;
  const std::size_t prefix = version == 1 ? 10 : 12;
  d.append((64 - (prefix + d.size() + 1) % 64) % 64, ' ');
  d += '\n';
  std::string out("\x93NUMPY", 6);
  out += version;
  out += '\0';
  if (version == 1) {
    out += static_cast<char>(d.size() & 0xFF);
    out += static_cast<char>(d.size() >> 8);
  } else {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((d.size() >> (8 * i)) & 0xFF);
  }
  return out + d;
}

TEST(Npy, EncodeParseRoundTrip) {
  MatrixF m(3, 5);
  for (int i = 0; i < m.size(); ++i) m.data()[i] = 0.25f * static_cast<float>(i) - 1.0f;
  const std::string bytes = encode_npy_matrix(m);
  EXPECT_EQ((bytes.find('\n') + 1) % 64, 0u);  // data starts 64-byte aligned
  const MatrixF back = parse_npy_matrix("f", bytes, 5, kBudget);
  EXPECT_EQ(back, m);
}

TEST(Npy, ReadsFloat16AndVersion2) {
  std::string bytes = header("{'descr': '<f2', 'fortran_order': False, 'shape': (2, 2), }", 2);
  for (float v : {1.0f, -2.0f, 0.5f, 65504.0f}) {
    const std::uint16_t h = fp16_bits_from_float(v);
    bytes += static_cast<char>(h & 0xFF);
    bytes += static_cast<char>(h >> 8);
  }
  const MatrixF m = parse_npy_matrix("f", bytes, -1, kBudget);
  EXPECT_EQ(m(0, 0), 1.0f);
  EXPECT_EQ(m(0, 1), -2.0f);
  EXPECT_EQ(m(1, 1), 65504.0f);
}

struct BadCase {
  const char* what;
  std::string bytes;
  const char* message_part;
};

TEST(Npy, RejectsMalformedFilesNamingTheField) {
  const std::string f4 = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 576), }";
  const std::vector<BadCase> cases = {
      {"empty", "", "magic"},
      {"bad magic", std::string("NUMPY\x01\x00", 7) + "xxxxxxxx", "magic"},
      {"truncated data", header(f4) + std::string(100, '\0'), "truncated"},
      {"float64", header("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 576), }"), "dtype"},
      {"fortran", header("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 576), }"),
       "C order"},
      {"3-D", header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 576), }"), "2-D"},
      {"wrong width", header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 512), }"),
       "576 columns"},
      {"empty shape", header("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 576), }"),
       "empty"},
      {"lying header length", std::string("\x93NUMPY\x01\x00\xff\xff", 10) + "{}", "truncated"},
      {"huge shape",
       header("{'descr': '<f4', 'fortran_order': False, 'shape': (999999999, 576), }"),
       "memory budget"},
      {"negative dim", header("{'descr': '<f4', 'fortran_order': False, 'shape': (-2, 576), }"),
       "non-negative"},
      {"no shape", header("{'descr': '<f4', 'fortran_order': False}"), "shape"},
      {"version 9", std::string("\x93NUMPY\x09\x00\x00\x00", 10), "version"},
  };
  for (const auto& c : cases) {
    try {
      parse_npy_matrix("--kv", c.bytes, 576, kBudget);
      FAIL() << c.what << " was accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), "--kv") << c.what;
      EXPECT_NE(std::string(e.what()).find(c.message_part), std::string::npos)
          << c.what << ": " << e.what();
    }
  }
}

TEST(Npy, MissingFileIsAnInputError) {
  EXPECT_THROW(read_npy_matrix("--q", "/nonexistent/q.npy", 576, kBudget), InputError);
}

TEST(Npy, WriteIsAtomicAndReadable) {
  const auto dir = std::filesystem::temp_directory_path() / "amla_npy_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "out.npy").string();
  MatrixF m = MatrixF::Constant(4, 512, 1.5f);
  write_npy_matrix("--out", path, m);
  EXPECT_EQ(read_npy_matrix("--out", path, 512, kBudget), m);
  // Only the file itself is left behind: no temporary siblings.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace amla
