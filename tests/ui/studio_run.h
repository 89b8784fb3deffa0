#pragma once
// Running a configuration in the studio window from a test: set it on the panel, start, and wait
// for the run to finish (true when it succeeded).
#include <QSignalSpy>

#include "core/hw/hardware_presets.h"
#include "ui/main_window.h"
#include "ui/studio/config_panel.h"

namespace amla::ui::testing {

inline bool run_config(MainWindow& window, const amla::RunConfig& config) {
  window.configPanel()->setConfig(config);
  QSignalSpy done(&window, &MainWindow::simulationFinished);
  window.startSimulation();
  if (!done.wait(60000)) return false;
  return done.takeFirst().at(0).toBool();
}

// A run of a few thousand ops: 910B2, batch 2, S_k 2048.
inline amla::RunConfig small_config() {
  amla::RunConfig c;
  c.hardware = amla::find_preset("910B2");
  c.kernel.problem.batch = 2;
  c.kernel.problem.kv_len = 2048;
  return c;
}

inline bool run_small(MainWindow& window) { return run_config(window, small_config()); }

}  // namespace amla::ui::testing
