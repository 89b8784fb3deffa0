#pragma once
// The discrete-event simulator: in-order pipes, flags as counters with latency, buffer slots that
// an op waits for, and shared HBM / L2 bandwidth split fairly (max-min) among the transfers in
// flight, recomputed whenever one starts or ends.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/common/job_control.h"
#include "core/ops/program.h"
#include "core/ops/trace.h"

namespace amla {

// Where a kept trace is written as the ops finish. The trace is the same either way.
enum class TraceWriting {
  kAuto,        // on a second thread when the machine has two or more hardware threads
  kSameThread,  // on the simulating thread
  kOwnThread,   // on a second thread
};

struct SimulationOptions {
  double clock_ghz = 1.8;
  std::int64_t expected_ops = 0;                        // for progress
  const std::vector<std::int64_t>* lane_ops = nullptr;  // ops per lane, to size arrays once
  bool record_reasons = true;  // OpTrace's wait reasons (off only to measure their cost)
  // false: keep only the lanes' totals (Trace::lane_totals), for a run whose trace would not
  // fit the memory budget; no_trace_reason says so in Trace::trace_dropped.
  bool keep_trace = true;
  std::string no_trace_reason;
  TraceWriting trace_writing = TraceWriting::kAuto;
  // How far a core's scalar units dispatch ahead of its pipes: a task's instructions are
  // generated (its round dispatched) while fewer than this many of the core's instructions wait
  // unstarted. Only the dependency-free scalar set-ups run as soon as they are dispatched, so
  // this places them and nothing else (tests/core/test_dispatch_window.cpp: every other op, and
  // every metric but the SCALAR pipes' idle gaps, are the same at 128 and 4096). 128, about ten
  // per pipe queue, is nearer a hardware instruction queue than the 2048 used until now, and
  // keeps the queued instructions in the host's cache.
  std::int64_t dispatch_window = 128;
  // Progress is reported from the simulating thread; a set cancel flag makes simulate() throw
  // Cancelled.
  JobControl job;
};

// Runs the program to completion. A program that can never finish (a wait nobody will satisfy)
// throws InputError("tiling", "deadlock", <what waits on what>).
Trace simulate(ProgramSource& program, const SimulationOptions& options);

}  // namespace amla
