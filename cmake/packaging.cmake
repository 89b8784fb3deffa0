# Install rules (FHS under CMAKE_INSTALL_PREFIX) and the Debian package (CPack DEB).
#   cmake --install build --prefix /usr/local
#   cmake --build --preset default --target package   -> build/amla-studio_<version>_amd64.deb
# The version is PROJECT_VERSION, from project() in the top CMakeLists.txt.
include(GNUInstallDirs)

install(TARGETS amla-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/presets/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/amla-studio/presets FILES_MATCHING PATTERN "*.json")

if(AMLA_BUILD_GUI)
  install(TARGETS amla-studio RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES ${PROJECT_SOURCE_DIR}/resources/amla-studio.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)

  # The icon: the SVG as scalable, and PNGs rendered from it at build time in the usual sizes.
  set(AMLA_ICON_SVG ${PROJECT_SOURCE_DIR}/resources/icons/amla-studio.svg)
  set(AMLA_ICON_SIZES 16 22 24 32 48 64 128 256)
  set(AMLA_ICON_DIR ${CMAKE_BINARY_DIR}/icons/hicolor)
  add_executable(amla_render_icon ${PROJECT_SOURCE_DIR}/resources/icons/render_icon.cpp)
  target_link_libraries(amla_render_icon PRIVATE Qt5::Gui Qt5::Svg)
  # A build tool, not a program for users: keep it out of bin/.
  set_target_properties(amla_render_icon PROPERTIES RUNTIME_OUTPUT_DIRECTORY
                                                    ${CMAKE_BINARY_DIR}/tools)
  set(AMLA_ICON_PNGS "")
  foreach(size IN LISTS AMLA_ICON_SIZES)
    set(png ${AMLA_ICON_DIR}/${size}x${size}/apps/amla-studio.png)
    list(APPEND AMLA_ICON_PNGS ${png})
    install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
  endforeach()
  add_custom_command(
    OUTPUT ${AMLA_ICON_PNGS}
    COMMAND amla_render_icon ${AMLA_ICON_SVG} ${AMLA_ICON_DIR} ${AMLA_ICON_SIZES}
    DEPENDS amla_render_icon ${AMLA_ICON_SVG}
    COMMENT "Rendering the icon to PNG")
  add_custom_target(amla_icons ALL DEPENDS ${AMLA_ICON_PNGS})
  install(FILES ${AMLA_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()

# The man page, if the build wrote one (build/man/amla-cli.1): gzipped as Debian wants it.
# Decided at install time, so a page generated after configuring is installed too; not with
# install(FILES ... OPTIONAL), which leaves an empty man1/ behind when there is no page.
set(AMLA_MAN_PAGE ${CMAKE_BINARY_DIR}/man/amla-cli.1)
install(CODE "
  if(EXISTS \"${AMLA_MAN_PAGE}\")
    execute_process(COMMAND gzip -9nc \"${AMLA_MAN_PAGE}\" OUTPUT_FILE \"${AMLA_MAN_PAGE}.gz\"
                    COMMAND_ERROR_IS_FATAL ANY)
    file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_MANDIR}/man1\"
         TYPE FILE FILES \"${AMLA_MAN_PAGE}.gz\")
  endif()")

# The Debian package. Depends comes from the linked shared libraries (dpkg-shlibdeps).
# The tools building and checking it need, found here so they are in the cache, where the
# install closure test (tests/install) sees which Debian packages provide them.
find_program(AMLA_DPKG_SHLIBDEPS dpkg-shlibdeps)
find_program(AMLA_DPKG_DEB dpkg-deb)
find_program(AMLA_FILE file)  # CPack's DEB generator finds the ELF files with it
find_program(AMLA_DESKTOP_FILE_VALIDATE desktop-file-validate)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME amla-studio)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "AMLA Studio")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "AMLA attention kernel explorer: MUL-by-ADD rescaling on a simulated Ascend 910")
set(CPACK_PACKAGE_DESCRIPTION
    "AMLA Studio shows, bit by bit, how the AMLA kernel rescales FlashAttention's FP32 output by
an integer add on the exponent field, where that is exact and where it breaks, and runs the
kernel on a simulated Ascend 910 with a timeline, buffer occupancy and a roofline. It ships
the desktop application (amla-studio) and its command-line twin (amla-cli).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
if(NOT CPACK_DEBIAN_PACKAGE_MAINTAINER)
  set(CPACK_DEBIAN_PACKAGE_MAINTAINER "AMLA Studio developers <amla-studio@example.org>")
endif()
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # amla-studio_<version>_amd64.deb
include(CPack)
