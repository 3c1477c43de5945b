// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/error.h"

namespace reglab {

namespace {
std::string joinMessage(const std::string &file, const std::string &field,
                        const std::string &message) {
    std::string out;
    if (!file.empty())
        out += file + ": ";
    if (!field.empty())
        out += field + ": ";
    return out + message;
}
} // namespace

InputError::InputError(std::string file, std::string field, std::string message)
    : std::runtime_error(joinMessage(file, field, message))
    , m_file(std::move(file))
    , m_field(std::move(field))
    , m_message(std::move(message)) {}

OutputError::OutputError(std::string file, std::string message)
    : std::runtime_error(joinMessage(file, {}, message))
    , m_file(std::move(file)) {}

} // namespace reglab
