# Installs cronc as a CMake package (find_package(cronc CONFIG)) and exports the same package from the build tree,
# so samples and tests can use cronc_generate() against either.
include(CMakePackageConfigHelpers)

set(cronc_config_dir "${CMAKE_INSTALL_LIBDIR}/cmake/cronc")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/croncConfigVersion.cmake" COMPATIBILITY SameMinorVersion)

# The installed package: every path relative to the prefix, so the prefix can move.
set(CRONC_SCHEMA_DIR "${CMAKE_INSTALL_DATADIR}/cronc")
set(CRONC_PACKAGE_IN_BUILD_TREE OFF)
configure_package_config_file(cmake/croncConfig.cmake.in "${PROJECT_BINARY_DIR}/install/croncConfig.cmake"
                              INSTALL_DESTINATION "${cronc_config_dir}" PATH_VARS CRONC_SCHEMA_DIR)
install(EXPORT croncTargets NAMESPACE cronc:: DESTINATION "${cronc_config_dir}")
install(FILES "${PROJECT_BINARY_DIR}/install/croncConfig.cmake" "${PROJECT_BINARY_DIR}/croncConfigVersion.cmake"
              cmake/CroncGenerate.cmake DESTINATION "${cronc_config_dir}")
install(FILES schema/manifest.schema.json DESTINATION "${CRONC_SCHEMA_DIR}")
# Alerting rules for the dashboard's metrics (docs/dashboard.md), for prometheus.yml's rule_files.
install(FILES docs/prometheus/cronjob.rules.yml DESTINATION "${CMAKE_INSTALL_DATADIR}/cronc/prometheus")

# The build tree as a package: -Dcronc_DIR=<cronc build folder>. Its targets point into the build tree, its
# schema into the source tree.
set(CRONC_SCHEMA_DIR "${PROJECT_SOURCE_DIR}/schema")
set(CRONC_PACKAGE_IN_BUILD_TREE ON)
configure_package_config_file(cmake/croncConfig.cmake.in "${PROJECT_BINARY_DIR}/croncConfig.cmake"
                              INSTALL_DESTINATION "${PROJECT_BINARY_DIR}" INSTALL_PREFIX "${PROJECT_BINARY_DIR}"
                              PATH_VARS CRONC_SCHEMA_DIR)
export(EXPORT croncTargets NAMESPACE cronc:: FILE "${PROJECT_BINARY_DIR}/croncTargets.cmake")
configure_file(cmake/CroncGenerate.cmake "${PROJECT_BINARY_DIR}/CroncGenerate.cmake" COPYONLY)
