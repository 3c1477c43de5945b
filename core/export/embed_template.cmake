# Embeds one text file in C++: cmake -DINPUT=<file> -DOUTPUT=<source.cpp> -DFUNCTION=<name>
#   -P embed_template.cmake
# writes a source defining `std::string_view reglab::templates::<name>()` (templates.h) over
# a char array of the file's bytes, so the text needs no escaping and no runtime file read.
foreach(var INPUT OUTPUT FUNCTION)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "embed_template.cmake: ${var} is not set")
    endif()
endforeach()
file(READ "${INPUT}" hex HEX)
if(hex STREQUAL "")
    message(FATAL_ERROR "embed_template.cmake: ${INPUT} is empty")
endif()
# 16 bytes a line: "0x23, 0x21, ..."
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1, " bytes "${hex}")
set(line "")
foreach(i RANGE 1 16) # CMake's regular expressions have no {16}
    string(APPEND line "0x[0-9a-f][0-9a-f], ")
endforeach()
string(REGEX REPLACE "(${line})" "\\1\n    " bytes "${bytes}")
string(REPLACE ", \n" ",\n" bytes "${bytes}")
string(STRIP "${bytes}" bytes)
string(REGEX REPLACE ",$" "" bytes "${bytes}")
get_filename_component(file_name "${INPUT}" NAME)
set(text "// Generated from ${file_name} by embed_template.cmake. Do not edit.
#include \"core/export/templates.h\"

namespace reglab::templates {

namespace {
const unsigned char kText[] = {
    ${bytes}};
} // namespace

std::string_view ${FUNCTION}() {
    return {reinterpret_cast<const char *>(kText), sizeof kText};
}

} // namespace reglab::templates
")
file(WRITE "${OUTPUT}" "${text}")
