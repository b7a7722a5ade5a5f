#include "emit/output_file.hpp"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>

namespace cronc {

bool write_if_changed(const std::string& path, const std::string& content, std::string& error) {
  if (auto existing = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
      existing && (*existing)->getBuffer() == content) {
    return true;
  }
  llvm::StringRef directory = llvm::sys::path::parent_path(path);
  if (!directory.empty()) {
    if (auto failure = llvm::sys::fs::create_directories(directory)) {
      error = "cannot create '" + directory.str() + "': " + failure.message();
      return false;
    }
  }
  llvm::SmallString<256> temporary;
  int descriptor = -1;
  if (auto failure = llvm::sys::fs::createUniqueFile(path + ".tmp-%%%%%%", descriptor, temporary)) {
    error = "cannot write '" + path + "': " + failure.message();
    return false;
  }
  {
    llvm::raw_fd_ostream out(descriptor, /*shouldClose=*/true);
    out << content;
    out.close();
    if (out.has_error()) {
      error = "cannot write '" + path + "': " + out.error().message();
      out.clear_error();
      llvm::sys::fs::remove(temporary);
      return false;
    }
  }
  if (auto failure = llvm::sys::fs::rename(temporary, path)) {
    error = "cannot write '" + path + "': " + failure.message();
    llvm::sys::fs::remove(temporary);
    return false;
  }
  return true;
}

}  // namespace cronc
