#pragma once
// A column of integers kept in a narrow type while every value fits, and in the wide type from the
// first value that does not. Nearly every trace fits 32-bit cycle counts and op indices; keeping
// them narrow halves the memory a large run holds for its views, and a trace that needs the
// width (a profile of several seconds) still gets it. Reads always give the wide type, so
// arithmetic on them cannot wrap in the narrow one.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <vector>

#include "core/ops/trace_column.h"

namespace amla {

template <class Narrow, class Wide>
class CompactColumn {
 public:
  // A read-only random-access iterator over the wide values (for lower_bound and friends).
  class Iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Wide;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Wide;

    Iterator() = default;
    Iterator(const CompactColumn* c, std::ptrdiff_t i) : c_(c), i_(i) {}
    Wide operator*() const { return (*c_)[static_cast<std::size_t>(i_)]; }
    Wide operator[](std::ptrdiff_t k) const { return (*c_)[static_cast<std::size_t>(i_ + k)]; }
    Iterator& operator++() { return ++i_, *this; }
    Iterator& operator--() { return --i_, *this; }
    Iterator operator++(int) { return Iterator(c_, i_++); }
    Iterator operator--(int) { return Iterator(c_, i_--); }
    Iterator& operator+=(std::ptrdiff_t k) { return i_ += k, *this; }
    Iterator& operator-=(std::ptrdiff_t k) { return i_ -= k, *this; }
    friend Iterator operator+(Iterator a, std::ptrdiff_t k) { return a += k; }
    friend Iterator operator+(std::ptrdiff_t k, Iterator a) { return a += k; }
    friend Iterator operator-(Iterator a, std::ptrdiff_t k) { return a -= k; }
    friend std::ptrdiff_t operator-(const Iterator& a, const Iterator& b) { return a.i_ - b.i_; }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.i_ == b.i_; }
    friend auto operator<=>(const Iterator& a, const Iterator& b) { return a.i_ <=> b.i_; }

   private:
    const CompactColumn* c_ = nullptr;
    std::ptrdiff_t i_ = 0;
  };

  CompactColumn() = default;
  CompactColumn(std::initializer_list<Wide> values) { assign(values.begin(), values.end()); }
  CompactColumn& operator=(std::initializer_list<Wide> values) {
    assign(values.begin(), values.end());
    return *this;
  }
  template <class It>
  void assign(It first, It last) {
    clear();
    for (; first != last; ++first) push_back(*first);
  }

  Wide operator[](std::size_t i) const { return wide_mode_ ? wide_[i] : Wide(narrow_[i]); }
  std::size_t size() const { return wide_mode_ ? wide_.size() : narrow_.size(); }
  bool empty() const { return size() == 0; }
  Wide front() const { return (*this)[0]; }
  Wide back() const { return (*this)[size() - 1]; }
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, static_cast<std::ptrdiff_t>(size())); }
  bool is_narrow() const { return !wide_mode_; }

  void push_back(Wide v) {
    if (!wide_mode_ && !fits(v)) widen();
    if (wide_mode_) {
      wide_.push_back(v);
    } else {
      narrow_.push_back(static_cast<Narrow>(v));
    }
  }
  void set(std::size_t i, Wide v) {
    if (!wide_mode_) {
      if (fits(v)) {
        narrow_[i] = static_cast<Narrow>(v);
        return;
      }
      widen();
    }
    wide_[i] = v;
  }
  // Sets entries first .. first + n - 1 to value(0) .. value(n - 1): one width check for the
  // lot, then plain stores (the simulator writes a lane's ops a few at a time).
  template <class F>
  void set_each(std::size_t first, std::size_t n, F value) {
    if (!wide_mode_) {
      bool all_fit = true;
      for (std::size_t k = 0; k < n; ++k) all_fit &= fits(value(k));
      if (all_fit) {
        for (std::size_t k = 0; k < n; ++k) narrow_[first + k] = static_cast<Narrow>(value(k));
        return;
      }
      widen();
    }
    for (std::size_t k = 0; k < n; ++k) wide_[first + k] = value(k);
  }
  void resize(std::size_t n, Wide v = Wide{}) {
    if (!wide_mode_ && !fits(v)) widen();
    if (wide_mode_) {
      wide_.resize(n, v);
    } else {
      narrow_.resize(n, static_cast<Narrow>(v));
    }
  }
  // n entries, each to be set before it is read, narrow while `widest` fits (new entries are
  // left unwritten: see TraceColumn).
  void resize_unwritten(std::size_t n, Wide widest) {
    if (!wide_mode_ && !fits(widest)) widen();
    if (wide_mode_) {
      wide_.resize(n);
    } else {
      narrow_.resize(n);
    }
  }
  void reserve(std::size_t n) { wide_mode_ ? wide_.reserve(n) : narrow_.reserve(n); }
  void pop_back() { wide_mode_ ? wide_.pop_back() : narrow_.pop_back(); }
  void clear() {
    narrow_.clear();
    wide_.clear();
    wide_mode_ = false;
  }

  // Equal values, whatever each side's storage.
  friend bool operator==(const CompactColumn& a, const CompactColumn& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

  static bool fits(Wide v) {
    return v >= static_cast<Wide>(std::numeric_limits<Narrow>::min()) &&
           v <= static_cast<Wide>(std::numeric_limits<Narrow>::max());
  }

 private:
  void widen() {
    wide_.assign(narrow_.begin(), narrow_.end());
    TraceColumn<Narrow>().swap(narrow_);
    wide_mode_ = true;
  }

  TraceColumn<Narrow> narrow_;
  TraceColumn<Wide> wide_;
  bool wide_mode_ = false;
};

}  // namespace amla
