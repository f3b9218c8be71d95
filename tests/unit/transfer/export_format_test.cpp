// The export format's pieces (doc/export.md): canonical lines, the order-independent line digest, gzip'd
// lines, the manifest.
#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.hpp"
#include "transfer/export_format.hpp"
#include "transfer/gzip_lines.hpp"
#include "transfer/sha256.hpp"

namespace cruddur::transfer {
namespace {

store::Item item(const std::string& pk, const std::string& sk) {
  store::Item i;
  i.insert_or_assign("sk", store::AttributeValue::S(sk));
  i.insert_or_assign("pk", store::AttributeValue::S(pk));
  i.insert_or_assign("n", store::AttributeValue::N("42"));
  i.insert_or_assign("text", store::AttributeValue::S("quote \" slash \\ é ✓\nnew line"));
  return i;
}

TEST(ExportFormat, ItemLinesAreCanonicalAndRoundTrip) {
  auto line = item_line(item("MSG#1", "a"));
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.rfind("{\"Item\":{\"n\":{\"N\":\"42\"},\"pk\":{\"S\":\"MSG#1\"},\"sk\":{\"S\":\"a\"},", 0), 0u) << line;
  EXPECT_EQ(parse_item_line(line), item("MSG#1", "a"));
  EXPECT_THROW(parse_item_line("{\"Items\":{}}"), std::runtime_error);
  EXPECT_THROW(parse_item_line("not json"), std::runtime_error);
}

TEST(ExportFormat, AccountsRoundTripWithTheirPasswordHashes) {
  users::Account account{{"0b6f4c1e-7b0e-4f57-9f5e-3e8c1f2a9d10", "dana", "Dana"}, "dana@example.com",
                         "$argon2id$v=19$m=65536,t=2,p=1$abc$def", std::nullopt, "2026-12-07T01:00:00.000000+00:00"};
  auto back = item_account(parse_item_line(item_line(account_item(account))));
  EXPECT_EQ(back.user, account.user);
  EXPECT_EQ(back.password_hash, account.password_hash);
  EXPECT_EQ(back.email, account.email);
  EXPECT_EQ(back.cognito_user_id, std::nullopt);
  EXPECT_EQ(back.created_at, account.created_at);
  account.cognito_user_id = "sub-1";
  EXPECT_EQ(item_account(account_item(account)).cognito_user_id, "sub-1");
}

TEST(LineSetDigest, DependsOnTheLinesNotTheirOrder) {
  LineSetDigest forward, backward, fewer, repeated, changed;
  std::vector<std::string> lines{"a", "b", "c", "d"};
  for (const auto& l : lines) forward.add(l);
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) backward.add(*it);
  EXPECT_EQ(forward.hex(), backward.hex());
  EXPECT_EQ(forward.count(), 4u);
  for (const char* l : {"a", "b", "c"}) fewer.add(l);
  EXPECT_NE(fewer.hex(), forward.hex());
  for (const char* l : {"a", "b", "c", "d", "d"}) repeated.add(l);
  EXPECT_NE(repeated.hex(), forward.hex());
  for (const char* l : {"a", "b", "c", "e"}) changed.add(l);
  EXPECT_NE(changed.hex(), forward.hex());
  EXPECT_EQ(to_hex(Sha256::of("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(GzipLines, RoundTripAndTheSameLinesGiveTheSameBytes) {
  testing::TempDir dir;
  auto write = [&](const std::string& name) {
    GzipLineWriter writer((dir.path() / name).string());
    writer.write_line("first");
    writer.write_line("");
    writer.write_line(std::string(200'000, 'x'));  // longer than one read buffer
    writer.close();
  };
  write("one.gz");
  write("two.gz");
  EXPECT_EQ(file_sha256_hex((dir.path() / "one.gz").string()), file_sha256_hex((dir.path() / "two.gz").string()));
  GzipLineReader reader((dir.path() / "one.gz").string());
  EXPECT_EQ(reader.next(), "first");
  EXPECT_EQ(reader.next(), "");
  EXPECT_EQ(reader.next(), std::string(200'000, 'x'));
  EXPECT_EQ(reader.next(), std::nullopt);

  // A truncated file is an error, not a short read.
  auto size = std::filesystem::file_size(dir.path() / "one.gz");
  std::filesystem::resize_file(dir.path() / "one.gz", size - 12);
  GzipLineReader truncated((dir.path() / "one.gz").string());
  EXPECT_THROW(
      {
        while (truncated.next()) {
        }
      },
      std::runtime_error);
}

TEST(Manifest, RoundTripsAndRefusesWhatItDoesNotKnow) {
  Manifest manifest{"2026-12-07T01:00:00.000000+00:00", "cruddur-messages",
                    {{kItemsFile, kItemsContent, 3, "aa", "bb"}, {kUsersFile, kUsersContent, 1, "cc", "dd"}}};
  auto back = parse_manifest(manifest_json(manifest));
  EXPECT_EQ(back.table, "cruddur-messages");
  EXPECT_EQ(back.file(kItemsContent).lines, 3u);
  EXPECT_EQ(back.file(kUsersContent).lines_sha256, "dd");
  EXPECT_THROW(parse_manifest("{}"), std::runtime_error);
  EXPECT_THROW(parse_manifest("nope"), std::runtime_error);
  std::string other_version = manifest_json(manifest);
  other_version.replace(other_version.find("\"version\":1"), 11, "\"version\":2");
  EXPECT_THROW(parse_manifest(other_version), std::runtime_error);
  std::string escaping = manifest_json(manifest);
  escaping.replace(escaping.find(kUsersFile), std::string(kUsersFile).size(), "../etc");
  EXPECT_THROW(parse_manifest(escaping), std::runtime_error);
}

}  // namespace
}  // namespace cruddur::transfer
