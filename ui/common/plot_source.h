#pragma once
// A page that can say which of its plots File > Export should write.
class QwtPlot;

namespace amla::ui {

class PlotSource {
 public:
  virtual ~PlotSource() = default;
  // The plot the user is looking at, or null when the page shows none.
  virtual QwtPlot* currentPlot() const = 0;
};

}  // namespace amla::ui
