#pragma once
// Gzip'd text files read and written a line at a time (zlib), with bounded buffers: memory stays flat in the
// file's size. Lines are '\n'-terminated and must not contain '\n' themselves (JSON lines never do).
// The writer's output is a function of its lines only (gzip header without name or time), so the same lines
// give the same file bytes.
//
// Not thread-safe: one object per thread. Errors throw std::runtime_error naming the file.

#include <optional>
#include <string>
#include <string_view>

namespace cruddur::transfer {

class GzipLineWriter {
 public:
  explicit GzipLineWriter(std::string path);  // creates or truncates
  ~GzipLineWriter();                          // closes without reporting errors: call close()
  GzipLineWriter(const GzipLineWriter&) = delete;
  GzipLineWriter& operator=(const GzipLineWriter&) = delete;

  void write_line(std::string_view line);
  void close();  // flushes; throws when the file could not be completed

 private:
  std::string path_;
  void* file_ = nullptr;  // gzFile
};

class GzipLineReader {
 public:
  explicit GzipLineReader(std::string path);
  ~GzipLineReader();
  GzipLineReader(const GzipLineReader&) = delete;
  GzipLineReader& operator=(const GzipLineReader&) = delete;

  // The next line without its '\n', or nullopt at the end. A file that is not valid gzip, or ends in the
  // middle of a line, throws.
  std::optional<std::string> next();

 private:
  bool fill();
  std::string path_;
  void* file_ = nullptr;  // gzFile
  std::string buffer_;
  std::size_t start_ = 0;
  bool eof_ = false;
};

}  // namespace cruddur::transfer
