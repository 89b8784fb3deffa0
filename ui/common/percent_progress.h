#pragma once
// Progress from worker threads to the GUI: a callback safe to call from any thread with a
// fraction in [0, 1] that forwards only whole-percent increases, queued to the receiver's thread
// (so a fast core loop does not flood the event queue).
#include <QObject>
#include <functional>

namespace amla::ui {

// `report` runs on `receiver`'s thread; the receiver must outlive the threads that call back.
std::function<void(double)> whole_percent_forwarder(QObject* receiver,
                                                    std::function<void(int)> report);

}  // namespace amla::ui
