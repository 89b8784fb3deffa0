#include "core/sim/trace_lanes.h"

namespace amla {
namespace {

constexpr Pipe kAicPipes[] = {Pipe::kScalar, Pipe::kMte2, Pipe::kMte1, Pipe::kCube, Pipe::kFixp};
constexpr Pipe kAivPipes[] = {Pipe::kScalar, Pipe::kMte2, Pipe::kVector, Pipe::kMte3};

}  // namespace

std::span<const Pipe> trace_pipes_of(Unit unit) {
  if (unit == Unit::kAic) return kAicPipes;
  return kAivPipes;
}

std::string trace_lane_name(Unit unit, Pipe pipe) {
  return std::string(unit_name(unit)) + " / " + pipe_name(pipe);
}

std::string trace_counter_name(const BufferTrack& track) {
  if (!track.name.empty()) return track.name;
  std::string name = buffer_kind_name(track.buffer);
  if (track.buffer == BufferKind::kUB) name += std::string(" (") + unit_name(track.unit) + ")";
  return name;
}

}  // namespace amla
