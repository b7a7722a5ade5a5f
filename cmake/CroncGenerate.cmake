# cronc_generate(<target> [MANIFEST <file>] [STUB <file>])
#
# Runs the cronc analyzer over <target>'s own C++ sources before they compile: the build fails on the line of a
# bad job, and the generated registration stub (the table the runtime runs) is compiled into <target>. The
# manifest defaults to ${CMAKE_CURRENT_BINARY_DIR}/<target>.cron.json. Shipped in the package config, so it works
# the same from cronc's build tree and from an install.
function(cronc_generate target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "MANIFEST;STUB" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "cronc_generate: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "cronc_generate: '${target}' is not a target")
  endif()
  if(NOT arg_MANIFEST)
    set(arg_MANIFEST "${CMAKE_CURRENT_BINARY_DIR}/${target}.cron.json")
  endif()
  if(NOT arg_STUB)
    set(arg_STUB "${CMAKE_CURRENT_BINARY_DIR}/${target}.cron.cpp")
  endif()
  set(depfile "${CMAKE_CURRENT_BINARY_DIR}/${target}.cron.d")

  # cronc reads the compile commands of exactly this target's sources.
  set_property(TARGET ${target} PROPERTY EXPORT_COMPILE_COMMANDS ON)
  get_target_property(source_dir ${target} SOURCE_DIR)
  get_target_property(sources ${target} SOURCES)
  set(units "")
  foreach(source IN LISTS sources)
    if(source MATCHES "\\.(cpp|cc|cxx|c\\+\\+|C)$" AND NOT source MATCHES "\\$<")
      cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY "${source_dir}" NORMALIZE OUTPUT_VARIABLE unit)
      list(APPEND units "${unit}")
    endif()
  endforeach()

  add_custom_command(
    OUTPUT "${arg_STUB}" "${arg_MANIFEST}"
    COMMAND cronc::cronc -p "${CMAKE_BINARY_DIR}" --root "${CMAKE_SOURCE_DIR}"
            --manifest "${arg_MANIFEST}" --stub "${arg_STUB}" --depfile "${depfile}" ${units}
    DEPENDS ${units} cronc::cronc
    DEPFILE "${depfile}"
    COMMENT "Checking the cron jobs of ${target}"
    VERBATIM COMMAND_EXPAND_LISTS)
  # The target's objects wait for the check (an order-only dependency), so a bad job is reported once, by
  # cronc, and not again by the header's compile-time checks; the stub itself is a source like any other.
  add_custom_target(${target}_cronc DEPENDS "${arg_STUB}" "${arg_MANIFEST}")
  add_dependencies(${target} ${target}_cronc)
  target_sources(${target} PRIVATE "${arg_STUB}")
  source_group("Generated Files" FILES "${arg_STUB}")
endfunction()
