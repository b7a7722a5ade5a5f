# cronc_generate(<target> [MANIFEST <file>] [STUB <file>])
#
# Runs the cronc analyzer over <target>'s own C++ sources before they compile: the build fails on the line of a
# bad job, and the generated registration stub (the table the runtime runs) is compiled into <target>. The
# manifest defaults to ${CMAKE_CURRENT_BINARY_DIR}/<target>.cron.json, the stub to <target>.cron.cpp next to it.
# Call it after the target's sources are listed: a source added later is not analysed. Shipped in the package
# config, so it works the same from cronc's build tree and from an install.
function(cronc_generate target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "MANIFEST;STUB" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "cronc_generate: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "cronc_generate: '${target}' is not a target")
  endif()
  if(NOT TARGET cronc::cronc)
    message(FATAL_ERROR "cronc_generate: this cronc package has no analyzer (built with CRONC_BUILD_ANALYZER=OFF)")
  endif()
  if(NOT arg_MANIFEST)
    set(arg_MANIFEST "${CMAKE_CURRENT_BINARY_DIR}/${target}.cron.json")
  endif()
  if(NOT arg_STUB)
    set(arg_STUB "${CMAKE_CURRENT_BINARY_DIR}/${target}.cron.cpp")
  endif()
  cmake_path(ABSOLUTE_PATH arg_MANIFEST BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE)
  cmake_path(ABSOLUTE_PATH arg_STUB BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE)
  set(depfile "${CMAKE_CURRENT_BINARY_DIR}/${target}.cron.d")

  # cronc reads the compile commands of exactly this target's sources.
  set_property(TARGET ${target} PROPERTY EXPORT_COMPILE_COMMANDS ON)
  set(compile_commands "${CMAKE_BINARY_DIR}/compile_commands.json")
  get_target_property(source_dir ${target} SOURCE_DIR)
  get_target_property(sources ${target} SOURCES)
  set(units "")
  foreach(source IN LISTS sources)
    if(source MATCHES "\\.(cpp|cc|cxx|c\\+\\+|C)$" AND NOT source MATCHES "\\$<")
      cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY "${source_dir}" NORMALIZE OUTPUT_VARIABLE unit)
      list(APPEND units "${unit}")
    endif()
  endforeach()
  if(NOT units)
    message(FATAL_ERROR "cronc_generate: '${target}' has no C++ sources yet; call it after they are listed")
  endif()

  # cronc rewrites an output only when its content changed. Ninja re-stats outputs, so an unchanged stub is not
  # recompiled; other generators compare timestamps, so there the outputs are touched to say cronc has run.
  set(touch_outputs "")
  if(NOT CMAKE_GENERATOR MATCHES "Ninja")
    set(touch_outputs COMMAND "${CMAKE_COMMAND}" -E touch_nocreate "${arg_STUB}" "${arg_MANIFEST}")
  endif()

  # compile_commands.json is a dependency because a changed flag (a define, an include path) can change the jobs.
  add_custom_command(
    OUTPUT "${arg_STUB}" "${arg_MANIFEST}"
    COMMAND cronc::cronc -p "${CMAKE_BINARY_DIR}" --root "${CMAKE_SOURCE_DIR}"
            --manifest "${arg_MANIFEST}" --stub "${arg_STUB}" --depfile "${depfile}" ${units}
    ${touch_outputs}
    DEPENDS ${units} cronc::cronc "${compile_commands}"
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
