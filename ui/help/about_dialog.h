#pragma once
// Help > About AMLA Studio: the version (the one from CMake's project()), the paper the studio
// implements, and the Qt and Qwt versions it was built with.
#include <QDialog>
#include <QString>

namespace amla::ui {

// The About text (rich text), for the dialog and for tests.
QString about_text();

class AboutDialog : public QDialog {
  Q_OBJECT

 public:
  explicit AboutDialog(QWidget* parent = nullptr);
};

}  // namespace amla::ui
