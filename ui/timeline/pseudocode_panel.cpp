#include "ui/timeline/pseudocode_panel.h"

// Core headers first: trace.h has a member named `slots`, which Qt's keyword macro would eat.
#include "core/kernel/op_catalogue.h"
#include "core/run/simulation_run.h"

#include <QDockWidget>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/common/no_trace_notice.h"
#include "ui/help/explanation_popup.h"
#include "ui/timeline/timeline_widget.h"

namespace amla::ui {

namespace {

const QColor kSelectedOpLine{0xff, 0xd5, 0x6a};  // lines of the selected op
const QColor kHoveredOpLine{0xff, 0xf1, 0xc2};   // lines of the op under the mouse
const QColor kActiveLine{0xcf, 0xe2, 0xfb};      // the clicked line (its ops lit on the timeline)
const QColor kPlainText{0x6b, 0x72, 0x80};       // lines that produce no op
constexpr int kSwatch = 10;
constexpr int kGutterSwatches = 2;
// Below this screen width the dock starts hidden: the timeline needs the room more.
constexpr int kDockScreenWidth = 1600;

bool contains(const std::vector<int>& v, int x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// A small square per op kind of the line, in the timeline's colours: the listing's gutter
// (always as wide as the widest, so the text of every line starts at one column).
QIcon swatches(const PseudoLine& line, const TimelinePalette* palette) {
  QPixmap pixmap(kGutterSwatches * (kSwatch + 2), kSwatch);
  pixmap.fill(Qt::transparent);
  if (palette != nullptr) {
    QPainter p(&pixmap);
    for (std::size_t i = 0; i < line.ops.size() && i < std::size_t{kGutterSwatches}; ++i) {
      p.fillRect(QRect(static_cast<int>(i) * (kSwatch + 2), 0, kSwatch, kSwatch),
                 palette->color(line.ops[i]));
    }
  }
  return QIcon(pixmap);
}

QString line_tooltip(const PseudoLine& line) {
  QString html;
  for (OpKind k : line.ops) {
    const CatalogueEntry& e = op_kind_entry(k);
    html += QStringLiteral("<b>%1</b> (%2): %3<br>")
                .arg(QString::fromStdString(e.name).toHtmlEscaped(), QString::fromStdString(e.key),
                     QString::fromStdString(e.meaning).toHtmlEscaped());
  }
  for (const std::string& route : line.flags) {
    if (const CatalogueEntry* e = find_flag_route_entry(route)) {
      html += QStringLiteral("flag <b>%1</b>: %2<br>")
                  .arg(QString::fromStdString(route).toHtmlEscaped(),
                       QString::fromStdString(e->meaning).toHtmlEscaped());
    }
  }
  if (html.isEmpty()) return {};
  return html + QStringLiteral("<i>click: light these ops on the timeline</i>");
}

}  // namespace

PseudocodePanel::PseudocodePanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("pseudocodePanel"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 4, 6, 4);
  auto* header = new QHBoxLayout;
  title_ = new QLabel(this);
  title_->setObjectName(QStringLiteral("pseudocodeTitle"));
  title_->setWordWrap(true);
  header->addWidget(title_, 1);
  auto* clear = new QPushButton(tr("Clear"), this);
  clear->setObjectName(QStringLiteral("pseudocodeClear"));
  clear->setToolTip(tr("Show every op on the timeline again"));
  connect(clear, &QPushButton::clicked, this, [this] { activateLine(-1); });
  header->addWidget(clear);
  layout->addLayout(header);
  note_ = new QLabel(tr("Select or hover an op on the timeline to find its line; click a line "
                        "to light its ops."),
                     this);
  note_->setObjectName(QStringLiteral("pseudocodeNote"));
  note_->setWordWrap(true);
  note_->setStyleSheet(QStringLiteral("color: #6b7280;"));
  layout->addWidget(note_);
  no_trace_notice_ = make_no_trace_notice(this);
  layout->addWidget(no_trace_notice_);

