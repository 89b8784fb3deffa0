#pragma once
// Naming the nearest real command or flag for a mistyped one, safely for hostile input.
#include <string>
#include <vector>

namespace amla::cli {

// amla::unknown_key_limit for a word of sane length: "did you mean --kv-len?" or "expected one
// of ...". A longer word (only hostile input has one, and the edit distance is quadratic) is not
// compared: it gets the list.
std::string nearest_name_limit(const std::string& word, const std::vector<std::string>& names);
bool suggests_a_name(const std::string& limit);  // "did you mean ...?"
// The word as an error message echoes it: at most 40 characters, then "...".
std::string shown_word(const std::string& word);

}  // namespace amla::cli
