#pragma once
// The transfers in flight on one shared resource (an HBM or an L2), column by column: every start
// or end of a transfer advances them all and shares the bandwidth anew, and walking one array of
// doubles at a time lets the compiler use vector instructions. Each transfer's arithmetic is the
// same as it would be one transfer at a time (no fused or reordered operations), so the results
// do not depend on how the loops are compiled.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace amla {

class SharedTransfers {
 public:
  bool empty() const { return lane_.empty(); }
  std::size_t size() const { return lane_.size(); }
  std::int32_t lane(std::size_t i) const { return lane_[i]; }

  // peak: bytes per cycle at most; factor: bytes the resource sees per byte moved.
  void add(std::int32_t lane, float peak, float factor, double work) {
    lane_.push_back(lane);
    peak_.push_back(peak);
    factor_.push_back(factor);
    cap_.push_back(peak * factor);
    demand_ += cap_.back();
    count_cap(cap_.back(), +1);
    done_below_.push_back(1e-6 * std::max(1.0, work));
    remaining_.push_back(work);
    rate_.push_back(0);
  }

  // Moves every transfer on by `dt` cycles at its current rate.
  void advance(double dt) {
    double* rem = remaining_.data();
    const double* rate = rate_.data();
    const std::size_t n = remaining_.size();
    for (std::size_t i = 0; i < n; ++i) rem[i] -= rate[i] * dt;
  }

  // Removes the transfers that are done (the last one takes each one's place) and appends their
  // lanes to `done`, in the order they are found.
  void take_finished(std::vector<std::int32_t>& done) {
    for (std::size_t i = 0; i < lane_.size();) {
      if (remaining_[i] <= done_below_[i]) {
        done.push_back(lane_[i]);
        remove(i);
      } else {
        ++i;
      }
    }
  }

  // Max-min fair rates within `capacity` (in the resource's units, bytes x factor), each transfer
  // capped by its own peak. Returns the cycles until the first transfer is done at those rates
  // (infinity when none ever is); the transfers must have been advanced to now.
  double share(double capacity) {
    const std::size_t n = lane_.size();
    if (demand_stale_ && !(inexact_caps_ == 0 && n < kExactCount)) {
      // In order, as a sum kept up as transfers are added would have been.
      demand_ = 0;
      for (std::size_t i = 0; i < n; ++i) demand_ += cap_[i];
      demand_stale_ = false;
    }
    const double demand =
        demand_stale_ ? static_cast<double>(exact_demand_) / kExactUnits : demand_;
    const double* rem = remaining_.data();
    double next = std::numeric_limits<double>::infinity();
    if (demand <= capacity) {
      std::size_t i = 0;
#if defined(__SSE2__)
      // Four at a time, as two pairs: maxpd/minpd pick exactly what std::max(0.0, x) and
      // std::min(next, x) pick, NaNs included, and no quotient is -0 (the numerators are >= +0,
      // the peaks > 0 or NaN), so the least of the four running leasts is the least of all.
      __m128d best_lo = _mm_set1_pd(next);
      __m128d best_hi = best_lo;
      for (; i + 4 <= n; i += 4) {
        const __m128 peaks = _mm_loadu_ps(peak_.data() + i);
        store_rates_and_fold(i, _mm_cvtps_pd(peaks), best_lo);
        store_rates_and_fold(i + 2, _mm_cvtps_pd(_mm_movehl_ps(peaks, peaks)), best_hi);
      }
      double halves[2];
      _mm_storeu_pd(halves, _mm_min_pd(best_lo, best_hi));
      next = std::min(halves[0], halves[1]);
#endif
      for (; i < n; ++i) {
        rate_[i] = peak_[i];
        next = std::min(next, std::max(0.0, rem[i]) / rate_[i]);
      }
      return next;
    }
    if (open_cap_.size() < n) {
      open_cap_.resize(n);
      fixed_.resize(n);
    }
    std::size_t unfixed = n;
    double level = capacity / static_cast<double>(n);
    // The first pass also sets up the open caps; each pass returns the least cap it leaves open,
    // so a pass that would fix nothing (most last passes) is known without walking the transfers.
    double least_open = fix_within<true>(level, capacity, unfixed);
    while (unfixed > 0) {
      level = capacity / static_cast<double>(unfixed);
      if (!(least_open <= level)) break;
      const std::size_t before = unfixed;
      least_open = fix_within<false>(level, capacity, unfixed);
      if (unfixed == before) break;
    }
    level = unfixed > 0 ? capacity / static_cast<double>(unfixed) : 0;
    return unfixed == n ? rates_at<false>(level) : rates_at<true>(level);
  }

