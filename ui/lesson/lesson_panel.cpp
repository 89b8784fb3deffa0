#include "ui/lesson/lesson_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/lesson/lesson_file.h"

namespace amla::ui {

namespace {

constexpr int kLessonRole = Qt::UserRole;
constexpr int kStepRole = Qt::UserRole + 1;

QString qs(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

LessonPanel::LessonPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* split = new QSplitter(Qt::Vertical, this);
  layout->addWidget(split, 1);

  contents_ = new QTreeWidget(split);
  contents_->setObjectName(QStringLiteral("lessonContents"));
  contents_->setHeaderHidden(true);
  contents_->setToolTip(tr("Every lesson and its steps; click one to go there"));
  const auto& lessons = amla::builtin_lessons();
  for (int l = 0; l < static_cast<int>(lessons.size()); ++l) {
    const amla::Lesson& lesson = lessons[static_cast<std::size_t>(l)];
    auto* top =
        new QTreeWidgetItem(contents_, {tr("%1. %2").arg(lesson.chapter).arg(qs(lesson.title))});
    top->setData(0, kLessonRole, l);
    top->setData(0, kStepRole, 0);
    top->setToolTip(0, qs(lesson.summary));
    for (int s = 0; s < static_cast<int>(lesson.steps.size()); ++s) {
      auto* item = new QTreeWidgetItem(
          top, {tr("%1. %2").arg(s + 1).arg(qs(lesson.steps[static_cast<std::size_t>(s)].title))});
      item->setData(0, kLessonRole, l);
      item->setData(0, kStepRole, s);
    }
  }
  connect(contents_, &QTreeWidget::itemClicked, this,
          [this](QTreeWidgetItem* item) { onContentsActivated(item); });
  connect(contents_, &QTreeWidget::itemActivated, this,
          [this](QTreeWidgetItem* item) { onContentsActivated(item); });

  auto* step_box = new QWidget(split);
  auto* step_layout = new QVBoxLayout(step_box);
  step_layout->setContentsMargins(0, 0, 0, 0);
  title_ = new QLabel(step_box);
  title_->setObjectName(QStringLiteral("lessonStepTitle"));
  title_->setWordWrap(true);
  QFont bold = title_->font();
  bold.setBold(true);
  bold.setPointSizeF(bold.pointSizeF() * 1.15);
  title_->setFont(bold);
  progress_ = new QLabel(step_box);
  progress_->setObjectName(QStringLiteral("lessonProgress"));
  progress_->setWordWrap(true);  // long lesson titles must not widen the dock
  status_ = new QLabel(step_box);
  status_->setObjectName(QStringLiteral("lessonStatus"));
  status_->setStyleSheet(QStringLiteral("color: #666;"));
  status_->setWordWrap(true);
  text_ = new QTextBrowser(step_box);
  text_->setObjectName(QStringLiteral("lessonText"));
  text_->setOpenLinks(false);  // links go to steps and lessons, through the controller
  connect(text_, &QTextBrowser::anchorClicked, this,
          [this](const QUrl& url) { emit linkActivated(url.toString()); });
  step_layout->addWidget(title_);
  step_layout->addWidget(progress_);
  step_layout->addWidget(text_, 1);
  step_layout->addWidget(status_);

  auto* buttons = new QHBoxLayout;
  previous_ = new QPushButton(tr("\u2190 Previous"), step_box);
  previous_->setObjectName(QStringLiteral("lessonPrevious"));
  previous_->setToolTip(tr("The step before (Page Up)"));
  next_ = new QPushButton(tr("Next \u2192"), step_box);
  next_->setObjectName(QStringLiteral("lessonNext"));
  next_->setToolTip(tr("The next step (Page Down)"));
  close_ = new QPushButton(tr("Close lesson"), step_box);
  close_->setObjectName(QStringLiteral("lessonClose"));
  close_->setToolTip(tr("Back to your own configuration and view, as they were"));
  export_ = new QPushButton(tr("Slides..."), step_box);
  export_->setObjectName(QStringLiteral("lessonExportSlides"));
  export_->setToolTip(
      tr("Write the lesson as slides: a PDF page per step, its figure and its text"));
  // Two rows, so the dock stays narrow beside the pages on a small screen.
  buttons->addWidget(previous_);
  buttons->addWidget(next_);
  auto* lesson_buttons = new QHBoxLayout;
  lesson_buttons->addWidget(export_);
  lesson_buttons->addStretch(1);
  lesson_buttons->addWidget(close_);
  step_layout->addLayout(buttons);
  step_layout->addLayout(lesson_buttons);
  connect(previous_, &QPushButton::clicked, this, &LessonPanel::previousRequested);
  connect(next_, &QPushButton::clicked, this, &LessonPanel::nextRequested);
  connect(close_, &QPushButton::clicked, this, &LessonPanel::closeRequested);
  connect(export_, &QPushButton::clicked, this, &LessonPanel::exportRequested);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 3);

  showStep(-1, 0,
           tr("<p>Choose a lesson above. Each step sets the configuration, the page and "
              "the view it talks about; closing the lesson brings back your own.</p>"),
           QString());
}

void LessonPanel::onContentsActivated(QTreeWidgetItem* item) {
  if (updating_ || !item) return;
  emit stepRequested(item->data(0, kLessonRole).toInt(), item->data(0, kStepRole).toInt());
}

void LessonPanel::showStep(int lesson, int step, const QString& html, const QString& status) {
  const auto& lessons = amla::builtin_lessons();
  const bool open = lesson >= 0 && lesson < static_cast<int>(lessons.size());
  int steps = 0;
  if (open) {
    const amla::Lesson& l = lessons[static_cast<std::size_t>(lesson)];
    steps = static_cast<int>(l.steps.size());
    title_->setText(qs(l.steps[static_cast<std::size_t>(step)].title));
    progress_->setText(tr("%1 \u2014 step %2 of %3").arg(qs(l.title)).arg(step + 1).arg(steps));
    // The contents follow, without asking for the step again.
    updating_ = true;
    QTreeWidgetItem* item = contents_->topLevelItem(lesson)->child(step);
    contents_->setCurrentItem(item);
    contents_->scrollToItem(item);
    updating_ = false;
  } else {
    title_->setText(tr("Lessons"));
    progress_->setText(tr("No lesson open"));
  }
  previous_->setEnabled(open && step > 0);
  next_->setEnabled(open && step + 1 < steps);
  close_->setEnabled(open);
  export_->setEnabled(open);
  setText(html, status);
}

void LessonPanel::setText(const QString& html, const QString& status) {
  text_->setHtml(html);
  status_->setText(status);
  status_->setVisible(!status.isEmpty());
}

}  // namespace amla::ui
