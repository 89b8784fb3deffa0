#pragma once
// The identity of one simulated cell: its full configuration (every hardware parameter, every
// kernel parameter of the schema, the per-request lengths) and the model's revision
// (core/run/model_revision.h) as canonical text, and a stable hash
// of that text. The text is compact JSON with sorted keys and the schema's ids, so the same
// configuration gives the same bytes on every machine and in every version that keeps the
// schema; the hash is 64-bit FNV-1a of those bytes, written as 16 hex digits. The store keeps
// the text beside the hash, so a collision is detected instead of silently answering with
// another cell's metrics.
#include <cstdint>
#include <string>

#include "core/kernel/config_json.h"

namespace amla {

// {"hardware":{"clock_ghz":1.6,...},"kernel":{"problem.batch":128,...},"kv_lens":[...],
//  "model":2}
// ("kv_lens" only when the run has per-request lengths). The hardware's name and description
// are left out: two presets with the same parameters are the same machine.
std::string canonical_config_text(const RunConfig& config);
// The key an earlier model's revision gave the same configuration (revision 1 named no model).
std::string canonical_config_text(const RunConfig& config, int model_revision);

// Whether a canonical text (as canonical_config_text writes it, whose last key is "model") names
// this model's revision; false for an earlier model's key or a text of another kind.
bool names_this_model(const std::string& canonical_text);

// 64-bit FNV-1a of `text`.
std::uint64_t fnv1a_64(const std::string& text);

// fnv1a_64(canonical_config_text(config)) as 16 lower-case hex digits.
std::string config_hash(const std::string& canonical_text);

}  // namespace amla
