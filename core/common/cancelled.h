#pragma once
// Thrown by long runs (numerics, simulation, sweeps) when the user cancels.
#include <exception>

namespace amla {

struct Cancelled : std::exception {
  const char* what() const noexcept override { return "cancelled"; }
};

}  // namespace amla