 private:
#if defined(__SSE2__)
  // Stores the rates of transfers k and k + 1 and folds the cycles they have left at those rates
  // (none below zero bytes) into `best`.
  void store_rates_and_fold(std::size_t k, __m128d rate, __m128d& best) {
    _mm_storeu_pd(rate_.data() + k, rate);
    const __m128d left = _mm_max_pd(_mm_loadu_pd(remaining_.data() + k), _mm_setzero_pd());
    best = _mm_min_pd(_mm_div_pd(left, rate), best);
  }
#endif
  static constexpr std::uint64_t kFixed = ~std::uint64_t{0};

  // Fixes, in order, the unfixed transfers whose cap is within `level` (each at its own peak,
  // taking its cap from `capacity`), and returns the least cap of those still unfixed, NaNs left
  // out (infinity when none). The first pass sets the open caps and unfixes every transfer.
  template <bool kFirst>
  double fix_within(double level, double& capacity, std::size_t& unfixed) {
    const std::size_t n = lane_.size();
    float* open = open_cap_.data();
    std::uint64_t* fixed = fixed_.data();
    const auto fix = [&](std::size_t i) {
      if (fixed[i] || !(open[i] <= level)) return;
      fixed[i] = kFixed;
      rate_[i] = peak_[i];
      capacity -= open[i];
      open[i] = std::numeric_limits<float>::infinity();
      --unfixed;
    };
    float least = std::numeric_limits<float>::infinity();
    std::size_t i = 0;
#if defined(__SSE2__)
    // Four at a time, skipping the fours with no candidate (most are); fix() checks each
    // candidate again, so an infinite level changes nothing. minps keeps the running least for a
    // NaN. A float is within `level` exactly when it is within the greatest float not above it.
    float level_below = static_cast<float>(level);
    if (static_cast<double>(level_below) > level) {
      level_below = std::nextafter(level_below, -std::numeric_limits<float>::infinity());
    }
    const __m128 within = _mm_set1_ps(level_below);
    __m128 least4 = _mm_set1_ps(least);
    for (; i + 4 <= n; i += 4) {
      __m128 caps;
      if constexpr (kFirst) {
        caps = _mm_loadu_ps(cap_.data() + i);
        _mm_storeu_ps(open + i, caps);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(fixed + i), _mm_setzero_si128());
        _mm_storeu_si128(reinterpret_cast<__m128i*>(fixed + i + 2), _mm_setzero_si128());
      } else {
        caps = _mm_loadu_ps(open + i);
      }
      if (_mm_movemask_ps(_mm_cmple_ps(caps, within)) != 0) {
        for (std::size_t k = i; k < i + 4; ++k) fix(k);
        caps = _mm_loadu_ps(open + i);
      }
      least4 = _mm_min_ps(caps, least4);
    }
    float quarters[4];
    _mm_storeu_ps(quarters, least4);
    for (const float q : quarters) least = std::min(least, q);
#endif
    for (; i < n; ++i) {
      if constexpr (kFirst) {
        open[i] = cap_[i];
        fixed[i] = 0;
      }
      fix(i);
      least = std::min(least, open[i]);
    }
    return least;
  }

  // The unfixed transfers share `level`: each moves at level / factor. Returns the cycles until
  // the first transfer is done.
  // kAnyFixed: some transfer is fixed at its peak (else none of the rates kept needs picking).
  template <bool kAnyFixed>
  double rates_at(double level) {
    const std::size_t n = lane_.size();
    const double* rem = remaining_.data();
    const std::uint64_t* fixed = fixed_.data();
    // One by one, the unfixed transfers with factor 1 all move at `level`, and division by one
    // positive number is monotonic (correctly rounded), so the first of them to finish is the one
    // with the least left, divided once. (x / 1 is x: no division for their rates.)
    const bool grouped = level > 0 && level < std::numeric_limits<double>::infinity();
    double next = std::numeric_limits<double>::infinity();
    double least = std::numeric_limits<double>::infinity();
    std::size_t i = 0;
#if defined(__SSE2__)
    // Four at a time (two pairs), every transfer divided: level / 1 is level, and by the same
    // monotonicity each one at the level gives what least / level gives. So only the sign of a
    // zero may differ from the one-by-one loop (a zero is looked at again below).
    const __m128d levels = _mm_set1_pd(level);
    __m128d next_lo = _mm_set1_pd(next);
    __m128d next_hi = next_lo;
    const auto pair = [&](std::size_t k, __m128d factor, __m128d& best) {
      __m128d rate = _mm_div_pd(levels, factor);
      if constexpr (kAnyFixed) {
        const __m128d is_fixed = _mm_loadu_pd(reinterpret_cast<const double*>(fixed + k));
        const __m128d kept = _mm_and_pd(is_fixed, _mm_loadu_pd(rate_.data() + k));
        rate = _mm_or_pd(kept, _mm_andnot_pd(is_fixed, rate));
      }
      store_rates_and_fold(k, rate, best);
    };
    for (; i + 4 <= n; i += 4) {
      const __m128 factors = _mm_loadu_ps(factor_.data() + i);
      pair(i, _mm_cvtps_pd(factors), next_lo);
      pair(i + 2, _mm_cvtps_pd(_mm_movehl_ps(factors, factors)), next_hi);
    }
    const __m128d next2 = _mm_min_pd(next_lo, next_hi);
    double halves[2];
    _mm_storeu_pd(halves, next2);
    next = std::min(halves[0], halves[1]);
#endif
    for (; i < n; ++i) {
      if (!fixed[i]) {
        if (factor_[i] == 1.0f) {
          rate_[i] = level;
          if (grouped) {
            least = std::min(least, std::max(0.0, rem[i]));
            continue;
          }
        } else {
          rate_[i] = level / factor_[i];
        }
      }
      next = std::min(next, std::max(0.0, rem[i]) / rate_[i]);
    }
    if (next == 0) {
      // Exactly as one by one: the first zero in order is the one kept.
      next = std::numeric_limits<double>::infinity();
      for (std::size_t k = 0; k < n; ++k) {
        if (grouped && !fixed[k] && factor_[k] == 1.0f) {
          least = std::min(least, std::max(0.0, rem[k]));
        } else {
          next = std::min(next, std::max(0.0, rem[k]) / rate_[k]);
        }
      }
    }
    return grouped ? std::min(next, least / level) : next;
  }

  // Adds (sign +1) or takes away (-1) one cap in the exact sum, or in the count of those not in it.
  void count_cap(float cap, std::int64_t sign) {
    const double units = static_cast<double>(cap) * kExactUnits;  // exact: a power of two
    if (std::abs(cap) < kExactBelow) {
      const auto whole = static_cast<std::int64_t>(units);  // below 2^44
      if (static_cast<double>(whole) == units) {
        exact_demand_ += sign * whole;
        return;
      }
    }
    inexact_caps_ = static_cast<std::size_t>(static_cast<std::int64_t>(inexact_caps_) + sign);
  }

  void remove(std::size_t i) {
    demand_stale_ = true;  // the order changes
    count_cap(cap_[i], -1);
    const std::size_t last = lane_.size() - 1;
    lane_[i] = lane_[last];
    peak_[i] = peak_[last];
    factor_[i] = factor_[last];
    cap_[i] = cap_[last];
    done_below_[i] = done_below_[last];
    remaining_[i] = remaining_[last];
    rate_[i] = rate_[last];
    lane_.pop_back();
    peak_.pop_back();
    factor_.pop_back();
    cap_.pop_back();
    done_below_.pop_back();
    remaining_.pop_back();
    rate_.pop_back();
  }

  std::vector<std::int32_t> lane_;
  std::vector<float> peak_, factor_;
  std::vector<float> cap_;          // peak x factor: the most the resource gives it
  std::vector<double> done_below_;  // remaining bytes that count as done
  std::vector<double> remaining_, rate_;
  // Max-min sharing's scratch, at least as long as the set: kFixed for a transfer capped at its
  // own peak (all bits, so that it is a mask for vector instructions), else 0; and the cap while
  // not fixed, infinity once fixed.
  std::vector<std::uint64_t> fixed_;
  std::vector<float> open_cap_;
  double demand_ = 0;  // the caps summed in order
  bool demand_stale_ = false;
  // The caps that are whole multiples of 1 / kExactUnits below kExactBelow, summed exactly in
  // those units, and how many caps are not. While all are (and there are fewer than
  // kExactCount), every partial sum of the caps in double is exact, so the sum in any order is
  // this one, and a removal needs no new sum in the new order.
  static constexpr double kExactUnits = 4294967296.0;  // 2^32
  static constexpr double kExactBelow = 4096.0;        // 2^12
  static constexpr std::size_t kExactCount = 512;      // 2^9: sums below 2^21, 2^53 units
  std::int64_t exact_demand_ = 0;
  std::size_t inexact_caps_ = 0;
};

}  // namespace amla
