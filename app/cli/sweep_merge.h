#pragma once
// amla-cli sweep merge A.db B.db ... --out ALL.db: every cell of the shard stores into one
// store, in one transaction (all or nothing). --out may already hold cells: the merge adds to
// them. A store that did not exist before and whose merge failed is removed again.
#include <ostream>
#include <string>
#include <vector>

namespace amla::cli {

// Returns the number of cells the merged store holds. Errors name `--out` or the input.
std::size_t merge_sweep_stores(const std::vector<std::string>& inputs, const std::string& out_path,
                               std::ostream& out);

}  // namespace amla::cli
