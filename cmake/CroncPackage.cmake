# Installs cronc as a CMake package (find_package(cronc CONFIG)) and exports the same package from the build tree,
# so samples and tests can use cronc_generate() against either.
include(CMakePackageConfigHelpers)

set(cronc_config_dir "${CMAKE_INSTALL_LIBDIR}/cmake/cronc")
configure_package_config_file(cmake/croncConfig.cmake.in "${PROJECT_BINARY_DIR}/croncConfig.cmake"
                              INSTALL_DESTINATION "${cronc_config_dir}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/croncConfigVersion.cmake" COMPATIBILITY SameMinorVersion)
install(EXPORT croncTargets NAMESPACE cronc:: DESTINATION "${cronc_config_dir}")
install(FILES "${PROJECT_BINARY_DIR}/croncConfig.cmake" "${PROJECT_BINARY_DIR}/croncConfigVersion.cmake"
              cmake/CroncGenerate.cmake DESTINATION "${cronc_config_dir}")
install(FILES schema/manifest.schema.json DESTINATION "${CMAKE_INSTALL_DATADIR}/cronc")

# The build tree as a package: -Dcronc_DIR=<cronc build folder>.
export(EXPORT croncTargets NAMESPACE cronc:: FILE "${PROJECT_BINARY_DIR}/croncTargets.cmake")
configure_file(cmake/CroncGenerate.cmake "${PROJECT_BINARY_DIR}/CroncGenerate.cmake" COPYONLY)
