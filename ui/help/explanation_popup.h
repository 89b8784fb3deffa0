#pragma once
// The longer explanation "a click away": a small popup with an entry of the op catalogue (op
// kinds, flag routes, classes of AMLA's integer add) or of the metric catalogue. The hover text
// is the one-line meaning; a click on the same thing opens this.
#include <QPoint>
#include <QString>
#include <functional>

class QWidget;

namespace amla {
struct CatalogueEntry;
struct MetricDef;
}  // namespace amla

namespace amla::ui {

// Rich text: the display name, the code name, the meaning and the explanation.
QString catalogue_entry_html(const amla::CatalogueEntry& entry);
// Rich text from the metric catalogue: label, description, unit, which way is better, and the
// key that names it in JSON and in `amla-cli sweep --metric`.
QString metric_explanation_html(const amla::MetricDef& metric);

// Shows `html` in a popup at `global_pos` (one per window: a second call replaces the text).
// Object name "explanationPopup"; it closes on a click outside or Esc.
QWidget* show_explanation(QWidget* anchor, const QPoint& global_pos, const QString& html);

// A click on `widget` opens the popup with what `html` returns then (the text may change with
// the widget's contents); the cursor says it is clickable.
void explain_on_click(QWidget* widget, std::function<QString()> html);

}  // namespace amla::ui
