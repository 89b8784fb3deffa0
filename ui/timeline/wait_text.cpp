#include "ui/timeline/wait_text.h"

#include "core/run/critical_path.h"
#include "core/run/simulation_run.h"

namespace amla::ui {

namespace {

// A transfer that lost less than this to sharing is not worth a sentence.
constexpr double kMinSharedCycles = 0.5;

// The buffer that holds slot `slot` ("L1", "UB (AIV0)").
QString slot_buffer_name(const Trace& trace, std::int32_t slot) {
  if (slot >= 0 && slot < static_cast<std::int32_t>(trace.slot_places.size())) {
    const std::int32_t track = trace.slot_places[static_cast<std::size_t>(slot)].track;
    if (track >= 0 && track < static_cast<std::int32_t>(trace.buffers.size())) {
      return QString::fromStdString(trace.buffers[static_cast<std::size_t>(track)].name);
    }
  }
  return QStringLiteral("a buffer");
}

}  // namespace

QString wait_duration_text(double cycles, double clock_ghz) {
  const double us = cycles / ((clock_ghz > 0 ? clock_ghz : 1.0) * 1000.0);
  return QStringLiteral("%1 \u00b5s (%2 cycles)")
      .arg(QString::number(us, 'g', us >= 1 ? 4 : 2))
      .arg(static_cast<qlonglong>(cycles + 0.5));
}

QString op_name_with_place(const SimulationRun& run, std::int64_t op) {
  const OpTrace& ops = run.trace.ops;
  if (op < 0 || op >= static_cast<std::int64_t>(ops.size())) return QStringLiteral("?");
  const auto i = static_cast<std::size_t>(op);
  const int lane = ops.lane[i];
  QString text = QLatin1String(op_kind_name(ops.kind[i]));
  if (ops.task[i] >= 0) text += QStringLiteral(" of task %1").arg(ops.task[i]);
  return text + QStringLiteral(" on core %1 (%2 %3)")
                    .arg(lane_core(lane))
                    .arg(QLatin1String(unit_name(lane_unit(lane))),
                         QLatin1String(pipe_name(lane_pipe(lane))));
}

QString op_wait_sentence(const SimulationRun& run, std::int64_t op) {
  const OpTrace& ops = run.trace.ops;
  if (!ops.has_reasons() || op < 0 || op >= static_cast<std::int64_t>(ops.size())) return {};
  const auto i = static_cast<std::size_t>(op);
  const double ghz = run.trace.clock_ghz;
  const std::int64_t wait = op_wait_cycles(ops, i);
  const std::int64_t by = ops.blocker[i];
  const QString waited = QStringLiteral("waited %1").arg(wait_duration_text(double(wait), ghz));
  switch (ops.reason[i]) {
    case WaitReason::kFlag:
      return QStringLiteral("%1 for flag %2 set by %3")
          .arg(waited, QString::fromStdString(flag_route(run.trace, ops.reason_id[i])),
               op_name_with_place(run, by));
    case WaitReason::kSlot:
      return QStringLiteral("%1 for a slot of %2 freed by %3")
          .arg(waited, slot_buffer_name(run.trace, ops.reason_id[i]), op_name_with_place(run, by));
    case WaitReason::kFlagRoom:
      return QStringLiteral("%1 for room in flag %2 (too many sets pending), made when %3 took one")
          .arg(waited, QString::fromStdString(flag_route(run.trace, ops.reason_id[i])),
               op_name_with_place(run, by));
    case WaitReason::kLane:
      break;
  }
  if (by < 0) {
    return wait > 0 ? QStringLiteral("%1 before the first op of its lane (no work issued yet)")
                          .arg(waited)
                    : QStringLiteral("the first op of its lane, started at once");
  }
  if (wait > 0) {
    return QStringLiteral("%1 after %2 (its lane idle: no work issued yet)")
        .arg(waited, op_name_with_place(run, by));
  }
  return QStringLiteral("started as soon as its lane was free, after %1")
      .arg(op_name_with_place(run, by));
}

QString op_sharing_sentence(const SimulationRun& run, std::int64_t op) {
  const OpTrace& ops = run.trace.ops;
  if (!ops.has_reasons() || op < 0 || op >= static_cast<std::int64_t>(ops.size())) return {};
  const auto i = static_cast<std::size_t>(op);
  if (!(ops.shared_cycles[i] >= kMinSharedCycles)) return {};
  return QStringLiteral("lost %1 to sharing %2 with other transfers")
      .arg(wait_duration_text(ops.shared_cycles[i], run.trace.clock_ghz),
           ops.level(i) == 2 ? QStringLiteral("HBM") : QStringLiteral("L2"));
}

}  // namespace amla::ui
