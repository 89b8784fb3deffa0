#pragma once
// The timeline's keys and mouse gestures in one table: the widget dispatches its key presses
// through it and Help > Keyboard shortcuts lists it, so the two cannot disagree.
#include <QString>
#include <Qt>
#include <optional>
#include <vector>

namespace amla::ui {

enum class TimelineCommand {
  kZoomIn,
  kZoomOut,
  kPanLeft,
  kPanRight,
  kFrame,
  kShowAll,
  kBack,
  kForward,
  kClear,
  kToggleCriticalPath,
  kJumpToBlocker
};

struct TimelineKey {
  Qt::Key key;
  Qt::KeyboardModifiers modifiers;  // that must be held; others are ignored
  TimelineCommand command;
  const char* what;
};

const std::vector<TimelineKey>& timeline_keys();
// The command a key press means to the timeline, if any.
std::optional<TimelineCommand> timeline_command(int key, Qt::KeyboardModifiers modifiers);
// "Alt+Left", as the platform spells it.
QString key_text(const TimelineKey& key);

struct MouseGesture {
  const char* gesture;
  const char* what;
};
const std::vector<MouseGesture>& timeline_mouse_gestures();

}  // namespace amla::ui
