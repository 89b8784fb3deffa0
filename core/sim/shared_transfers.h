#pragma once
// The transfers in flight on one shared resource (an HBM or an L2), column by column: every start
// or end of a transfer advances them all and shares the bandwidth anew, and walking one array of
// doubles at a time lets the compiler use vector instructions. Each transfer's arithmetic is the
// same as it would be one transfer at a time (no fused or reordered operations), so the results
// do not depend on how the loops are compiled.
#include <algorithm>
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
    done_below_.push_back(1e-6 * std::max(1.0, work));
    remaining_.push_back(work);
    rate_.push_back(0);
    fixed_.push_back(0);
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
    if (demand_stale_) {
      // In order, as a sum kept up as transfers are added would have been.
      demand_ = 0;
      for (std::size_t i = 0; i < n; ++i) demand_ += cap_[i];
      demand_stale_ = false;
    }
    const double* rem = remaining_.data();
    double next = std::numeric_limits<double>::infinity();
    if (demand_ <= capacity) {
      std::size_t i = 0;
#if defined(__SSE2__)
      // Two at a time: maxpd/minpd pick exactly what std::max(0.0, x) and std::min(next, x)
      // pick, NaNs included, and no quotient is -0 (the numerators are >= +0, the peaks > 0 or
      // NaN), so the least of the two halves is the least of all.
      __m128d best = _mm_set1_pd(next);
      const __m128d zero = _mm_setzero_pd();
      for (; i + 2 <= n; i += 2) {
        double two_peaks;  // two floats, moved as one double's bytes
        std::memcpy(&two_peaks, peak_.data() + i, sizeof two_peaks);
        const __m128d rate = _mm_cvtps_pd(_mm_castpd_ps(_mm_set_sd(two_peaks)));
        _mm_storeu_pd(rate_.data() + i, rate);
        const __m128d left = _mm_max_pd(_mm_loadu_pd(rem + i), zero);
        best = _mm_min_pd(_mm_div_pd(left, rate), best);
      }
      double halves[2];
      _mm_storeu_pd(halves, best);
      next = std::min(halves[0], halves[1]);
#endif
      for (; i < n; ++i) {
        rate_[i] = peak_[i];
        next = std::min(next, std::max(0.0, rem[i]) / rate_[i]);
      }
      return next;
    }
    std::size_t unfixed = n;
    std::fill(fixed_.begin(), fixed_.end(), 0);
    open_cap_.resize(n);
    for (std::size_t i = 0; i < n; ++i) open_cap_[i] = cap_[i];
    bool changed = true;
    while (changed && unfixed > 0) {
      changed = false;
      const double level = capacity / static_cast<double>(unfixed);
      // Each pass fixes, in order, the unfixed transfers whose cap is within the level.
      const auto fix = [&](std::size_t i) {
        if (fixed_[i] || !(open_cap_[i] <= level)) return;
        fixed_[i] = 1;
        rate_[i] = peak_[i];
        capacity -= open_cap_[i];
        open_cap_[i] = std::numeric_limits<double>::infinity();
        --unfixed;
        changed = true;
      };
      std::size_t i = 0;
#if defined(__SSE2__)
      // Two at a time, skipping pairs with no candidate (most are: the last pass fixes none);
      // fix() checks each candidate again, so an infinite level changes nothing.
      const __m128d within = _mm_set1_pd(level);
      for (; i + 2 <= n; i += 2) {
        if (_mm_movemask_pd(_mm_cmple_pd(_mm_loadu_pd(open_cap_.data() + i), within)) != 0) {
          fix(i);
          fix(i + 1);
        }
      }
#endif
      for (; i < n; ++i) fix(i);
    }
    const double level = unfixed > 0 ? capacity / static_cast<double>(unfixed) : 0;
    // The unfixed transfers with factor 1 all move at `level`. Division by one positive number
    // is monotonic (correctly rounded), so the first of them to finish is the one with the least
    // left, divided once; the others are divided one by one. (x / 1 is x: no division for them.)
    const bool grouped = level > 0 && level < std::numeric_limits<double>::infinity();
    double least = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i) {
      if (!fixed_[i]) {
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
    return grouped ? std::min(next, least / level) : next;
  }

 private:
  void remove(std::size_t i) {
    demand_stale_ = true;  // the order changes
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
    fixed_.pop_back();
  }

  std::vector<std::int32_t> lane_;
  std::vector<float> peak_, factor_;
  std::vector<float> cap_;          // peak x factor: the most the resource gives it
  std::vector<double> done_below_;  // remaining bytes that count as done
  std::vector<double> remaining_, rate_;
  std::vector<std::uint8_t> fixed_;  // max-min sharing: capped at its own peak
  std::vector<double> open_cap_;     // the cap while not fixed, infinity once fixed
  double demand_ = 0;                // the caps summed in order
  bool demand_stale_ = false;
};

}  // namespace amla
