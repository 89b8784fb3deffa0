#include "core/common/version.h"

namespace amla {

const char* version_string() { return AMLA_VERSION; }

}  // namespace amla
