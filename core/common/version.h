#pragma once
// The program's version: CMake's project(VERSION), the one place it is written. Every front end
// (--version, the About box, the package) reads it from here or from PROJECT_VERSION.
namespace amla {

const char* version_string();  // "0.1.0"

}  // namespace amla
