#pragma once
// Reads a profile of one of the formats Ascend's profilers write, detected by content or named,
// into a ProfileTrace. Files are read in bounded chunks (JSON is streamed, never held whole);
// anything malformed throws InputError naming the file, the line or byte offset and the field.
#include <optional>
#include <string>
#include <string_view>

#include "core/profile/byte_source.h"
#include "core/profile/profile_trace.h"

namespace amla {

struct ProfileReadOptions {
  // Converts the profile's microseconds to cycles (910B1 1850, B2/B3 1800, B4 1650 MHz); an
  // OpBasicInfo.csv's "Current Freq" overrides it.
  double clock_mhz = 1800;
  std::optional<ProfileFormat> format;  // nullopt: detect from the content
  // A per-core trace does not say which core it is: taken from its folder name
  // ("core3.veccore1") when there is one, else from these (default core 0, the unit its pipes
  // imply).
  std::optional<int> core;
  std::optional<Unit> unit;
};

// "simulator-trace" etc. -> format, or InputError(field, name, "one of ...").
ProfileFormat parse_profile_format(const std::string& field, const std::string& name);

// What the first bytes of a file look like, or nullopt when no format matches.
std::optional<ProfileFormat> detect_profile_format(std::string_view head);

ProfileTrace read_profile_file(const std::string& path, const ProfileReadOptions& options = {});
// The same from bytes in memory; `source_name` stands for the file in messages.
ProfileTrace read_profile_bytes(std::string_view bytes, const std::string& source_name,
                                const ProfileReadOptions& options = {});

// The readers behind read_profile_*, one per format family.
void read_simulator_trace(ByteSource& bytes, const std::string& source_name, bool per_core,
                          const ProfileReadOptions& options, ProfileTrace& out);
void read_msprof_json(ByteSource& bytes, const std::string& source_name,
                      const ProfileReadOptions& options, ProfileTrace& out);
void read_pipe_utilization_csv(std::string_view text, const std::string& source_name,
                               const ProfileReadOptions& options, ProfileTrace& out);
void read_op_basic_info_csv(std::string_view text, const std::string& source_name,
                            const ProfileReadOptions& options, ProfileTrace& out);

}  // namespace amla
