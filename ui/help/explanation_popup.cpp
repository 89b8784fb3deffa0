#include "ui/help/explanation_popup.h"

#include <QEvent>
#include <QFrame>
#include <QLabel>
#include <QMouseEvent>
#include <QVBoxLayout>
#include <utility>

#include "core/kernel/op_catalogue.h"
#include "core/run/metric_catalogue.h"

namespace amla::ui {

namespace {

constexpr int kPopupWidth = 420;

// Opens the popup on a left click of the widget it watches.
class ClickExplainer : public QObject {
 public:
  ClickExplainer(QWidget* widget, std::function<QString()> html)
      : QObject(widget), widget_(widget), html_(std::move(html)) {
    widget->installEventFilter(this);
  }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (watched == widget_ && event->type() == QEvent::MouseButtonRelease &&
        static_cast<QMouseEvent*>(event)->button() == Qt::LeftButton) {
      const QString text = html_();
      if (!text.isEmpty()) {
        show_explanation(widget_, widget_->mapToGlobal(QPoint(0, widget_->height())), text);
      }
    }
    return QObject::eventFilter(watched, event);
  }

 private:
  QWidget* widget_;
  std::function<QString()> html_;
};

QString escaped(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }

const char* better_words(Better b) {
  switch (b) {
    case Better::kHigher:
      return "higher is better";
    case Better::kLower:
      return "lower is better";
    case Better::kNeither:
      break;
  }
  return "neither higher nor lower is better in itself";
}

}  // namespace

QString catalogue_entry_html(const CatalogueEntry& e) {
  return QStringLiteral(
             "<p><b>%1</b> &nbsp;<span style='color:#6b7280'><code>%2</code></span></p>"
             "<p><i>%3</i></p><p>%4</p>")
      .arg(escaped(e.name), escaped(e.key), escaped(e.meaning), escaped(e.explanation));
}

QString metric_explanation_html(const MetricDef& m) {
  QString unit = m.unit.empty() ? QStringLiteral("none (a count or a word)") : escaped(m.unit);
  if (m.format == MetricFormat::kPercent) unit = QStringLiteral("a fraction, shown in percent");
  return QStringLiteral(
             "<p><b>%1</b> &nbsp;<span style='color:#6b7280'><code>%2</code></span></p>"
             "<p>%3</p><p>Unit: %4; %5.</p>"
             "<p style='color:#6b7280'>In JSON at <code>%2</code>; sweep it with "
             "<code>amla-cli sweep --metric %2</code>.</p>")
      .arg(escaped(m.label), escaped(m.key), escaped(m.description), unit,
           QLatin1String(better_words(m.better)));
}

QWidget* show_explanation(QWidget* anchor, const QPoint& global_pos, const QString& html) {
  QWidget* window = anchor->window();
  auto* popup = window->findChild<QFrame*>(QStringLiteral("explanationPopup"));
  if (popup == nullptr) {
    popup = new QFrame(window, Qt::Popup);
    popup->setObjectName(QStringLiteral("explanationPopup"));
    popup->setFrameShape(QFrame::StyledPanel);
    popup->setStyleSheet(
        QStringLiteral("#explanationPopup { background: #fffdf5; border: 1px solid #c9b77a; }"));
    auto* layout = new QVBoxLayout(popup);
    layout->setContentsMargins(10, 8, 10, 8);
    auto* text = new QLabel(popup);
    text->setObjectName(QStringLiteral("explanationText"));
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setFixedWidth(kPopupWidth);
    layout->addWidget(text);
  }
  popup->findChild<QLabel*>(QStringLiteral("explanationText"))->setText(html);
  popup->adjustSize();
  popup->move(global_pos);
  popup->show();
  return popup;
}

void explain_on_click(QWidget* widget, std::function<QString()> html) {
  widget->setCursor(Qt::PointingHandCursor);
  new ClickExplainer(widget, std::move(html));
}

}  // namespace amla::ui
