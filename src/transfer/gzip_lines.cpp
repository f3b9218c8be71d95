#include "transfer/gzip_lines.hpp"

#include <zlib.h>

#include <stdexcept>

namespace cruddur::transfer {

namespace {
gzFile as_gz(void* file) { return static_cast<gzFile>(file); }

std::string gz_error(void* file, const std::string& path) {
  int code = 0;
  const char* message = file ? gzerror(as_gz(file), &code) : "cannot open";
  return path + ": " + (message && *message ? message : "gzip error");
}
}  // namespace

GzipLineWriter::GzipLineWriter(std::string path) : path_(std::move(path)) {
  file_ = gzopen(path_.c_str(), "wb6");
  if (!file_) throw std::runtime_error("cannot create " + path_);
  gzbuffer(as_gz(file_), 1 << 17);
}

GzipLineWriter::~GzipLineWriter() {
  if (file_) gzclose(as_gz(file_));
}

void GzipLineWriter::write_line(std::string_view line) {
  if (!line.empty() && gzwrite(as_gz(file_), line.data(), static_cast<unsigned>(line.size())) == 0)
    throw std::runtime_error(gz_error(file_, path_));
  if (gzputc(as_gz(file_), '\n') == -1) throw std::runtime_error(gz_error(file_, path_));
}

void GzipLineWriter::close() {
  if (!file_) return;
  int status = gzclose(as_gz(file_));
  file_ = nullptr;
  if (status != Z_OK) throw std::runtime_error(path_ + ": could not be written completely");
}

GzipLineReader::GzipLineReader(std::string path) : path_(std::move(path)) {
  file_ = gzopen(path_.c_str(), "rb");
  if (!file_) throw std::runtime_error("cannot read " + path_);
  gzbuffer(as_gz(file_), 1 << 17);
}

GzipLineReader::~GzipLineReader() {
  if (file_) gzclose(as_gz(file_));
}

bool GzipLineReader::fill() {
  if (eof_) return false;
  if (start_ > 0) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  char chunk[1 << 16];
  int read = gzread(as_gz(file_), chunk, sizeof chunk);
  if (read < 0) throw std::runtime_error(gz_error(file_, path_));
  if (read == 0) {
    int code = 0;
    gzerror(as_gz(file_), &code);
    if (code != Z_OK) throw std::runtime_error(gz_error(file_, path_));
    eof_ = true;
    return false;
  }
  buffer_.append(chunk, static_cast<std::size_t>(read));
  return true;
}

std::optional<std::string> GzipLineReader::next() {
  for (;;) {
    auto end = buffer_.find('\n', start_);
    if (end != std::string::npos) {
      std::string line = buffer_.substr(start_, end - start_);
      start_ = end + 1;
      return line;
    }
    if (!fill()) {
      if (start_ < buffer_.size()) throw std::runtime_error(path_ + ": ends in the middle of a line");
      return std::nullopt;
    }
  }
}

}  // namespace cruddur::transfer
