# cronc_generate(<executable> [MANIFEST <file>] [STUB <file>])
#
# Runs the cronc analyzer over the whole program before it compiles: the C++ sources of <executable> and of every
# static, object and shared library of this project that it links, directly or through other libraries. The build
# fails on the line of a bad job anywhere in the program (a duplicate ID across libraries too), and the generated
# registration stub (the table the runtime runs) is compiled into <executable>, so a library linked into two
# executables registers its jobs in both. The manifest defaults to ${CMAKE_CURRENT_BINARY_DIR}/<executable>.cron.json,
# the stub to <executable>.cron.cpp next to it. Call it on executables only: on a library it is a configure error.
# Shipped in the package config, so it works the same from cronc's build tree and from an install.
# See docs/design.md ("CMake") for what it covers and what it cannot see.
function(cronc_generate target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "MANIFEST;STUB" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "cronc_generate: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "cronc_generate: '${target}' is not a target")
  endif()
  get_target_property(aliased ${target} ALIASED_TARGET)
  if(aliased)
    set(target ${aliased})
  endif()
  get_target_property(type ${target} TYPE)
  get_target_property(imported ${target} IMPORTED)
  if(NOT type STREQUAL "EXECUTABLE" OR imported)
    message(FATAL_ERROR "cronc_generate: '${target}' is not an executable of this project (it is a ${type}). "
            "Call cronc_generate() on each executable that links it: it analyzes the libraries the executable "
            "links and registers their jobs there.")
  endif()
  if(NOT TARGET cronc::cronc)
    message(FATAL_ERROR "cronc_generate: this cronc package has no analyzer (built with CRONC_BUILD_ANALYZER=OFF)")
  endif()
  get_property(generated_before GLOBAL PROPERTY CRONC_GENERATED_TARGETS)
  if(target IN_LIST generated_before)
    message(FATAL_ERROR "cronc_generate: called twice on '${target}'")
  endif()
  set_property(GLOBAL APPEND PROPERTY CRONC_GENERATED_TARGETS ${target})
  if(NOT arg_MANIFEST)
    set(arg_MANIFEST "${CMAKE_CURRENT_BINARY_DIR}/${target}.cron.json")
  endif()
  if(NOT arg_STUB)
    set(arg_STUB "${CMAKE_CURRENT_BINARY_DIR}/${target}.cron.cpp")
  endif()
  cmake_path(ABSOLUTE_PATH arg_MANIFEST BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE)
  cmake_path(ABSOLUTE_PATH arg_STUB BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE)
  set(depfile "${CMAKE_CURRENT_BINARY_DIR}/${target}.cron.d")
  # The translation units to analyze, one per line: a response file (`@FILE`, which cronc's command line expands)
  # written at the end of the configure step, when every library the program links is defined.
  set(units_file "${CMAKE_CURRENT_BINARY_DIR}/${target}.cron.rsp")
  set(compile_commands "${CMAKE_BINARY_DIR}/compile_commands.json")

  # cronc rewrites an output only when its content changed. Ninja re-stats outputs, so an unchanged stub is not
  # recompiled; other generators compare timestamps, so there the outputs are touched to say cronc has run.
  set(touch_outputs "")
  if(NOT CMAKE_GENERATOR MATCHES "Ninja")
    set(touch_outputs COMMAND "${CMAKE_COMMAND}" -E touch_nocreate "${arg_STUB}" "${arg_MANIFEST}")
  endif()

  # The depfile lists every file the analysis read, the units themselves included, so editing a job (or a header
  # it includes) in any library of the program reruns it. The response file changes when the set of units does,
  # and compile_commands.json when a flag (a define, an include path) that can change the jobs does.
  add_custom_command(
    OUTPUT "${arg_STUB}" "${arg_MANIFEST}"
    COMMAND cronc::cronc -p "${CMAKE_BINARY_DIR}" --root "${CMAKE_SOURCE_DIR}"
            --manifest "${arg_MANIFEST}" --stub "${arg_STUB}" --depfile "${depfile}" "@${units_file}"
    ${touch_outputs}
    DEPENDS "${units_file}" cronc::cronc "${compile_commands}"
    DEPFILE "${depfile}"
    COMMENT "Checking the cron jobs of ${target}"
    VERBATIM COMMAND_EXPAND_LISTS)
  # The program's objects wait for the check (an order-only dependency; the libraries' objects are made to wait
  # too once they are known), so a bad job is reported once, by cronc, and not again by the header's compile-time
  # checks; the stub itself is a source like any other.
  add_custom_target(${target}_cronc DEPENDS "${arg_STUB}" "${arg_MANIFEST}")
  add_dependencies(${target} ${target}_cronc)
  target_sources(${target} PRIVATE "${arg_STUB}")
  source_group("Generated Files" FILES "${arg_STUB}")
  # A deferred call expands its arguments when it runs, in the top-level folder: EVAL puts in the values of now.
  cmake_language(EVAL CODE "cmake_language(DEFER DIRECTORY [[${CMAKE_SOURCE_DIR}]]
                 CALL _cronc_generate_write_units [[${target}]] [[${units_file}]] [[${arg_STUB}]])")
endfunction()

# The values of <properties> of <target>, one list; unset properties add nothing.
function(_cronc_target_values target out_var)
  set(values "")
  foreach(property IN LISTS ARGN)
    get_target_property(value ${target} ${property})
    if(value)
      list(APPEND values ${value})
    endif()
  endforeach()
  set(${out_var} ${values} PARENT_SCOPE)
endfunction()

# The targets of this project in <target>'s link closure whose sources are compiled into the program: itself, and
# the static, object, shared and interface libraries reached through LINK_LIBRARIES and INTERFACE_LINK_LIBRARIES,
# transitively. Imported targets (other projects' libraries, whose sources cronc cannot see), cronc's own
# libraries (they declare no jobs) and generator expressions other than $<LINK_ONLY:> and $<BUILD_INTERFACE:> are
# left out.
function(_cronc_link_closure target out_var)
  set(closure "")
  set(queue ${target})
  while(queue)
    list(POP_FRONT queue current)
    if(current IN_LIST closure)
      continue()
    endif()
    list(APPEND closure ${current})
    # SOURCES too, for the $<TARGET_OBJECTS:lib> of an object library.
    _cronc_target_values(${current} links LINK_LIBRARIES INTERFACE_LINK_LIBRARIES SOURCES)
    foreach(item IN LISTS links)
      # target_link_libraries() from another folder wraps its items in ::@(folder) markers.
      if(item MATCHES "^::@")
        continue()
      endif()
      if(item MATCHES "^\\$<(LINK_ONLY|BUILD_INTERFACE|TARGET_OBJECTS):([^$<>]+)>$")
        set(item "${CMAKE_MATCH_2}")
      elseif(item MATCHES "\\$<")
        continue()
      endif()
      # cronc's own libraries (cronc::runtime, cronc::schedule, ...) are aliases in its build tree.
      if(NOT TARGET "${item}" OR item MATCHES "^cronc::")
        continue()
      endif()
      get_target_property(aliased "${item}" ALIASED_TARGET)
      if(aliased)
        set(item ${aliased})
      endif()
      get_target_property(imported "${item}" IMPORTED)
      get_target_property(type "${item}" TYPE)
      if(imported OR NOT type MATCHES "^(STATIC_LIBRARY|SHARED_LIBRARY|OBJECT_LIBRARY|INTERFACE_LIBRARY)$")
        continue()
      endif()
      list(APPEND queue ${item})
    endforeach()
  endwhile()
  set(${out_var} ${closure} PARENT_SCOPE)
endfunction()

# Deferred to the end of the top-level CMakeLists.txt by cronc_generate(): collects the C++ sources of <target>'s
# link closure into the response file cronc reads (rewritten only when it changes, so an unchanged configure does
# not rerun cronc), asks for their compile commands, and makes the libraries' objects wait for the check.
function(_cronc_generate_write_units target units_file stub)
  _cronc_link_closure(${target} closure)
  set(units "")
  foreach(member IN LISTS closure)
    # An interface library compiles nothing itself: its INTERFACE_SOURCES compile in the targets that link it.
    get_target_property(type ${member} TYPE)
    if(NOT type STREQUAL "INTERFACE_LIBRARY")
      set_property(TARGET ${member} PROPERTY EXPORT_COMPILE_COMMANDS ON)
      if(NOT member STREQUAL target)
        add_dependencies(${member} ${target}_cronc)
      endif()
    endif()
    get_target_property(source_dir ${member} SOURCE_DIR)
    _cronc_target_values(${member} sources SOURCES INTERFACE_SOURCES)
    foreach(source IN LISTS sources)
      if(source MATCHES "\\.(cpp|cc|cxx|c\\+\\+|C)$" AND NOT source MATCHES "\\$<")
        cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY "${source_dir}" NORMALIZE OUTPUT_VARIABLE unit)
        if(NOT unit STREQUAL stub AND NOT unit IN_LIST units)
          list(APPEND units "${unit}")
        endif()
      endif()
    endforeach()
  endforeach()
  if(NOT units)
    message(FATAL_ERROR "cronc_generate: '${target}' and the libraries it links have no C++ sources")
  endif()
  list(SORT units)
  set(content "")
  foreach(unit IN LISTS units)
    string(REPLACE "\\" "\\\\" unit "${unit}")
    string(REPLACE "\"" "\\\"" unit "${unit}")
    string(APPEND content "\"${unit}\"\n")
  endforeach()
  set(previous "")
  if(EXISTS "${units_file}")
    file(READ "${units_file}" previous)
  endif()
  if(NOT previous STREQUAL content)
    file(WRITE "${units_file}" "${content}")
  endif()
endfunction()
