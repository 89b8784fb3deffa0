#pragma once
// The op catalogue: words for everything the timeline and the Numerics page show by a code name.
// Every op kind (core/ops/pipes.h), every flag route the kernel's program layout names
// (program_layout.cpp) and every class of AMLA's integer add (core/numerics/float_bits.h) has a
// display name, a one-line meaning (hover) and a longer explanation (a click away). Tooltips,
// the "What's this?" popups and the pseudo-code panel read this list and nothing else; metrics
// have their own catalogue (core/run/metric_catalogue.h).
#include <string>
#include <vector>

#include "core/numerics/float_bits.h"
#include "core/ops/pipes.h"

namespace amla {

struct CatalogueEntry {
  std::string key;          // the code name: "AtomicAddN", "C1->V1", "zero_garbage"
  std::string name;         // what a person calls it: "INT32 atomic add of N"
  std::string meaning;      // one line, for hover
  std::string explanation;  // a paragraph, a click away
};

// The entry of an op kind, or nullptr when the catalogue lacks one (a test forbids that).
const CatalogueEntry* find_op_kind_entry(OpKind kind);
// The same, never null: a missing entry reads as the bare code name.
const CatalogueEntry& op_kind_entry(OpKind kind);

// Flag routes as program_layout names them. Routes inside one Vector core carry the core's name
// ("AIV0 MTE2->VECTOR"); both AIVs share one entry, keyed "AIV MTE2->VECTOR".
const std::vector<CatalogueEntry>& flag_route_entries();
const CatalogueEntry* find_flag_route_entry(const std::string& route);

// The classes of the integer add (exact and compensated too, so every class reads in words).
const CatalogueEntry* find_rescale_class_entry(RescaleClass c);
const CatalogueEntry& rescale_class_entry(RescaleClass c);

}  // namespace amla
