#include "ui/help/about_dialog.h"

#include <qwt_global.h>
#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

#include "core/common/version.h"

namespace amla::ui {

QString about_text() {
  return AboutDialog::tr(
             "<h2>AMLA Studio %1</h2>"
             "<p>Simulates the AMLA MLA-decode attention kernel on a simulated Ascend 910: its "
             "pipes and buffers over time, its throughput, and the numerics of its rescale "
             "against an FP64 golden.</p>"
             "<p>It implements <i>AMLA: MUL by ADD in FlashAttention Rescaling</i> (Huawei, "
             "2025; arXiv 2509.25224).</p>"
             "<p>Built with Qt %2 (running on Qt %3) and Qwt %4.</p>")
      .arg(QString::fromLatin1(amla::version_string()), QStringLiteral(QT_VERSION_STR),
           QString::fromLatin1(qVersion()), QStringLiteral(QWT_VERSION_STR));
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
  setObjectName(QStringLiteral("aboutDialog"));
  setWindowTitle(tr("About AMLA Studio"));
  auto* text = new QLabel(about_text(), this);
  text->setObjectName(QStringLiteral("aboutText"));
  text->setWordWrap(true);
  text->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(text, 1);
  layout->addWidget(buttons);
  resize(480, 260);
}

}  // namespace amla::ui
