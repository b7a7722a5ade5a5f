# Writes a text file into a C++ header as a raw string literal, so the dashboard page is edited as HTML and
# shipped inside the library (no files to install, nothing fetched at run time).
#   cmake -DINPUT=page.html -DOUTPUT=page_html.hpp -DNAME=kPageHtml -P embed_text.cmake
foreach(variable INPUT OUTPUT NAME)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "embed_text.cmake: -D${variable}= is required")
  endif()
endforeach()

file(READ "${INPUT}" text)
set(delimiter "cronc_embed")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains ')${delimiter}\"', which would end the raw string literal")
endif()

get_filename_component(source_name "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${source_name} by embed_text.cmake: edit that file.\n"
  "#pragma once\n\n#include <string_view>\n\nnamespace cron::dashboard {\n\n"
  "inline constexpr std::string_view ${NAME} = R\"${delimiter}(${text})${delimiter}\";\n\n"
  "}  // namespace cron::dashboard\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
