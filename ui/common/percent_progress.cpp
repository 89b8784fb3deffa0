#include "ui/common/percent_progress.h"

#include <QMetaObject>
#include <algorithm>
#include <atomic>
#include <memory>

namespace amla::ui {

std::function<void(double)> whole_percent_forwarder(QObject* receiver,
                                                    std::function<void(int)> report) {
  auto reported = std::make_shared<std::atomic<int>>(-1);
  return [receiver, report = std::move(report), reported](double fraction) {
    // The epsilon keeps 29 / 100 at 29 percent (0.29 * 100 is 28.999...).
    const int percent = std::clamp(static_cast<int>(fraction * 100.0 + 1e-9), 0, 100);
    int previous = reported->load();
    while (percent > previous) {
      if (reported->compare_exchange_weak(previous, percent)) {
        QMetaObject::invokeMethod(
            receiver, [report, percent] { report(percent); }, Qt::QueuedConnection);
        break;
      }
    }
  };
}

}  // namespace amla::ui
