// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/file_util.h"

#include "core/error.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include <fcntl.h>
#include <unistd.h>

namespace reglab {

std::string readFile(const std::string &path, std::size_t maxBytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError(path, {}, "is a folder, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path, {}, std::string("cannot open: ") + std::strerror(errno));
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0)
        throw InputError(path, {}, "cannot determine the file size");
    if (std::size_t(size) > maxBytes) {
        throw InputError(path, {},
                         "file is too large (" + std::to_string(size) + " bytes, at most "
                             + std::to_string(maxBytes) + ")");
    }
    in.seekg(0, std::ios::beg);
    std::string bytes(std::size_t(size), '\0');
    if (size > 0 && !in.read(bytes.data(), size))
        throw InputError(path, {}, "read error");
    return bytes;
}

void writeFileAtomically(const std::string &path, std::string_view bytes) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::random_device rd;
    const fs::path temp = dir
                          / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid())
                             + "-" + std::to_string(rd()));
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        throw OutputError(path, std::string("cannot write: ") + std::strerror(errno));
    auto fail = [&](const char *what) {
        const int err = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        throw OutputError(path, std::string(what) + ": " + std::strerror(err));
    };
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail("write failed");
        }
        written += std::size_t(n);
    }
    if (::fsync(fd) != 0)
        fail("fsync failed");
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        throw OutputError(path, std::string("close failed: ") + std::strerror(err));
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        throw OutputError(path, std::string("cannot replace the file: ") + std::strerror(err));
    }
}

void makeDirectories(const std::string &path) {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec)
        throw OutputError(path, "cannot create folder: " + ec.message());
    if (!std::filesystem::is_directory(path, ec))
        throw OutputError(path, "exists and is not a folder");
}

} // namespace reglab
