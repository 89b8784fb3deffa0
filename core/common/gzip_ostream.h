#pragma once
// An output stream that gzip-compresses (RFC 1952, zlib's deflate) everything written to it and
// passes the compressed bytes on to another stream as it goes: a large file is written in
// bounded memory and never exists uncompressed. finish() writes the end of the data and the
// gzip trailer; without it the output is a truncated gzip file.
//
// A failed write to the sink stops compression and is left on the sink's state (and, through
// the output layer, on the file's), so the caller reports the sink's real cause. A zlib failure
// sets the sink's badbit.
#include <memory>
#include <ostream>
#include <streambuf>
#include <vector>

struct z_stream_s;

namespace amla {

class GzipStreambuf : public std::streambuf {
 public:
  // `level`: zlib's 1 (fastest) .. 9 (smallest).
  GzipStreambuf(std::ostream& sink, int level);
  ~GzipStreambuf() override;
  GzipStreambuf(const GzipStreambuf&) = delete;
  GzipStreambuf& operator=(const GzipStreambuf&) = delete;

  // Compresses what is pending, ends the gzip member and flushes the sink. True when every byte
  // reached the sink; a second call does nothing.
  bool finish();

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  // Deflates the pending input with `flush` (Z_NO_FLUSH or Z_FINISH) into the sink.
  bool deflate_pending(int flush);

  std::ostream& sink_;
  std::unique_ptr<z_stream_s> z_;
  std::vector<char> in_, out_;
  bool failed_ = false;
  bool finished_ = false;
};

class GzipOstream : public std::ostream {
 public:
  explicit GzipOstream(std::ostream& sink, int level = 6);
  bool finish() { return buf_.finish(); }

 private:
  GzipStreambuf buf_;
};

}  // namespace amla