  auto* split = new QSplitter(Qt::Vertical, this);
  listing_ = new QListWidget(split);
  listing_->setObjectName(QStringLiteral("pseudocodeListing"));
  listing_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  listing_->setIconSize(QSize(kGutterSwatches * (kSwatch + 2), kSwatch));
  listing_->setTextElideMode(Qt::ElideNone);
  listing_->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  listing_->setSelectionMode(QAbstractItemView::NoSelection);
  listing_->setUniformItemSizes(true);
  connect(listing_, &QListWidget::itemClicked, this,
          [this](QListWidgetItem* item) { activateLine(listing_->row(item)); });
  details_ = new QTextBrowser(split);
  details_->setObjectName(QStringLiteral("pseudocodeDetails"));
  details_->setOpenLinks(false);
  split->addWidget(listing_);
  split->addWidget(details_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  layout->addWidget(split, 1);
  rebuildListing();
}

void PseudocodePanel::linkTimeline(TimelineWidget* timeline) {
  timeline_ = timeline;
  connect(timeline, &TimelineWidget::opSelected, this, &PseudocodePanel::showSelectedOp);
  connect(timeline, &TimelineWidget::opHovered, this, &PseudocodePanel::showHoveredOp);
  connect(this, &PseudocodePanel::highlightKindsChanged, timeline,
          &TimelineWidget::setHighlightKinds);
  rebuildListing();
}

void PseudocodePanel::setRun(std::shared_ptr<const SimulationRun> run) {
  run_ = std::move(run);
  variant_ = run_ ? run_->config.variant : KernelVariant::kAmla;
  profiled_ = run_ && run_->trace.ops.size() > 0 && run_->trace.ops.kind[0] == OpKind::kProfiled;
  // Its lines still explain the kernel; there are no ops to light or to find them from.
  set_no_trace_notice(
      no_trace_notice_,
      kept_no_trace(run_.get())
          ? tr("This run kept no trace: %1. A line is explained here, but lights no ops on the "
               "timeline.")
                .arg(QString::fromStdString(run_->trace.trace_dropped))
          : QString());
  selected_lines_.clear();
  hovered_lines_.clear();
  rebuildListing();
  activateLine(-1);
}

void PseudocodePanel::rebuildListing() {
  const KernelPseudocode& c = code();
  title_->setText(QStringLiteral("<b>%1</b>").arg(QString::fromStdString(c.title).toHtmlEscaped()));
  if (profiled_) {
    note_->setText(
        tr("An imported profile: its instructions are not the simulator's op kinds, "
           "so the listing is not linked to them."));
  }
  const TimelinePalette* palette = timeline_ ? &timeline_->opKindColors() : nullptr;
  listing_->clear();
  for (const PseudoLine& line : c.lines) {
    const int number = listing_->count() + 1;
    auto* item = new QListWidgetItem(QStringLiteral("%1  %2").arg(number, 2).arg(
                                         QString::fromStdString(pseudo_line_string(line))),
                                     listing_);
    item->setIcon(swatches(line, palette));
    item->setToolTip(line_tooltip(line));
    if (line.ops.empty()) item->setForeground(kPlainText);
  }
  paintLines();
}

void PseudocodePanel::paintLines() {
  for (int i = 0; i < listing_->count(); ++i) {
    QListWidgetItem* item = listing_->item(i);
    QColor background;  // invalid: the list's own
    if (contains(hovered_lines_, i)) background = kHoveredOpLine;
    if (contains(selected_lines_, i)) background = kSelectedOpLine;
    if (contains(active_lines_, i)) background = kActiveLine;
    item->setBackground(background.isValid() ? QBrush(background) : QBrush());
    QFont font = listing_->font();
    font.setBold(contains(active_lines_, i) || contains(selected_lines_, i));
    item->setFont(font);
  }
}

std::vector<int> PseudocodePanel::linesOfOp(qint64 op) const {
  if (!run_ || profiled_) return {};
  return pseudo_lines_for_trace_op(code(), run_->trace, op);
}

void PseudocodePanel::showSelectedOp(qint64 op) {
  selected_lines_ = linesOfOp(op);
  paintLines();
  if (!selected_lines_.empty()) {
    listing_->scrollToItem(listing_->item(selected_lines_.front()));
    showOpDetails(op, selected_lines_);
  } else if (!active_lines_.empty()) {
    showLineDetails(active_lines_);
  }
}

void PseudocodePanel::showHoveredOp(qint64 op) {
  std::vector<int> lines = linesOfOp(op);
  if (lines == hovered_lines_) return;
  hovered_lines_ = std::move(lines);
  paintLines();
}

void PseudocodePanel::activateLine(int line) {
  // A click toggles: the one lit line again clears.
  const bool again = active_lines_.size() == 1 && active_lines_.front() == line;
  activateLines(again || line < 0 ? std::vector<int>{} : std::vector<int>{line});
}

void PseudocodePanel::activateLines(const std::vector<int>& lines) {
  const int count = static_cast<int>(code().lines.size());
  active_lines_.clear();
  for (int line : lines) {
    if (line >= 0 && line < count && !contains(active_lines_, line)) active_lines_.push_back(line);
  }
  paintLines();
  // Lines lit from elsewhere (a lesson step) may be below the fold: the first is brought in.
  if (!active_lines_.empty()) {
    listing_->scrollToItem(listing_->item(active_lines_.front()),
                           QAbstractItemView::PositionAtCenter);
  }
  std::uint32_t kinds = 0;
  for (int line : active_lines_)
    kinds |= pseudo_line_kinds(code().lines[static_cast<std::size_t>(line)]);
  showLineDetails(active_lines_);
  Q_EMIT highlightKindsChanged(kinds);
}

void PseudocodePanel::showLineDetails(const std::vector<int>& lines) {
  if (lines.empty()) {
    details_->setHtml(
        tr("<p style='color:#6b7280'>Click a line for what its ops and flags do; "
           "select an op on the timeline for what it is.</p>"));
    return;
  }
  QString html;
  std::uint32_t ops_shown = 0;  // each op kind and flag route explained once
  std::vector<std::string> routes_shown;
  for (int line : lines) {
    const PseudoLine& l = code().lines[static_cast<std::size_t>(line)];
    html += QStringLiteral("<p><code>%1</code></p>")
                .arg(QString::fromStdString(l.text).toHtmlEscaped());
    if (l.ops.empty() && lines.size() == 1) {
      html += tr("<p style='color:#6b7280'>This line produces no op itself.</p>");
    }
    for (OpKind k : l.ops) {
      if (ops_shown & (1u << static_cast<int>(k))) continue;
      ops_shown |= 1u << static_cast<int>(k);
      html += catalogue_entry_html(op_kind_entry(k));
    }
    for (const std::string& route : l.flags) {
      if (std::find(routes_shown.begin(), routes_shown.end(), route) != routes_shown.end()) {
        continue;
      }
      routes_shown.push_back(route);
      if (const CatalogueEntry* e = find_flag_route_entry(route)) html += catalogue_entry_html(*e);
    }
  }
  details_->setHtml(html);
}

void PseudocodePanel::showOpDetails(qint64 op, const std::vector<int>& lines) {
  const auto i = static_cast<std::size_t>(op);
  QStringList numbers;
  for (int l : lines) numbers << QString::number(l + 1);
  details_->setHtml(
      tr("<p>Op %1, from line %2.</p>").arg(op).arg(numbers.join(QStringLiteral(", "))) +
      catalogue_entry_html(op_kind_entry(run_->trace.ops.kind[i])));
}

QString PseudocodePanel::detailsText() const { return details_->toPlainText(); }

PseudocodePanel* add_pseudocode_dock(QMainWindow* window, QTabWidget* pages,
                                     TimelineWidget* timeline, QMenu* view) {
  auto* dock = new QDockWidget(QObject::tr("Pseudo-code"), window);
  dock->setObjectName(QStringLiteral("pseudocodeDock"));
  auto* panel = new PseudocodePanel(dock);
  panel->linkTimeline(timeline);
  dock->setWidget(panel);
  // Shown and hidden from the View menu (a close button would leave the menu's tick wrong).
  dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  window->addDockWidget(Qt::RightDockWidgetArea, dock);
  auto* toggle = new QAction(QObject::tr("&Pseudo-code beside the timeline"), dock);
  toggle->setObjectName(QStringLiteral("pseudocodeAction"));
  toggle->setCheckable(true);
  const QScreen* screen = window->screen();
  toggle->setChecked(screen == nullptr || screen->availableGeometry().width() >= kDockScreenWidth);
  // Only beside the page that holds the timeline: the other pages need the width.
  const auto place = [pages, timeline, dock, toggle] {
    const QWidget* page = pages->currentWidget();
    dock->setVisible(toggle->isChecked() && page != nullptr && page->isAncestorOf(timeline));
  };
  QObject::connect(toggle, &QAction::toggled, dock, place);
  QObject::connect(pages, &QTabWidget::currentChanged, dock, place);
  // Again once the window has restored its saved layout.
  QTimer::singleShot(0, dock, place);
  place();
  view->addAction(toggle);
  return panel;
}

}  // namespace amla::ui
