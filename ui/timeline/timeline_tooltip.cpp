#include "ui/timeline/timeline_tooltip.h"

#include <QLocale>
#include <QStringList>
#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "core/kernel/op_catalogue.h"
#include "core/run/simulation_run.h"
#include "core/view/timeline_index.h"
#include "ui/timeline/wait_text.h"

namespace amla::ui {

namespace {

// Kind counts of a folded block are exact up to this many ops, then summarised.
constexpr std::int64_t kMaxCountedOps = 200000;

QString grouped(double v) { return QString::number(static_cast<qlonglong>(v)); }

QString human_bytes(double b) {
  const char* units[] = {"B", "KB", "MB", "GB"};
  int u = 0;
  while (b >= 1024 && u < 3) b /= 1024, ++u;
  return QStringLiteral("%1 %2").arg(b, 0, 'f', u == 0 ? 0 : 1).arg(QLatin1String(units[u]));
}

QString human_flops(double f) {
  const char* units[] = {"", "K", "M", "G", "T"};
  int u = 0;
  while (f >= 1000 && u < 4) f /= 1000, ++u;
  return QStringLiteral("%1 %2FLOP").arg(f, 0, 'f', u == 0 ? 0 : 2).arg(QLatin1String(units[u]));
}

QString lane_name(int lane) {
  return QStringLiteral("Core %1 / %2 / %3")
      .arg(lane_core(lane))
      .arg(QLatin1String(unit_name(lane_unit(lane))), QLatin1String(pipe_name(lane_pipe(lane))));
}

QString row(const QString& key, const QString& value) {
  return QStringLiteral("<tr><td style='color:#6b7280;padding-right:8px'>%1</td><td>%2</td></tr>")
      .arg(key, value);
}

const char* level_name(std::uint8_t level) {
  switch (level) {
    case 0:
      return "core-local";
    case 1:
      return "L2";
    default:
      return "HBM";
  }
}

}  // namespace

QString cycles_and_us(double cycles, double clock_ghz) {
  const double us = cycles / ((clock_ghz > 0 ? clock_ghz : 1.0) * 1000.0);
  return QStringLiteral("%1 cycles (%2 \u00b5s)").arg(grouped(cycles)).arg(us, 0, 'f', 3);
}

QString op_tooltip(const SimulationRun& run, std::int64_t op) {
  const OpTrace& ops = run.trace.ops;
  if (op < 0 || op >= static_cast<std::int64_t>(ops.size())) return {};
  const auto i = static_cast<std::size_t>(op);
  const double ghz = run.trace.clock_ghz;
  QString html = QStringLiteral(
                     "<b>%1</b> &nbsp; <span style='color:#6b7280'>%2 &middot; op %3</span>"
                     "<table>")
                     .arg(QLatin1String(op_kind_name(ops.kind[i])), lane_name(ops.lane[i]))
                     .arg(op);
  // What the kind means, from the op catalogue (the Pseudo-code panel has the longer text).
  const CatalogueEntry& words = op_kind_entry(ops.kind[i]);
  if (!words.meaning.empty()) {
    html +=
        row(QString(),
            QStringLiteral("<i>%1</i>").arg(QString::fromStdString(words.meaning).toHtmlEscaped()));
  }
  const int task = ops.task[i];
  if (task >= 0 && task < static_cast<int>(run.plan.tasks.size())) {
    const Task& t = run.plan.tasks[static_cast<std::size_t>(task)];
    QString job = QStringLiteral("job %1").arg(t.job);
    if (t.job >= 0 && t.job < static_cast<int>(run.plan.jobs.size())) {
      const Job& j = run.plan.jobs[static_cast<std::size_t>(t.job)];
      job += QStringLiteral(", batch %1, rows %2-%3")
                 .arg(j.batch)
                 .arg(j.row0)
                 .arg(j.row0 + j.rows - 1);
    }
    html += row(QStringLiteral("task"), QStringLiteral("%1 (%2)").arg(task).arg(job));
    html += row(QStringLiteral("KV block"), QStringLiteral("%1 (tokens %2-%3)")
                                                .arg(t.kv_block)
                                                .arg(t.kv_begin)
                                                .arg(t.kv_begin + t.tokens - 1));
  } else {
    html += row(QStringLiteral("task"), QStringLiteral("none"));
  }
  const double s = static_cast<double>(ops.start[i]), e = static_cast<double>(ops.end[i]);
  html += row(QStringLiteral("start"), cycles_and_us(s, ghz));
  html += row(QStringLiteral("end"), cycles_and_us(e, ghz));
  html += row(QStringLiteral("duration"), cycles_and_us(e - s, ghz));
  if (ops.bytes(i) > 0) {
    QString v = human_bytes(ops.bytes(i));
    if (op_kind_is_transfer(ops.kind[i]))
      v += QStringLiteral(" (%1)").arg(QLatin1String(level_name(ops.level(i))));
    if (e > s) v += QStringLiteral(", %1 B/cycle").arg(ops.bytes(i) / (e - s), 0, 'f', 1);
    html += row(QStringLiteral("bytes"), v);
  }
  if (ops.flops(i) > 0) html += row(QStringLiteral("FLOPs"), human_flops(ops.flops(i)));
  const QString waited = op_wait_sentence(run, op);
  if (!waited.isEmpty()) html += row(QStringLiteral("why then"), waited.toHtmlEscaped());
  if (ops.has_reasons() && ops.reason[i] == WaitReason::kFlag) {
    // What the flag it waited for hands over (the route's words from the op catalogue).
    if (const CatalogueEntry* flag =
            find_flag_route_entry(flag_route(run.trace, ops.reason_id[i]))) {
      html += row(QString(), QStringLiteral("<i>%1: %2</i>")
                                 .arg(QString::fromStdString(flag->key).toHtmlEscaped(),
                                      QString::fromStdString(flag->meaning).toHtmlEscaped()));
    }
  }
  const QString shared = op_sharing_sentence(run, op);
  if (!shared.isEmpty()) html += row(QString(), shared.toHtmlEscaped());
  if (ops.has_reasons() && ops.blocker[i] >= 0) {
    html += row(QString(), QStringLiteral("<i>double-click the op (or select it and press B) to "
                                          "jump to what it waited for</i>"));
  }
  html += QStringLiteral("</table>");
  return html;
}

QString block_tooltip(const SimulationRun& run, const DrawItem& item) {
  if (!item.folded()) return op_tooltip(run, item.first_op);
  const OpTrace& ops = run.trace.ops;
  const double ghz = run.trace.clock_ghz;
  const std::int64_t last = item.first_op + item.count;
  std::array<std::int64_t, kOpKindCount> per_kind{};
  const std::int64_t counted = std::min(item.count, kMaxCountedOps);
  for (std::int64_t i = item.first_op; i < item.first_op + counted; ++i) {
    ++per_kind[static_cast<std::size_t>(ops.kind[static_cast<std::size_t>(i)])];
  }
  std::vector<std::pair<std::int64_t, int>> order;
  for (int k = 0; k < kOpKindCount; ++k) {
    if (per_kind[static_cast<std::size_t>(k)] > 0)
      order.push_back({per_kind[static_cast<std::size_t>(k)], k});
  }
  std::sort(order.rbegin(), order.rend());
  QStringList kinds;
  for (const auto& [n, k] : order) {
    kinds << QStringLiteral("%1 &times;%2")
                 .arg(QLatin1String(op_kind_name(static_cast<OpKind>(k))))
                 .arg(n);
  }
  if (counted < item.count)
    kinds << QStringLiteral("(first %1 ops counted)").arg(grouped(double(counted)));
  const double s = static_cast<double>(ops.start[static_cast<std::size_t>(item.first_op)]);
  const double e = static_cast<double>(ops.end[static_cast<std::size_t>(last - 1)]);
  const double span = std::max(e - s, 1.0);
  QString html = QStringLiteral(
                     "<b>%1 ops folded</b> &nbsp; <span style='color:#6b7280'>%2 &middot; ops "
                     "%3-%4</span><table>")
                     .arg(grouped(double(item.count)),
                          lane_name(ops.lane[static_cast<std::size_t>(item.first_op)]))
                     .arg(item.first_op)
                     .arg(last - 1);
  html += row(QStringLiteral("kinds"), kinds.join(QStringLiteral(", ")));
  html += row(QStringLiteral("from"), cycles_and_us(s, ghz));
  html += row(QStringLiteral("to"), cycles_and_us(e, ghz));
  html += row(
      QStringLiteral("busy"),
      QStringLiteral("%1% of the span").arg(100.0 * double(item.busy_cycles) / span, 0, 'f', 1));
  html += row(QString(), QStringLiteral("<i>zoom in to see them one by one</i>"));
  html += QStringLiteral("</table>");
  return html;
}

QString legend_tooltip(OpKind kind) {
  const CatalogueEntry& e = op_kind_entry(kind);
  return QStringLiteral("<b>%1</b> &nbsp;<span style='color:#6b7280'>%2</span><br>%3")
      .arg(QString::fromStdString(e.name).toHtmlEscaped(), QString::fromStdString(e.key),
           QString::fromStdString(e.meaning).toHtmlEscaped());
}

QString density_tooltip(const QString& group, double t_cycles, double busy_fraction,
                        double clock_ghz) {
  return QStringLiteral("<b>%1</b><table>%2%3</table>")
      .arg(group, row(QStringLiteral("at"), cycles_and_us(t_cycles, clock_ghz)),
           row(QStringLiteral("busy"),
               QStringLiteral("%1% of its pipe lanes").arg(100.0 * busy_fraction, 0, 'f', 1)));
}

}  // namespace amla::ui
