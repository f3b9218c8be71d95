#include "transfer/export_format.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "store/dynamodb/item_codec.hpp"

namespace cruddur::transfer {

namespace json = boost::json;

namespace {

std::string string_field(const json::object& o, std::string_view name) {
  auto* value = o.if_contains(name);
  if (!value || !value->is_string()) throw std::runtime_error("manifest: missing \"" + std::string(name) + "\"");
  return std::string(value->get_string());
}

std::uint64_t count_field(const json::object& o, std::string_view name) {
  auto* value = o.if_contains(name);
  if (!value || !(value->is_uint64() || value->is_int64()) || (value->is_int64() && value->get_int64() < 0))
    throw std::runtime_error("manifest: missing \"" + std::string(name) + "\"");
  return value->is_uint64() ? value->get_uint64() : static_cast<std::uint64_t>(value->get_int64());
}

void put_if_not_empty(store::Item& item, const char* name, const std::string& text) {
  if (!text.empty()) item.insert_or_assign(name, store::AttributeValue::S(text));
}

}  // namespace

const ExportFile& Manifest::file(std::string_view content) const {
  for (const auto& f : files) {
    if (f.content == content) return f;
  }
  throw std::runtime_error("manifest: no " + std::string(content) + " file");
}

std::string manifest_json(const Manifest& manifest) {
  json::array files;
  for (const auto& f : manifest.files)
    files.push_back({{"name", f.name}, {"content", f.content}, {"lines", f.lines}, {"sha256", f.sha256},
                     {"lines_sha256", f.lines_sha256}});
  json::object o{{"format", "cruddur-export"},
                 {"version", kFormatVersion},
                 {"exported_at", manifest.exported_at},
                 {"table", manifest.table},
                 {"files", std::move(files)}};
  return json::serialize(o) + "\n";
}

Manifest parse_manifest(std::string_view text) {
  json::value value;
  try {
    value = json::parse(text);
  } catch (const std::exception&) {
    throw std::runtime_error("manifest: not JSON");
  }
  const auto* o = value.if_object();
  if (!o || string_field(*o, "format") != "cruddur-export") throw std::runtime_error("manifest: not a cruddur export");
  if (count_field(*o, "version") != kFormatVersion)
    throw std::runtime_error("manifest: unsupported version (this build reads version " +
                             std::to_string(kFormatVersion) + ")");
  Manifest manifest;
  manifest.exported_at = string_field(*o, "exported_at");
  manifest.table = string_field(*o, "table");
  const auto* files = o->if_contains("files");
  if (!files || !files->is_array()) throw std::runtime_error("manifest: missing \"files\"");
  for (const auto& entry : files->get_array()) {
    if (!entry.is_object()) throw std::runtime_error("manifest: a file entry is not an object");
    const auto& f = entry.get_object();
    ExportFile file{string_field(f, "name"), string_field(f, "content"), count_field(f, "lines"),
                    string_field(f, "sha256"), string_field(f, "lines_sha256")};
    if (file.name.empty() || file.name.find('/') != std::string::npos || file.name.front() == '.')
      throw std::runtime_error("manifest: bad file name \"" + file.name + "\"");
    manifest.files.push_back(std::move(file));
  }
  manifest.file(kItemsContent);
  manifest.file(kUsersContent);
  return manifest;
}

Manifest read_manifest(const std::string& directory) {
  const std::string path = directory + "/" + kManifestName;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("no " + std::string(kManifestName) + " in " + directory);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return parse_manifest(text.str());
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

std::string item_line(const store::Item& item) {
  json::object line;
  line["Item"] = store::dynamodb::encode_item(item);
  return json::serialize(line);
}

store::Item parse_item_line(std::string_view line) {
  json::value value;
  try {
    value = json::parse(line);
  } catch (const std::exception&) {
    throw std::runtime_error("a line is not JSON");
  }
  const auto* o = value.if_object();
  const auto* item = o ? o->if_contains("Item") : nullptr;
  if (!item || !item->is_object()) throw std::runtime_error("a line has no \"Item\" object");
  return store::dynamodb::decode_item(item->get_object());
}

store::Item account_item(const users::Account& account) {
  store::Item item;
  put_if_not_empty(item, "uuid", account.user.uuid);
  put_if_not_empty(item, "handle", account.user.handle);
  put_if_not_empty(item, "display_name", account.user.display_name);
  put_if_not_empty(item, "email", account.email);
  put_if_not_empty(item, "password_hash", account.password_hash);
  if (account.cognito_user_id) item.insert_or_assign("cognito_user_id", store::AttributeValue::S(*account.cognito_user_id));
  put_if_not_empty(item, "created_at", account.created_at);
  return item;
}

users::Account item_account(const store::Item& item) {
  auto text = [&](const char* name) { return store::get_string(item, name).value_or(""); };
  users::Account account{users::User{text("uuid"), text("handle"), text("display_name")}, text("email"),
                         text("password_hash"), store::get_string(item, "cognito_user_id"), text("created_at")};
  if (account.user.uuid.empty() || account.user.handle.empty())
    throw std::runtime_error("a user line lacks uuid or handle");
  return account;
}

}  // namespace cruddur::transfer
