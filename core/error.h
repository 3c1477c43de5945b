// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file error.h
/// The one error type for bad outside input: it names the file and the field.

#include <stdexcept>
#include <string>

namespace reglab {

/// Thrown for anything wrong with input that came from outside the program: experiment
/// files, data files, weight files, command-line overrides. `what()` reads
/// "FILE: FIELD: message" (FILE or FIELD are left out when empty), ready to print after
/// "error: ".
class InputError : public std::runtime_error {
public:
    InputError(std::string file, std::string field, std::string message);

    const std::string &file() const { return m_file; }
    const std::string &field() const { return m_field; }
    const std::string &message() const { return m_message; }

private:
    std::string m_file;
    std::string m_field;
    std::string m_message;
};

/// Thrown when an output file cannot be written. `what()` reads "FILE: message".
class OutputError : public std::runtime_error {
public:
    OutputError(std::string file, std::string message);
    const std::string &file() const { return m_file; }

private:
    std::string m_file;
};

} // namespace reglab
