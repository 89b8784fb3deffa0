#pragma once
// What the studio says about a run that kept no trace (its trace would not fit the memory
// budget, or it outlasted the trace's cycles): the run's metrics are complete, but it has no ops,
// slot intervals or buffer steps to draw. Pages that need them say so in their own area, and
// actions that need them are disabled with the reason as their tooltip.
#include <QString>

class QLabel;
class QWidget;

namespace amla {
struct SimulationRun;
}

namespace amla::ui {

// True for a run shown without its trace (null: false, nothing to say).
bool kept_no_trace(const amla::SimulationRun* run);
// "This run kept no trace: WHY. Its metrics are on Summary; raise the memory budget or
// simulate a smaller shape to see WHAT." (WHAT: "its timeline", "its buffers")
QString no_trace_page_text(const amla::SimulationRun& run, const QString& what);
// The tooltip of an action that needs the trace: "Needs the run's trace; this run kept none:
// WHY."
QString no_trace_action_text(const amla::SimulationRun& run);
// The label a page shows in its area instead of its drawing (object name "noTraceNotice"),
// hidden until set_no_trace_notice shows it.
QLabel* make_no_trace_notice(QWidget* parent);
// Shows `text` in the notice, or hides it when `text` is empty.
void set_no_trace_notice(QLabel* notice, const QString& text);

}  // namespace amla::ui
