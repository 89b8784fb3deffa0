#include "ui/lesson/lesson_slides.h"

#include <qwt_plot.h>
#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

#include "core/common/atomic_file.h"
#include "core/common/input_error.h"
#include "core/lesson/lesson_file.h"
#include "core/view/figure_spec.h"
#include "ui/buffers/buffers_export.h"
#include "ui/buffers/buffers_view.h"
#include "ui/common/plot_export.h"
#include "ui/common/plot_source.h"
#include "ui/common/time_range_control.h"
#include "ui/compare/ab_state.h"
#include "ui/compare/compare_figure.h"
#include "ui/lesson/lesson_controller.h"
#include "ui/main_window.h"
#include "ui/numerics/numerics_page.h"
#include "ui/serving/serving_page.h"
#include "ui/studio/summary_view.h"
#include "ui/sweep/sweep_page.h"
#include "ui/timeline/timeline_export.h"

namespace amla::ui {

namespace {

// Slides are drawn at this many dots per inch: 13.33 in x 144 = 1920 device units across.
constexpr int kSlideDpi = 144;

const amla::FigurePreset& slide_preset() {
  for (const amla::FigurePreset& p : amla::figure_presets()) {
    if (p.name == "slide") return p;
  }
  throw std::logic_error("figure_presets() has no \"slide\"");
}

// The step's page's main figure, as the window shows it now (the step applied).
void paint_figure(QPainter& painter, const QRect& area, MainWindow& window,
                  const amla::LessonStep& step) {
  const SimulationPtr run = window.lastRun();
  const auto [t0, t1] = window.timeControl()->range();
  QString page = QString::fromStdString(step.page);
  // Compare without a pinned A would set a run against itself: its timeline says more.
  const SimulationPtr a = window.abState()->pinned();
  if (page == QLatin1String("Compare") && (!a || a == run)) page = QStringLiteral("Timeline");
  if (page == QLatin1String("Timeline") && run) {
    TimelineRenderOptions o;
    o.width = area.width();
    o.height = area.height();
    o.t0_cycles = t0;
    o.t1_cycles = t1;
    int open = 1;
    for (int c : step.view.expanded_cores) open = std::max(open, c + 1);
    o.expanded_cores = open;
    paint_timeline(painter, area, *run, o);
    return;
  }
  if (page == QLatin1String("Buffers") && run) {
    BuffersRenderOptions o;
    o.width = area.width();
    o.height = area.height();
    o.t0_cycles = t0;
    o.t1_cycles = t1;
    o.core = window.buffers()->core();
    painter.drawImage(area, render_buffers_image(*run, o));
    return;
  }
  if (page == QLatin1String("Compare") && run) {
    CompareFigure figure;
    figure.a = a;
    figure.b = run;
    paint_compare_figure(painter, area, figure);
    return;
  }
  QwtPlot* plot = nullptr;
  if (page == QLatin1String("Summary")) plot = window.summary()->currentPlot();
  if (page == QLatin1String("Numerics")) plot = window.numericsPage()->currentPlot();
  if (page == QLatin1String("Sweep")) plot = window.sweepPage()->currentPlot();
  if (page == QLatin1String("Serving")) plot = window.servingPage()->speedPlot();
  if (!plot) return;
  // Qwt sizes its fonts and marker labels by the device's resolution: drawn straight into the
  // PDF they come out too large. Rendered as on screen (at twice the pixels, for print) they
  // keep the proportions the page shows.
  constexpr int kPixelRatio = 2;
  QImage image(area.size() * kPixelRatio, QImage::Format_ARGB32_Premultiplied);
  image.setDevicePixelRatio(kPixelRatio);
  image.fill(Qt::white);
  {
    QPainter image_painter(&image);
    // The export's own drawing: on white, without the widget's grey or the canvas frame.
    render_plot_for_export(plot, image_painter, QRectF(QPointF(0, 0), QSizeF(area.size())));
  }
  painter.drawImage(area, image);
}

}  // namespace

LessonSlides::LessonSlides(MainWindow* window) : QObject(window), window_(window) {}

LessonSlides::~LessonSlides() = default;

bool LessonSlides::start(const QString& id, const QString& path, QString* error) {
  if (isRunning()) {
    if (error) *error = tr("an export is already being written");
    return false;
  }
  const auto& lessons = amla::builtin_lessons();
  try {
    const amla::Lesson& l = amla::require_lesson("lesson", id.toStdString());
    lesson_ = static_cast<int>(&l - lessons.data());
    steps_ = static_cast<int>(l.steps.size());
  } catch (const amla::InputError& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
  path_ = path;
  step_ = 0;
  LessonController* lessons_ui = window_->lessons();
  previous_lesson_ = -1;
  if (lessons_ui->isOpen()) {
    previous_lesson_ = static_cast<int>(lessons_ui->lesson() - lessons.data());
    previous_step_ = lessons_ui->step();
  }
  const amla::FigurePreset& slide = slide_preset();
  bytes_.clear();
  buffer_ = std::make_unique<QBuffer>(&bytes_);
  buffer_->open(QIODevice::WriteOnly);
  pdf_ = std::make_unique<QPdfWriter>(buffer_.get());
  pdf_->setPageSize(
      QPageSize(QSizeF(slide.width_mm, slide.height_mm), QPageSize::Millimeter, tr("Slide")));
  pdf_->setPageMargins(QMarginsF(0, 0, 0, 0));
  pdf_->setResolution(kSlideDpi);
  pdf_->setTitle(QString::fromStdString(lessons[static_cast<std::size_t>(lesson_)].title));
  pdf_->setCreator(QStringLiteral("AMLA Studio"));
  painter_.reset();
  connection_ = connect(lessons_ui, &LessonController::stepApplied, this,
                        &LessonSlides::onStepApplied, Qt::QueuedConnection);
  lessons_ui->goTo(lesson_, 0);
  return true;
}

void LessonSlides::onStepApplied() {
  LessonController* lessons_ui = window_->lessons();
  // Only the step this export asked for (the user may not move meanwhile: the steps are ours).
  if (!lessons_ui->isOpen() || lessons_ui->lesson() != &amla::builtin_lessons()[lesson_] ||
      lessons_ui->step() != step_) {
    finish(tr("the lesson was moved while its slides were being written"));
    return;
  }
  paintSlide();
  if (++step_ < steps_) {
    lessons_ui->goTo(lesson_, step_);
    return;
  }
  finish(QString());
}

void LessonSlides::paintSlide() {
  if (!painter_) {
    painter_ = std::make_unique<QPainter>(pdf_.get());
  } else {
    pdf_->newPage();
  }
  QPainter& p = *painter_;
  const amla::FigurePreset& slide = slide_preset();
  const amla::Lesson& lesson = amla::builtin_lessons()[static_cast<std::size_t>(lesson_)];
  const amla::LessonStep& step = lesson.steps[static_cast<std::size_t>(step_)];
  const QRect page(0, 0, pdf_->width(), pdf_->height());
  const int margin = page.width() / 40;
  const QRect inner = page.adjusted(margin, margin, -margin, -margin);
  p.fillRect(page, Qt::white);

  QFont small;
  small.setPointSizeF(slide.font_pt * 0.7);
  QFont title;
  title.setPointSizeF(slide.font_pt * 1.5);
  title.setBold(true);
  p.setPen(QColor(0x55, 0x55, 0x55));
  p.setFont(small);
  const int small_h = QFontMetrics(small, pdf_.get()).height();
  p.drawText(QRect(inner.left(), inner.top(), inner.width(), small_h), Qt::AlignLeft,
             tr("%1. %2").arg(lesson.chapter).arg(QString::fromStdString(lesson.title)));
  p.drawText(QRect(inner.left(), inner.top(), inner.width(), small_h), Qt::AlignRight,
             tr("step %1 of %2").arg(step_ + 1).arg(steps_));
  p.setPen(Qt::black);
  p.setFont(title);
  const int title_h = QFontMetrics(title, pdf_.get()).height();
  const QRect title_rect(inner.left(), inner.top() + small_h, inner.width(), title_h);
  p.drawText(title_rect, Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(step.title));

  // The text on the left third, the figure on the rest.
  const int top = title_rect.bottom() + margin / 2;
  const int text_w = inner.width() * 34 / 100;
  const QRect text_rect(inner.left(), top, text_w, inner.bottom() - top);
  const QRect figure_rect(inner.left() + text_w + margin / 2, top,
                          inner.width() - text_w - margin / 2, inner.bottom() - top);
  QTextDocument doc;
  doc.documentLayout()->setPaintDevice(pdf_.get());
  QFont body;
  body.setPointSizeF(slide.font_pt * 0.8);
  doc.setDefaultFont(body);
  doc.setHtml(window_->lessons()->currentStepHtml());
  doc.setTextWidth(text_rect.width());
  p.save();
  p.translate(text_rect.topLeft());
  doc.drawContents(&p, QRectF(0, 0, text_rect.width(), text_rect.height()));
  p.restore();

  // The figures are drawn for a screen: at a third less than the slide's resolution and
  // scaled up, their labels read at the size of the slide's own text.
  constexpr double kFigureZoom = 1.5;
  p.save();
  p.setClipRect(figure_rect);
  p.translate(figure_rect.topLeft());
  p.scale(kFigureZoom, kFigureZoom);
  const QRect logical(0, 0, static_cast<int>(figure_rect.width() / kFigureZoom),
                      static_cast<int>(figure_rect.height() / kFigureZoom));
  paint_figure(p, logical, *window_, step);
  p.restore();
}

void LessonSlides::finish(const QString& error) {
  disconnect(connection_);
  QString reason = error;
  if (painter_) painter_->end();
  painter_.reset();
  pdf_.reset();
  buffer_.reset();
  if (reason.isEmpty()) {
    try {
      amla::write_bytes_atomically("--pdf", path_.toStdString(),
                                   std::string_view(bytes_.constData(), bytes_.size()));
    } catch (const amla::InputError& e) {
      reason = QString::fromStdString(e.what());
    }
  }
  bytes_.clear();
  lesson_ = -1;
  // Back to where the window was: the lesson position, or the user's own session.
  LessonController* lessons_ui = window_->lessons();
  if (previous_lesson_ >= 0) {
    lessons_ui->goTo(previous_lesson_, previous_step_);
  } else {
    lessons_ui->close();
  }
  emit finished(reason);
}

}  // namespace amla::ui
