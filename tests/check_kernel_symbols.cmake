# Checks the fast path's kernel variants (core/nn/kernels.h): every global or weak symbol an
# object of variant V defines must name V (its namespace reglab::kernels::V or the renamed
# Eigen namespace reglab_eigen_V). A symbol without it (an inline function or template from a
# header shared with the rest of the build) could be merged at link time with the copy
# compiled for another instruction set, and run where that set is missing.
# -DNM=nm -DVARIANTS=baseline;avx2;avx512 -DOBJECTS=<the variants' object files>
set(bad "")
set(checked 0)
foreach(object IN LISTS OBJECTS)
    set(variant "")
    foreach(v IN LISTS VARIANTS)
        if(object MATCHES "reglab_kernels_${v}\\.dir")
            set(variant ${v})
        endif()
    endforeach()
    if(variant STREQUAL "")
        message(FATAL_ERROR "${object}: not the object of a known variant (${VARIANTS})")
    endif()
    execute_process(COMMAND ${NM} -g --defined-only ${object}
        OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${NM} failed on ${object}")
    endif()
    string(REPLACE "\n" ";" lines "${symbols}")
    foreach(line IN LISTS lines)
        if(line STREQUAL "")
            continue()
        endif()
        string(REGEX REPLACE "^.* " "" name "${line}")
        math(EXPR checked "${checked} + 1")
        # DW.ref.__gxx_personality_v0: a pointer to the C++ exception personality routine, data
        # that is the same in every object.
        if(NOT name MATCHES "${variant}" AND NOT name MATCHES "^DW\\.ref\\.__gxx_personality")
            list(APPEND bad "${object}: ${name}")
        endif()
    endforeach()
endforeach()
if(checked EQUAL 0)
    message(FATAL_ERROR "no symbols found in ${OBJECTS}")
endif()
if(bad)
    list(JOIN bad "\n  " text)
    message(FATAL_ERROR "kernel symbols without their variant's name:\n  ${text}")
endif()
message(STATUS "${checked} kernel symbols, each named for its variant")
