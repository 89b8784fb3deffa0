#pragma once
// JSON input helpers shared by every reader of outside JSON (configurations, hardware files,
// sessions): bounded file reads, nesting limits, error paths and "did you mean" for unknown keys.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace amla {

// Shared by every JSON input file: reads `path` and parses it, refusing files over 16 MB and
// nesting deeper than kMaxJsonDepth before the parser sees them (so a hostile file cannot
// exhaust the stack). Errors are InputError(field, path, reason).
inline constexpr int kMaxJsonDepth = 64;
nlohmann::json read_json_file(const std::string& field, const std::string& path);
// The same checks on text already in memory; `what` names the text in errors.
nlohmann::json parse_json_text(const std::string& field, const std::string& what,
                               const std::string& text);

// The limit text for an unknown key: "did you mean X?" when a known key is one or two edits
// away, else the list of known keys.
std::string unknown_key_limit(const std::string& key, const std::vector<std::string>& known);

// "hardware" + "clock_ghz" -> "hardware.clock_ghz"; a bare flag is joined with a space
// ("--config" + "tiling" -> "--config tiling", then "--config tiling.kv_block").
std::string json_key_path(const std::string& field, const std::string& key);

// A value for an error message: the JSON text, cut to one short line.
std::string short_dump(const nlohmann::json& j);

}  // namespace amla
