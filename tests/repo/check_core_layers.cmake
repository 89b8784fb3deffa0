cmake_minimum_required(VERSION 3.25)
# cmake -DSOURCE_DIR=<repo> -P check_core_layers.cmake
get_filename_component(SOURCE_DIR "${SOURCE_DIR}" ABSOLUTE)
# The folder graph of core, read from core/CMakeLists.txt (the one place it is declared), is a
# DAG in the layer order the README states, and every include in core respects it.
file(READ ${SOURCE_DIR}/core/CMakeLists.txt cmake_text)
string(REGEX MATCH "set\\(AMLA_CORE_LAYERS ([a-z_ ]+)\\)" _ "${cmake_text}")
string(REPLACE " " ";" layers "${CMAKE_MATCH_1}")
foreach(layer IN LISTS layers)
  string(REGEX MATCH "set\\(AMLA_CORE_DEPS_${layer} ([a-z_ \"]*)\\)" _ "${cmake_text}")
  string(REPLACE "\"" "" deps "${CMAKE_MATCH_1}")
  string(REPLACE " " ";" AMLA_CORE_DEPS_${layer} "${deps}")
endforeach()
include(${SOURCE_DIR}/cmake/check_core_layers.cmake)
amla_check_core_layers(${SOURCE_DIR}/core "${layers}")

# The README's layer line: "Layers (each may use only those before it): common -> numerics ...".
file(READ ${SOURCE_DIR}/README.md readme)
string(REGEX MATCH "Core layers[^:]*: ([a-z_ >-]+)" _ "${readme}")
string(REPLACE " -> " ";" readme_layers "${CMAKE_MATCH_1}")
string(STRIP "${readme_layers}" readme_layers)
if(NOT readme_layers STREQUAL layers)
  message(FATAL_ERROR "README's core layer order (${readme_layers}) differs from "
                      "core/CMakeLists.txt (${layers})")
endif()
list(LENGTH layers count)
message(STATUS "core: ${count} layers, a DAG in the README's order, every include within them")
