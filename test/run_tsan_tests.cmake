# The runtime tests under ThreadSanitizer, as one CTest entry (label `tsan`): configures a separate build of the
# runtime and its tests only in BINARY_DIR (inside the main build tree) with -fsanitize=thread, builds it, and runs
# cronc_runtime_tests with TSAN_OPTIONS=halt_on_error=1, so the first race fails the test. ccache makes reruns
# cheap.
#
#   cmake -DSOURCE_DIR=... -DBINARY_DIR=... -DCXX_COMPILER=... -DC_COMPILER=... -P run_tsan_tests.cmake
foreach(variable SOURCE_DIR BINARY_DIR CXX_COMPILER C_COMPILER)
  if(NOT ${variable})
    message(FATAL_ERROR "run_tsan_tests.cmake: -D${variable}=... is required")
  endif()
endforeach()

function(run description)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "run_tsan_tests.cmake: ${description} failed (${status})")
  endif()
endfunction()

set(flags "-fsanitize=thread -O1 -g")
run("configuring the ThreadSanitizer build"
  "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${BINARY_DIR}" -G Ninja
  -DCMAKE_BUILD_TYPE=
  "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_C_COMPILER=${C_COMPILER}"
  "-DCMAKE_CXX_FLAGS=${flags}" "-DCMAKE_C_FLAGS=${flags}"
  -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread
  -DCRONC_BUILD_TESTS=ON -DCRONC_TSAN_TEST=OFF
  -DCRONC_BUILD_ANALYZER=OFF -DCRONC_DASHBOARD=OFF -DCRONC_POSTGRES=OFF -DCRONC_BUILD_SAMPLES=OFF
  -DCRONC_BUILD_BENCH=OFF)
run("building cronc_runtime_tests with -fsanitize=thread"
  "${CMAKE_COMMAND}" --build "${BINARY_DIR}" --target cronc_runtime_tests)
# GCC 12's ThreadSanitizer cannot map its shadow memory under the larger address-space randomisation of newer
# kernels (vm.mmap_rnd_bits above 28) and stops at once; then the tests run again with randomisation off.
set(tests "${CMAKE_COMMAND}" -E env "TSAN_OPTIONS=halt_on_error=1 second_deadlock_stack=1"
          "${BINARY_DIR}/test/cronc_runtime_tests" --gtest_brief=1)
execute_process(COMMAND ${tests} RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
message("${output}")
if(NOT status EQUAL 0 AND output MATCHES "unexpected memory mapping")
  find_program(SETARCH setarch REQUIRED)
  cmake_host_system_information(RESULT machine QUERY OS_PLATFORM)
  message("ThreadSanitizer could not start; running the tests again without address-space randomisation")
  run("cronc_runtime_tests under ThreadSanitizer" "${SETARCH}" "${machine}" -R ${tests})
elseif(NOT status EQUAL 0)
  message(FATAL_ERROR "run_tsan_tests.cmake: cronc_runtime_tests under ThreadSanitizer failed (${status})")
endif()
