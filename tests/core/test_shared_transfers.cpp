// The column-wise transfer set of a shared resource against the plain algorithm, one transfer at a
// time in a vector of structs (as the simulator shared bandwidth before): the rates, the remaining
// bytes, the finished transfers and the next completion must agree bit for bit, whatever the
// vector instructions and shortcuts (running demand, one division for the transfers at the level).
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "core/sim/shared_transfers.h"

namespace amla {
namespace {

struct PlainTransfer {
  std::int32_t lane;
  float peak, factor;
  double work, remaining, rate = 0;
  bool fixed = false;
};

// The reference: max-min fair sharing exactly as written before the column-wise set.
struct PlainResource {
  std::vector<PlainTransfer> active;

  void advance(double dt) {
    for (PlainTransfer& t : active) t.remaining -= t.rate * dt;
  }
  void take_finished(std::vector<std::int32_t>& done) {
    for (std::size_t i = 0; i < active.size();) {
      const PlainTransfer& t = active[i];
      if (t.remaining <= 1e-6 * std::max(1.0, t.work)) {
        done.push_back(t.lane);
        active[i] = active.back();
        active.pop_back();
      } else {
        ++i;
      }
    }
  }
  double share(double capacity_in) {
    double demand = 0;
    for (const PlainTransfer& t : active) demand += t.peak * t.factor;
    if (demand <= capacity_in) {
      for (PlainTransfer& t : active) t.rate = t.peak;
    } else {
      double capacity = capacity_in;
      std::size_t unfixed = active.size();
      for (PlainTransfer& t : active) t.fixed = false;
      bool changed = true;
      while (changed && unfixed > 0) {
        changed = false;
        const double level = capacity / static_cast<double>(unfixed);
        for (PlainTransfer& t : active) {
          if (t.fixed) continue;
          const double cap = t.peak * t.factor;
          if (cap <= level) {
            t.fixed = true;
            t.rate = t.peak;
            capacity -= cap;
            --unfixed;
            changed = true;
          }
        }
      }
      if (unfixed > 0) {
        const double level = capacity / static_cast<double>(unfixed);
        for (PlainTransfer& t : active) {
          if (!t.fixed) t.rate = level / t.factor;
        }
      }
    }
    double next = std::numeric_limits<double>::infinity();
    for (const PlainTransfer& t : active) {
      next = std::min(next, std::max(0.0, t.remaining) / t.rate);
    }
    return next;
  }
};

std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

// What the transfers are drawn from.
struct Draws {
  std::vector<float> peaks, factors;
  std::uint32_t least_work = 1;  // 0: some transfers have nothing to move
  std::size_t most_active = 80;
  std::int32_t least_started = 500;  // at the end of the run
};

// Peaks and factors from a few values (as the kernel's transfers are) so that many are equal.
Draws kernel_like() {
  return {{16.0f, 32.0f, 37.5f, 64.0f, 128.0f, 0.75f}, {1.0f, 1.0f, 1.0f, 2.0f, 0.5f}};
}

// Random starts, advances and completions on one resource, with capacities both above and below
// the demand.
void run_against_reference(std::uint32_t seed, double capacity,
                           const Draws& draws = kernel_like()) {
  std::mt19937 rng(seed);
  const std::vector<float>& peaks = draws.peaks;
  const std::vector<float>& factors = draws.factors;
  SharedTransfers set;
  PlainResource plain;
  std::int32_t next_lane = 0;
  double next_done = 0;
  for (int step = 0; step < 3000; ++step) {
    const double dt = std::min(next_done, static_cast<double>(rng() % 1000) / 7.0);
    set.advance(dt);
    plain.advance(dt);
    std::vector<std::int32_t> done_set, done_plain;
    set.take_finished(done_set);
    plain.take_finished(done_plain);
    ASSERT_EQ(done_set, done_plain) << "step " << step;
    const int starts = set.size() < draws.most_active ? static_cast<int>(rng() % 3) : 0;
    for (int k = 0; k < starts; ++k) {
      const float peak = peaks[rng() % peaks.size()];
      const float factor = factors[rng() % factors.size()];
      const double work = static_cast<double>(draws.least_work + rng() % 100000);
      set.add(next_lane, peak, factor, work);
      plain.active.push_back({next_lane, peak, factor, work, work});
      ++next_lane;
    }
    if (set.empty()) {
      next_done = 1e9;
      continue;
    }
    next_done = set.share(capacity);
    ASSERT_EQ(bits(next_done), bits(plain.share(capacity))) << "step " << step;
    ASSERT_EQ(set.size(), plain.active.size());
    for (std::size_t i = 0; i < set.size(); ++i) ASSERT_EQ(set.lane(i), plain.active[i].lane);
  }
  EXPECT_GT(next_lane, draws.least_started);  // hundreds of transfers came and went
}

TEST(SharedTransfers, MatchesPlainMaxMinSharingBitForBit) {
  // Mostly over-subscribed, mostly under-subscribed, and in between.
  for (const double capacity : {200.0, 3000.0, 900.0, 1e9}) {
    for (std::uint32_t seed = 1; seed <= 3; ++seed) {
      SCOPED_TRACE(testing::Message() << "capacity " << capacity << " seed " << seed);
      run_against_reference(seed, capacity);
    }
  }
}

TEST(SharedTransfers, MatchesPlainSharingWithCapsOfEveryKind) {
  // Caps that are not whole multiples of 2^-32 or are above 4096 (so the demand is summed anew
  // in order), mixed with ones that are; capacities on the demand's edge (sums of the caps);
  // transfers with nothing to move (a zero to the next completion); hundreds at once.
  Draws mixed = {{1e-3f, 5000.0f, 3e4f, 57.491138f, 0.75f, 16.0f, 3e-7f},
                 {1.0f, 1.0f, 2.0f, 0.5f, 1.3f}};
  mixed.least_work = 0;
  mixed.least_started = 200;  // the tiny peaks hold a few transfers for the whole run
  Draws exact = kernel_like();
  exact.least_work = 0;
  exact.most_active = 600;
  for (const double capacity : {64.0, 256.0, 1000.0, 5016.0, 1e5}) {
    for (std::uint32_t seed = 1; seed <= 2; ++seed) {
      SCOPED_TRACE(testing::Message() << "capacity " << capacity << " seed " << seed);
      run_against_reference(seed, capacity, mixed);
      run_against_reference(seed + 10, capacity, exact);
    }
  }
}

TEST(SharedTransfers, TheFirstZeroInOrderGivesTheSignOfNoTimeLeft) {
  // Transfers with nothing left: the ones fixed at a negative peak finish in -0 cycles, the others
  // (at the positive level) in +0. Every order of the two kinds must give the zero the plain loop
  // gives (the first in order), whatever the vector instructions compare first. (Factor 2: with
  // factor 1 the transfers at the level are grouped, as the simulator always did, and a zero's
  // sign may differ from the plain loop's; real peaks are positive, so no zero is ever -0.)
  for (unsigned pattern = 0; pattern < (1u << 9); ++pattern) {
    SharedTransfers set;
    PlainResource plain;
    for (std::int32_t k = 0; k < 9; ++k) {
      const float peak = (pattern >> k) & 1u ? -1.0f : 100.0f;
      set.add(k, peak, 2.0f, 0.0);
      plain.active.push_back({k, peak, 2.0f, 0.0, 0.0});
    }
    const double capacity = 10.0;
    ASSERT_EQ(bits(set.share(capacity)), bits(plain.share(capacity))) << "pattern " << pattern;
  }
}

TEST(SharedTransfers, SharesAFullResourceFairly) {
  // Two transfers wanting 100 and 10 bytes per cycle on 50: the small one keeps its peak, the
  // other takes what is left; the small one (100 bytes) finishes first, after 10 cycles.
  SharedTransfers set;
  set.add(0, 100.0f, 1.0f, 1000.0);
  set.add(1, 10.0f, 1.0f, 100.0);
  EXPECT_EQ(set.share(50.0), 10.0);
  set.advance(10.0);
  std::vector<std::int32_t> done;
  set.take_finished(done);
  EXPECT_EQ(done, std::vector<std::int32_t>{1});
  // 1000 - 40 x 10 = 600 bytes left, now at the whole 50.
  EXPECT_EQ(set.share(50.0), 12.0);
}

}  // namespace
}  // namespace amla
