# Embeds one file's bytes in a C++ source:
#   cmake -DINPUT=<file> -DTEMPLATE=<source.cpp.in> -DOUTPUT=<source.cpp> [-DNAME=<name>]
#     -P embed_file.cmake
# configures TEMPLATE into OUTPUT with these holes filled:
#   @EMBEDDED_BYTES@   the bytes as adjacent string literals of 64 bytes each ("\x1f\x8b..."),
#                      one a line; they initialize a char array (the compiler adds a zero)
#   @EMBEDDED_SIZE@    the number of bytes
#   @EMBEDDED_NAME@    NAME, e.g. the variable or function the template defines
#   @EMBEDDED_SOURCE@  INPUT's file name
# String literals compile several times faster than a brace list of numbers. OUTPUT is only
# rewritten when its text changes.
foreach(var INPUT TEMPLATE OUTPUT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "embed_file.cmake: ${var} is not set")
    endif()
endforeach()
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
if(hex_length EQUAL 0)
    message(FATAL_ERROR "embed_file.cmake: ${INPUT} is empty")
endif()
math(EXPR EMBEDDED_SIZE "${hex_length} / 2")
# Close a literal after every 64 bytes (128 hex digits), then escape each byte as \xNN: every
# escape ends where the next backslash or quote begins, so no digit is ever swallowed.
string(REPEAT "." 128 line)
string(REGEX REPLACE "(${line})" "\\1\"\n    \"" hex "${hex}")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" bytes "${hex}")
set(EMBEDDED_BYTES "\"${bytes}\"")
string(REPLACE "\n    \"\"" "" EMBEDDED_BYTES "${EMBEDDED_BYTES}") # no empty last literal
set(EMBEDDED_NAME "${NAME}")
get_filename_component(EMBEDDED_SOURCE "${INPUT}" NAME)
configure_file("${TEMPLATE}" "${OUTPUT}" @ONLY)
