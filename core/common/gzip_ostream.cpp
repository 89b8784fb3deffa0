#include "core/common/gzip_ostream.h"

#include <zlib.h>

#include <cstring>

namespace amla {
namespace {

// Large enough that deflate and the sink see few calls; two of them per stream.
constexpr std::size_t kChunk = 1 << 18;
// windowBits 15 (the largest window) + 16: a gzip header and trailer instead of zlib's.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemLevel = 8;  // zlib's default

}  // namespace

GzipStreambuf::GzipStreambuf(std::ostream& sink, int level)
    : sink_(sink), z_(std::make_unique<z_stream_s>()), in_(kChunk), out_(kChunk) {
  std::memset(z_.get(), 0, sizeof(z_stream_s));
  if (deflateInit2(z_.get(), level, Z_DEFLATED, kGzipWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    z_.reset();
    failed_ = true;
    sink_.setstate(std::ios::badbit);
  }
  setp(in_.data(), in_.data() + in_.size());
}

GzipStreambuf::~GzipStreambuf() {
  if (z_) deflateEnd(z_.get());
}

bool GzipStreambuf::deflate_pending(int flush) {
  if (failed_) return false;
  z_->next_in = reinterpret_cast<Bytef*>(pbase());
  z_->avail_in = static_cast<uInt>(pptr() - pbase());
  for (;;) {
    z_->next_out = reinterpret_cast<Bytef*>(out_.data());
    z_->avail_out = static_cast<uInt>(out_.size());
    const int rc = deflate(z_.get(), flush);
    if (rc == Z_STREAM_ERROR) {
      failed_ = true;
      sink_.setstate(std::ios::badbit);
      return false;
    }
    const std::size_t produced = out_.size() - z_->avail_out;
    if (produced > 0 && !sink_.write(out_.data(), static_cast<std::streamsize>(produced))) {
      failed_ = true;
      return false;
    }
    // Done when deflate has taken every input byte and, finishing, has ended the stream.
    const bool drained = z_->avail_in == 0 && z_->avail_out != 0;
    if (flush == Z_FINISH ? rc == Z_STREAM_END : drained) break;
  }
  setp(in_.data(), in_.data() + in_.size());
  return true;
}

GzipStreambuf::int_type GzipStreambuf::overflow(int_type c) {
  if (finished_ || !deflate_pending(Z_NO_FLUSH)) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

std::streamsize GzipStreambuf::xsputn(const char* s, std::streamsize n) {
  std::streamsize done = 0;
  while (done < n) {
    const std::streamsize room = epptr() - pptr();
    if (room == 0) {
      if (finished_ || !deflate_pending(Z_NO_FLUSH)) break;
      continue;
    }
    const std::streamsize take = std::min(room, n - done);
    std::memcpy(pptr(), s + done, static_cast<std::size_t>(take));
    pbump(static_cast<int>(take));
    done += take;
  }
  return done;
}

// A flush of the text stream must not cut the deflate stream (Z_SYNC_FLUSH would cost ratio):
// compress what is pending and flush the sink.
int GzipStreambuf::sync() {
  if (finished_) return failed_ ? -1 : 0;
  if (!deflate_pending(Z_NO_FLUSH)) return -1;
  return sink_.flush() ? 0 : -1;
}

bool GzipStreambuf::finish() {
  if (finished_) return !failed_;
  const bool ok = deflate_pending(Z_FINISH) && sink_.flush();
  finished_ = true;
  setp(nullptr, nullptr);  // later writes fail instead of vanishing silently
  if (!ok) failed_ = true;
  return ok;
}

GzipOstream::GzipOstream(std::ostream& sink, int level) : std::ostream(nullptr), buf_(sink, level) {
  rdbuf(&buf_);
}

}  // namespace amla
