#pragma once
// File > Import profile and drag-and-drop of a profile onto the window: the file is read off
// the GUI thread (amla::read_profile_file, streaming) and becomes a run like any simulated one
// (amla::profile_as_run), shown on the Timeline, Buffers, Summary and Compare pages.
#include <QObject>
#include <QString>

#include "ui/common/background_job.h"
#include "ui/studio/simulation_worker.h"

class QWidget;

namespace amla::ui {

class ProfileImporter : public BackgroundJob {
  Q_OBJECT

 public:
  explicit ProfileImporter(QObject* parent = nullptr);
  // Starts reading `path` (format detected by content); false while another import runs.
  bool start(const QString& path);
  SimulationPtr run() const { return result<amla::SimulationRun>(); }
  // Watches `window` for dropped files and imports the first one.
  void acceptDropsOn(QWidget* window);
  // Asks for a file and imports it.
  void chooseAndImport(QWidget* parent);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
};

}  // namespace amla::ui
