#pragma once
// Help > What each page shows (F1): a short paragraph per page of the studio, opened at the page
// the user is on.
#include <QDialog>
#include <QString>
#include <vector>

class QTextBrowser;

namespace amla::ui {

struct PageHelp {
  QString page;  // the tab's name
  QString html;  // one paragraph
};
const std::vector<PageHelp>& page_help();

class PageGuideDialog : public QDialog {
  Q_OBJECT

 public:
  explicit PageGuideDialog(QWidget* parent = nullptr);
  // Scrolls to the page's paragraph and marks it.
  void showPage(const QString& page);
  QString text() const;

 private:
  QTextBrowser* browser_;
};

}  // namespace amla::ui
