#pragma once
// A whole simulation run as JSON: the machine (a preset, explicit parameters, or a preset plus
// overrides), the attention problem, the kernel tiling and the variant. Reading is strict:
// unknown keys and wrong types are InputErrors naming the full key path ("tiling.qp_bufers");
// every value is checked against its range in the parameter schema (kernel_params.h); the
// cross-field rules (tiles fit their buffers) are the kernel plan's, checked before a run.
//
//   {"preset": "910C-package", "hardware": {"clock_ghz": 1.6},
//    "problem": {"batch": 128, "q_tokens": 2, "heads": 128, "kv_len": 16384, ...},
//    "tiling": {"rows_per_task": 256, "kv_block": 512, ..., "kv_split": "auto"},
//    "variant": "amla"}
#include <nlohmann/json.hpp>
#include <string>

#include "core/hw/hardware_model.h"
#include "core/kernel/kernel_config.h"

namespace amla {

struct RunConfig {
  HardwareModel hardware;
  KernelConfig kernel;
};

// Missing sections and keys keep the defaults (HardwareModel{}, KernelConfig{}).
RunConfig run_config_from_json(const nlohmann::json& j);
// Writes every field, with the hardware in full (no "preset"), so it reads back equal.
nlohmann::json run_config_to_json(const RunConfig& config);

// Errors about the file name "--config"; errors inside it name "--config <key path>".
RunConfig load_run_config_file(const std::string& path);
// Writes run_config_to_json(config) atomically.
void save_run_config_file(const std::string& field, const std::string& path,
                          const RunConfig& config);

// "amla" | "baseline" and "none" | "auto" | "fixed" | "balanced" (the names variant_name /
// kv_split_name print); anything else throws InputError(field, text, "one of ...").
KernelVariant parse_variant(const std::string& field, const std::string& text);
KvSplitPolicy parse_kv_split(const std::string& field, const std::string& text);

}  // namespace amla
