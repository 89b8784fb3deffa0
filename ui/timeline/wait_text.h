#pragma once
// What an op waited for, in words and with the real names, from the wait reasons the simulator
// recorded (OpTrace::reason / blocker / reason_id / shared_cycles): "waited 3.1 µs for flag
// C1->V1 set by FixpS of task 12 on core 4". The timeline's tooltips and its status text read it.
#include <QString>
#include <cstdint>

namespace amla {
struct SimulationRun;
}

namespace amla::ui {

// "FixpS of task 12 on core 4 (AIC FIXP)"; "task" left out for ops without one.
QString op_name_with_place(const SimulationRun& run, std::int64_t op);

// The sentence for the constraint that released `op` last; empty when the run has no reasons.
QString op_wait_sentence(const SimulationRun& run, std::int64_t op);

// "lost 0.4 µs to sharing HBM" for a transfer slowed by others; empty otherwise.
QString op_sharing_sentence(const SimulationRun& run, std::int64_t op);

// "0.012 µs (22 cycles)".
QString wait_duration_text(double cycles, double clock_ghz);

}  // namespace amla::ui
