# amla_check_core_layers(CORE_DIR LAYERS): every #include "core/<folder>/..." in core/<layer>/
# names the layer itself or one of AMLA_CORE_DEPS_<layer>; and each layer depends only on layers
# listed before it in LAYERS, so the folder graph is a DAG in that order. Also usable in script
# mode (cmake -P) by tests, with CORE_DIR set: then the graph is read from core/CMakeLists.txt.
function(amla_check_core_layers core_dir layers)
  set(seen "")
  foreach(layer IN LISTS layers)
    foreach(dep IN LISTS AMLA_CORE_DEPS_${layer})
      if(NOT dep IN_LIST seen)
        message(FATAL_ERROR "core layers: ${layer} depends on ${dep}, which is not below it "
                            "in the layer order (${layers})")
      endif()
    endforeach()
    file(GLOB files ${core_dir}/${layer}/*.h ${core_dir}/${layer}/*.cpp)
    foreach(file IN LISTS files)
      file(STRINGS ${file} includes REGEX "^#include \"core/[a-z_]+/")
      foreach(line IN LISTS includes)
        string(REGEX REPLACE "^#include \"core/([a-z_]+)/.*" "\\1" used "${line}")
        if(NOT used STREQUAL layer AND NOT used IN_LIST AMLA_CORE_DEPS_${layer})
          file(RELATIVE_PATH rel ${core_dir}/.. ${file})
          message(FATAL_ERROR "core layers: ${rel} includes core/${used}/, but ${layer} may "
                              "only use: ${AMLA_CORE_DEPS_${layer}}")
        endif()
      endforeach()
    endforeach()
    list(APPEND seen ${layer})
  endforeach()
endfunction()
