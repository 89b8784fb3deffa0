#include "ui/common/no_trace_notice.h"

#include <QLabel>
#include <QObject>

#include "core/run/simulation_run.h"

namespace amla::ui {

bool kept_no_trace(const amla::SimulationRun* run) {
  return run != nullptr && !run->trace.has_ops();
}

QString no_trace_page_text(const amla::SimulationRun& run, const QString& what) {
  return QObject::tr(
             "This run kept no trace: %1. Its metrics are on Summary; raise the memory budget "
             "or simulate a smaller shape to see %2.")
      .arg(QString::fromStdString(run.trace.trace_dropped), what);
}

QString no_trace_action_text(const amla::SimulationRun& run) {
  return QObject::tr("Needs the run's trace; this run kept none: %1.")
      .arg(QString::fromStdString(run.trace.trace_dropped));
}

QLabel* make_no_trace_notice(QWidget* parent) {
  auto* notice = new QLabel(parent);
  notice->setObjectName(QStringLiteral("noTraceNotice"));
  notice->setWordWrap(true);
  notice->setAlignment(Qt::AlignCenter);
  notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
  notice->setMargin(16);
  // The stale banner's colours: a note about the results, not an error.
  notice->setStyleSheet(QStringLiteral(
      "#noTraceNotice { background: #fff4d6; border: 1px solid #d9a520; color: #3d2e00; }"));
  notice->hide();
  return notice;
}

void set_no_trace_notice(QLabel* notice, const QString& text) {
  notice->setText(text);
  notice->setVisible(!text.isEmpty());
}

}  // namespace amla::ui
