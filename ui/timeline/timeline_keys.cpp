#include "ui/timeline/timeline_keys.h"

#include <QKeySequence>

namespace amla::ui {

const std::vector<TimelineKey>& timeline_keys() {
  using C = TimelineCommand;
  static const std::vector<TimelineKey> keys = {
      {Qt::Key_W, Qt::NoModifier, C::kZoomIn, "Zoom in around the centre"},
      {Qt::Key_S, Qt::NoModifier, C::kZoomOut, "Zoom out around the centre"},
      {Qt::Key_A, Qt::NoModifier, C::kPanLeft, "Pan to earlier times"},
      {Qt::Key_D, Qt::NoModifier, C::kPanRight, "Pan to later times"},
      {Qt::Key_F, Qt::NoModifier, C::kFrame,
       "Frame the selected range (or the selected op, or the whole run)"},
      {Qt::Key_Home, Qt::NoModifier, C::kShowAll, "Show the whole run"},
      {Qt::Key_Backspace, Qt::NoModifier, C::kBack, "Back to the previous view"},
      {Qt::Key_Left, Qt::AltModifier, C::kBack, "Back to the previous view"},
      {Qt::Key_Right, Qt::AltModifier, C::kForward, "Forward again"},
      {Qt::Key_Escape, Qt::NoModifier, C::kClear, "Clear the selected range and op"},
      {Qt::Key_C, Qt::NoModifier, C::kToggleCriticalPath,
       "Show or hide the critical path (View > Critical path)"},
      {Qt::Key_B, Qt::NoModifier, C::kJumpToBlocker,
       "Jump to what the selected op waited for (select and frame it)"},
  };
  return keys;
}

std::optional<TimelineCommand> timeline_command(int key, Qt::KeyboardModifiers modifiers) {
  for (const TimelineKey& k : timeline_keys()) {
    if (k.key == key && (modifiers & k.modifiers) == k.modifiers) return k.command;
  }
  return std::nullopt;
}

QString key_text(const TimelineKey& key) {
  return QKeySequence(static_cast<int>(key.modifiers) | key.key).toString(QKeySequence::NativeText);
}

const std::vector<MouseGesture>& timeline_mouse_gestures() {
  static const std::vector<MouseGesture> gestures = {
      {"Ctrl+wheel", "Zoom in or out at the mouse cursor"},
      {"Drag", "Pan in time (and scroll the lanes)"},
      {"Wheel", "Scroll the lanes"},
      {"Horizontal wheel", "Pan in time"},
      {"Shift+drag", "Select a time range: busy per pipe, bubbles, bytes and FLOPs in it"},
      {"Click an op", "Select it and draw its cross-core flags as arrows"},
      {"Double-click an op", "Jump to what it waited for: the op that released it"},
      {"Click a lane label", "Expand or collapse that core or unit"},
      {"Double-click a summary row", "Expand it"},
      {"Hover",
       "The op (or folded block) under the cursor: times, bytes or FLOPs, and what it waited for"},
  };
  return gestures;
}

}  // namespace amla::ui
