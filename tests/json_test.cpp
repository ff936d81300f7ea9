#include "aptparse/json.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cstdio>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "json/number.h"
#include "support/samples.h"
#include "support/strict_json.h"

namespace aptparse {
namespace {

std::string json_quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

TEST(JsonString, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(json_quoted("a\"b\\c\n\t\x01"), R"("a\"b\\c\n\t\u0001")");
}

TEST(JsonString, KeepsValidUtf8) {
  EXPECT_EQ(json_quoted("Größe 完成"), "\"Größe 完成\"");
}

TEST(JsonString, InvalidUtf8BecomesSurrogateEscapes) {
  EXPECT_EQ(json_quoted("caf\xe9"), R"("caf\udce9")");
  EXPECT_EQ(json_quoted("\xc3\x28"), R"("\udcc3(")");
  EXPECT_EQ(json_quoted("\xed\xa0\x80"),
            R"("\udced\udca0\udc80")");                     // surrogate
  EXPECT_EQ(json_quoted("\xc0\xaf"), R"("\udcc0\udcaf")");  // overlong
  EXPECT_EQ(json_quoted(std::string_view("\0", 1)), R"("\u0000")");
}

// The obvious byte-at-a-time escaper, to check the block-copying one.
std::string reference_quoted(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else if (c >= 0x80) {
      // Only two-byte sequences are generated valid below.
      if (c >= 0xc2 && c <= 0xdf && i + 1 < s.size() &&
          (static_cast<unsigned char>(s[i + 1]) & 0xc0) == 0x80) {
        out.append(s.substr(i, 2));
        i += 2;
        continue;
      }
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\udc%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  return out + "\"";
}

TEST(JsonString, EveryLengthAndEscapePositionMatchesTheReference) {
  // Lengths around the 16-byte blocks, a special byte at every position.
  const std::string specials[] = {"\"",   "\\",       "\n",   "\x01",
                                  "\x7f", "\xc3\xa9", "\xff", "\xe9"};
  for (std::size_t n = 0; n <= 48; ++n) {
    std::string plain(n, 'a');
    for (std::size_t k = 0; k < n; ++k)
      plain[k] = static_cast<char>('a' + k % 26);
    EXPECT_EQ(json_quoted(plain), reference_quoted(plain)) << n;
    for (std::size_t at = 0; at <= n; ++at)
      for (const std::string& sp : specials) {
        std::string s = plain;
        s.insert(at, sp);
        EXPECT_EQ(json_quoted(s), reference_quoted(s)) << n << " at " << at;
      }
  }
}

TEST(JsonString, AppendsAfterExistingText) {
  std::string out = "prefix:";
  append_json_string(out, std::string(40, 'x'));
  EXPECT_EQ(out, "prefix:\"" + std::string(40, 'x') + "\"");
}

// detail::put_number against std::to_chars.
template <class T>
void expect_number(T v) {
  char got[detail::kNumberRoom + 8], want[detail::kNumberRoom];
  const char* end = detail::put_number(got, v);
  const char* want_end = std::to_chars(want, want + sizeof want, v).ptr;
  EXPECT_EQ(std::string_view(got, static_cast<std::size_t>(end - got)),
            std::string_view(want, static_cast<std::size_t>(want_end - want)));
}

TEST(JsonNumber, EveryNumberIsWrittenAsToCharsWritesIt) {
  for (std::uint64_t v = 0; v < 200000; ++v) expect_number(v);
  // Each digit count's first and last, and the 10^8 switch to to_chars.
  for (std::uint64_t p = 10; p <= 10000000000000000000ull; p *= 10)
    for (std::uint64_t v : {p - 1, p, p + 1}) expect_number(v);
  std::mt19937_64 random(15);
  for (int i = 0; i < 200000; ++i) {
    expect_number(random() % 100000000);
    expect_number(random());
    expect_number(static_cast<std::int64_t>(random()));
  }
  expect_number(std::numeric_limits<std::uint64_t>::max());
  expect_number(std::numeric_limits<std::int64_t>::min());
  expect_number(std::int64_t{-1});
  expect_number(std::uint32_t{4294967295u});
}

// Each fixed-point factor of put_number over the ends of its range and
// the numbers whose later pairs are 99 or 00 (where a rounding error
// would carry into or out of the pair before).
TEST(JsonNumber, EveryDigitPairOfEachFactorsRangeIsExact) {
  for (std::uint64_t p : {100u, 10000u, 1000000u, 100000000u})
    for (std::uint64_t v = p - 3000; v < p + 3000; ++v) expect_number(v);
  for (std::uint64_t lead = 1; lead < 100; ++lead)
    for (std::uint64_t rest : {0u, 1u, 99u, 100u, 9899u, 9900u, 9999u}) {
      expect_number(lead * 100 + rest % 100);
      expect_number(lead * 10000 + rest);
      expect_number(lead * 1000000 + rest * 100 + 99);
      expect_number(lead * 1000000 + rest * 100);
    }
}

using testing::json_value;

json_value read_strictly(std::string_view j) {
  testing::strict_json_reader reader;
  std::optional<json_value> v = reader.read(j);
  EXPECT_TRUE(v.has_value()) << reader.error() << "\n" << j;
  return v.value_or(json_value{json_value::type::null});
}

TEST(Json, TransactionObjectHasItsKeysInTheDocumentedOrder) {
  report r = parse(testing::kRemovePurge);
  const std::string j = to_json(r.transactions.at(0), "x.log");
  EXPECT_EQ(j.find('\n'), std::string::npos);  // one line
  const json_value v = read_strictly(j);
  std::vector<std::string> keys = {
      "source",     "kind",         "first_line",  "last_line", "first_offset",
      "end_offset", "complete",     "line_prefix", "start",     "end",
      "command",    "requested_by", "error"};
  for (int s = 0; s < pkg_set_count; ++s)
    keys.emplace_back(set_name(static_cast<pkg_set>(s)));
  for (const char* k :
       {"security_count", "counts", "consistency", "sizes", "messages",
        "unrecognized_count", "unrecognized", "diagnostics"})
    keys.emplace_back(k);
  EXPECT_EQ(v.keys(), keys);
  EXPECT_EQ(v.at("source").text, "x.log");
  EXPECT_EQ(v.at("first_line").text, "1");
  EXPECT_TRUE(v.at("complete").boolean);
  EXPECT_EQ(v.at("line_prefix").kind, json_value::type::null);
  // nano was purged: "Purg nano [7.2-1]" and a '*' in the list.
  const json_value& removed = v.at("to_remove");
  ASSERT_EQ(removed.kind, json_value::type::array);
  const json_value* nano = nullptr;
  for (const json_value& p : removed.items)
    if (p.at("name").text == "nano") nano = &p;
  ASSERT_NE(nano, nullptr) << j;
  EXPECT_EQ(nano->keys(),
            (std::vector<std::string>{"name", "arch", "old", "new", "purge",
                                      "simulated"}));
  EXPECT_EQ(nano->at("arch").kind, json_value::type::null);
  EXPECT_EQ(nano->at("old").text, "7.2-1");
  EXPECT_EQ(nano->at("new").kind, json_value::type::null);
  EXPECT_TRUE(nano->at("purge").boolean);
  const json_value& counts = v.at("counts");
  std::vector<std::string> count_keys;
#define APTPARSE_TEST_COUNT(name, check) count_keys.emplace_back(#name);
  APTPARSE_COUNT_MAP(APTPARSE_TEST_COUNT)
#undef APTPARSE_TEST_COUNT
  EXPECT_EQ(counts.keys(), count_keys);
  EXPECT_EQ(counts.at("to_remove").text,
            std::to_string(r.transactions[0].counts->to_remove));
  EXPECT_EQ(v.at("sizes").at("disk_change").text, "-4096000");
  EXPECT_EQ(v.at("consistency").at("verdict").text, "consistent");
}

// `j` with its first `from` replaced by `to`.
std::string replaced(std::string j, std::string_view from,
                     std::string_view to) {
  const std::size_t at = j.find(from);
  EXPECT_NE(at, std::string::npos) << from << " in " << j;
  if (at != std::string::npos) j.replace(at, from.size(), to);
  return j;
}

// A transaction without counts, sizes, messages, unrecognised lines or
// diagnostics ends in one precomputed text (kBareRest): each near miss,
// one field away, takes the general path, and its object with that field
// put back as the bare one has it is the bare object, byte for byte.
TEST(Json, ATransactionWithoutCountsEndsAsTheGeneralPathWritesIt) {
  for (std::uint64_t security : {0u, 7u, 123456789u}) {
    report r = parse(testing::kRemovePurge);
    transaction bare = r.transactions.at(0);
    bare.counts.reset();
    bare.consistency = consistency{};
    bare.sizes = sizes{};
    bare.messages.clear();
    bare.unrecognized_count = 0;
    bare.unrecognized.clear();
    bare.diagnostics.clear();
    bare.security_count = security;
    const std::string want = to_json(bare, "x.log");
    read_strictly(want);
    EXPECT_NE(
        want.find("\"verdict\":\"" +
                  std::string(verdict_name(consistency_verdict::no_counts)) +
                  "\""),
        std::string::npos);
    const auto near = [&](auto change, std::string_view from,
                          std::string_view to) {
      transaction t = bare;
      change(t);
      const std::string j = to_json(t, "x.log");
      EXPECT_NE(j, want) << from;
      EXPECT_EQ(replaced(j, from, to), want) << from;
    };
#define APTPARSE_TEST_SIZE(type, name)                              \
  near([](transaction& t) { t.sizes.name = 1; }, "\"" #name "\":1", \
       "\"" #name "\":null");
    APTPARSE_SIZE_MAP(APTPARSE_TEST_SIZE)
#undef APTPARSE_TEST_SIZE
    for (consistency_verdict v :
         {consistency_verdict::consistent, consistency_verdict::inconsistent})
      near([v](transaction& t) { t.consistency.verdict = v; },
           "\"verdict\":\"" + std::string(verdict_name(v)) + "\"",
           "\"verdict\":\"no_counts\"");
    near([](transaction& t) { t.consistency.mismatches = {"upgraded"}; },
         "\"mismatches\":[\"upgraded\"]", "\"mismatches\":[]");
    near([](transaction& t) { t.consistency.unverifiable = {"upgraded"}; },
         "\"unverifiable\":[\"upgraded\"]", "\"unverifiable\":[]");
    near([](transaction& t) { t.unrecognized_count = 3; },
         "\"unrecognized_count\":3", "\"unrecognized_count\":0");
    {  // counts: the whole object back to null
      transaction t = bare;
      t.counts = counts{};
      std::string j = to_json(t, "x.log");
      const std::size_t at = j.find("\"counts\":{");
      ASSERT_NE(at, std::string::npos) << j;
      j.replace(at, j.find('}', at) + 1 - at, "\"counts\":null");
      EXPECT_EQ(j, want);
    }
  }
}

TEST(Json, EverySampleIsStrictJsonAndItsStringsDecodeToTheLogsBytes) {
  for (const testing::sample& s : testing::kSamples) {
    report r = parse(s.text);
    for (const transaction& t : r.transactions) {
      const json_value v = read_strictly(to_json(t, s.name));
      for (int k = 0; k < pkg_set_count; ++k) {
        const auto set = static_cast<pkg_set>(k);
        const json_value& items = v.at(set_name(set));
        ASSERT_EQ(items.items.size(), t.set(set).size()) << s.name;
        for (std::size_t i = 0; i < items.items.size(); ++i)
          EXPECT_EQ(items.items[i].at("name").text, t.set(set)[i].name)
              << s.name;
      }
      ASSERT_EQ(v.at("messages").items.size(), t.messages.size());
      for (std::size_t i = 0; i < t.messages.size(); ++i)
        EXPECT_EQ(v.at("messages").items[i].at("text").text,
                  t.messages[i].text);
    }
  }
}

// Text that the writer must escape: every control byte, quotes and
// backslashes, DEL, valid UTF-8 and bytes that are not (a stray
// continuation byte, a cut sequence, an overlong form, 0xff), after `tag`
// so that a field written in place of another is caught.
std::string hostile(std::string_view tag) {
  std::string s(tag);
  s += "\"q\\b\\\\\"";
  for (int c = 0; c < 0x20; ++c) s += static_cast<char>(c);
  s += "\x7f Gr\xc3\xb6\xc3\x9f\x65 \xe5\xae\x8c "
       "\x80\xc3\xc0\xaf\xff\xed\xa0\x80";
  return s;
}

// A field of every escape: each byte a six-byte \u00XX, past the room
// that any fixed part of the object reserves.
std::string all_controls(std::size_t n) {
  std::string s(n, '\x01');
  for (std::size_t i = 0; i < n; i += 7) s[i] = '\x1f';
  return s;
}

TEST(Json, EveryStringFieldKeepsHostileBytesAndTheObjectStaysStrict) {
  report r = parse(testing::kRemovePurge);
  transaction t = r.transactions.at(0);
  const std::string source = hostile("source"), start = hostile("start"),
                    end = hostile("end"), command = all_controls(5000),
                    user = hostile("user"), error = hostile("error");
  t.start = std::string_view(start);
  t.end = std::string_view(end);
  t.command = std::string_view(command);
  t.requested_by_user = std::string_view(user);
  t.requested_by_uid = std::numeric_limits<std::uint32_t>::max();
  t.error = std::string_view(error);
  std::vector<std::string> fields;
  for (const char* f : {"name", "arch", "old", "new", "origins", "note",
                        "suite", "alt1", "alt2"})
    fields.push_back(hostile(f));
  fields.push_back(all_controls(3000));
  package& p = t.set(pkg_set::to_remove)[0];
  p.name = fields[0];
  p.arch = fields[1];
  p.old_version = fields[2];
  p.new_version = fields[3];
  p.origins = fields[4];
  p.note = fields[5];
  p.suite = fields[6];
  p.alternatives = {fields[7], fields[8], fields[9]};
  p.security = false;
  p.reason = hold_reason::held;
  p.purge = p.automatic = p.simulated = p.upgradable = p.installed = p.local =
      p.residual_config = p.auto_removable = true;
  const std::string note = hostile("message"), unrec = hostile("unrec");
  t.messages.push_back(message{message_level::warning, note, {7, 99}});
  t.unrecognized.push_back(unrecognized_line{{8, 100}, unrec});
  t.consistency.mismatches = {hostile("mismatch")};
  t.sizes.disk_change = std::numeric_limits<std::int64_t>::min();
  t.sizes.download = std::numeric_limits<std::uint64_t>::max();

  const std::string j = to_json(t, source);
  EXPECT_EQ(j.find('\n'), std::string::npos);
  const json_value v = read_strictly(j);
  EXPECT_EQ(v.at("source").text, source);
  EXPECT_EQ(v.at("start").text, start);
  EXPECT_EQ(v.at("end").text, end);
  EXPECT_EQ(v.at("command").text, command);
  EXPECT_EQ(v.at("error").text, error);
  EXPECT_EQ(v.at("requested_by").at("user").text, user);
  EXPECT_EQ(v.at("requested_by").at("uid").text, "4294967295");
  const json_value& q = v.at("to_remove").items.at(0);
  EXPECT_EQ(q.keys(),
            (std::vector<std::string>{
                "name", "arch", "old", "new", "origins", "note", "suite",
                "security", "alternatives", "reason", "purge", "automatic",
                "simulated", "upgradable", "installed", "local",
                "residual_config", "auto_removable"}));
  const char* keys[] = {"name",    "arch", "old",  "new",
                        "origins", "note", "suite"};
  for (std::size_t i = 0; i < std::size(keys); ++i)
    EXPECT_EQ(q.at(keys[i]).text, fields[i]) << keys[i];
  ASSERT_EQ(q.at("alternatives").items.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(q.at("alternatives").items[i].text, fields[7 + i]);
  EXPECT_EQ(q.at("security").kind, json_value::type::boolean);
  EXPECT_FALSE(q.at("security").boolean);
  EXPECT_EQ(q.at("reason").text, "held");
  EXPECT_EQ(v.at("messages").items.back().at("text").text, note);
  EXPECT_EQ(v.at("messages").items.back().at("line").text, "7");
  EXPECT_EQ(v.at("unrecognized").items.back().at("text").text, unrec);
  EXPECT_EQ(v.at("consistency").at("mismatches").items.at(0).text,
            hostile("mismatch"));
  EXPECT_EQ(v.at("sizes").at("disk_change").text, "-9223372036854775808");
  EXPECT_EQ(v.at("sizes").at("download").text, "18446744073709551615");
  // The other packages of the set are untouched and follow in order.
  const auto& removed = t.set(pkg_set::to_remove);
  ASSERT_EQ(v.at("to_remove").items.size(), removed.size());
  for (std::size_t i = 1; i < removed.size(); ++i)
    EXPECT_EQ(v.at("to_remove").items[i].at("name").text, removed[i].name);
}

// The writer reads a package's flags as one word and writes the set
// ones from a table: each of the 256 subsets gives exactly its keys, in
// the documented order.
// The head writes the usual prefix (none) and kind without looking their
// names up; every prefix and kind is still written as its name says.
TEST(Json, EveryLinePrefixAndKindIsWrittenByItsName) {
  for (int p = 0; p <= static_cast<int>(line_prefix::quote); ++p) {
    for (int k = 0; k <= static_cast<int>(record_kind::listing); ++k) {
      transaction t;
      t.span.prefix = static_cast<line_prefix>(p);
      t.kind = static_cast<record_kind>(k);
      const std::string json = to_json(t, "src");
      const std::string_view prefix = prefix_name(t.span.prefix);
      const std::string want_prefix =
          prefix.empty() ? "null" : "\"" + std::string(prefix) + "\"";
      EXPECT_NE(json.find(",\"line_prefix\":" + want_prefix + ","),
                std::string::npos)
          << json;
      EXPECT_NE(json.find(",\"kind\":\"" +
                          std::string(record_kind_name(t.kind)) + "\","),
                std::string::npos)
          << json;
    }
  }
}

TEST(Json, EverySubsetOfFlagsIsWrittenInTheDocumentedOrder) {
  const std::vector<std::string> names = {
      "purge",     "automatic", "simulated",       "upgradable",
      "installed", "local",     "residual_config", "auto_removable"};
  transaction t;
  t.strings = make_string_arena();
  t.add(pkg_set::upgraded, package{.name = save_string(*t.strings, "a")});
  for (unsigned subset = 0; subset < 256; ++subset) {
    package& p = t.upgraded()[0];
    bool* flags[] = {&p.purge,           &p.automatic,     &p.simulated,
                     &p.upgradable,      &p.installed,     &p.local,
                     &p.residual_config, &p.auto_removable};
    std::vector<std::string> want = {"name", "arch", "old", "new"};
    for (std::size_t i = 0; i < names.size(); ++i) {
      *flags[i] = (subset >> i) & 1;
      if (*flags[i]) want.push_back(names[i]);
    }
    const json_value q =
        read_strictly(to_json(t, "x")).at("upgraded").items.at(0);
    EXPECT_EQ(q.keys(), want) << subset;
    for (std::size_t i = 4; i < want.size(); ++i)
      EXPECT_TRUE(q.at(want[i]).boolean) << subset << " " << want[i];
  }
}

// Empty sets are written as runs of one text and the loop stops after the
// last non-empty set: packages in the first, a middle and the last set,
// alone and together, land in their own arrays, every set key present.
TEST(Json, PackagesInAnySetsLandInTheirOwnArrays) {
  const pkg_set where[] = {pkg_set::upgraded, pkg_set::suggested,
                           pkg_set::listed};
  for (unsigned subset = 1; subset < 8; ++subset) {
    transaction t;
    t.strings = make_string_arena();
    for (std::size_t i = 0; i < std::size(where); ++i)
      if ((subset >> i) & 1)
        for (const char* n : {"p1", "p2"})
          t.add(where[i],
                package{.name = save_string(
                            *t.strings, std::string(set_name(where[i])) + n)});
    const json_value v = read_strictly(to_json(t, "x"));
    for (int s = 0; s < pkg_set_count; ++s) {
      const std::string name(set_name(static_cast<pkg_set>(s)));
      const json_value& items = v.at(name);
      ASSERT_EQ(items.kind, json_value::type::array) << name;
      const auto want = t.set(static_cast<pkg_set>(s));
      ASSERT_EQ(items.items.size(), want.size()) << subset << " " << name;
      for (std::size_t k = 0; k < want.size(); ++k)
        EXPECT_EQ(items.items[k].at("name").text, want[k].name);
    }
    EXPECT_EQ(v.at("security_count").text, "0");
  }
}

TEST(Json, AppendsAfterExistingTextAndTwoObjectsInARowAreBothWhole) {
  // The writer keeps scratch memory between calls: a large object after a
  // small one (and the reverse) must come out whole, after what `out`
  // held. 400,000 escapes ask for over 1 MiB of room, which the writer
  // gives back after the object.
  report r = parse(testing::kRemovePurge);
  transaction small = r.transactions.at(0);
  for (std::size_t controls : {20000, 400000}) {
    transaction big = small;
    const std::string long_command = all_controls(controls);
    big.command = std::string_view(long_command);
    std::string out = "x";
    append_json(out, small, "a");
    append_json(out, big, "b");
    append_json(out, small, "c");
    EXPECT_EQ(out, "x" + to_json(small, "a") + to_json(big, "b") +
                       to_json(small, "c"));
    EXPECT_EQ(read_strictly(to_json(big, "b")).at("command").text,
              long_command);
  }
}

// A package object as the schema says, strings by reference_quoted().
std::string reference_package(const package& p) {
  const auto or_null = [](std::string_view s) {
    return s.empty() ? std::string("null") : reference_quoted(s);
  };
  std::string out = "{\"name\":" + reference_quoted(p.name) +
                    ",\"arch\":" + or_null(p.arch) +
                    ",\"old\":" + or_null(p.old_version) +
                    ",\"new\":" + or_null(p.new_version);
  if (!p.origins.empty()) out += ",\"origins\":" + reference_quoted(p.origins);
  if (!p.note.empty()) out += ",\"note\":" + reference_quoted(p.note);
  if (!p.suite.empty()) out += ",\"suite\":" + reference_quoted(p.suite);
  if (!p.alternatives.empty()) {
    out += ",\"alternatives\":[";
    for (std::size_t i = 0; i < p.alternatives.size(); ++i)
      out += (i ? "," : "") + reference_quoted(p.alternatives[i]);
    out += ']';
  }
  return out + '}';
}

TEST(Json, EveryPackageStringOfAnyLengthAndEscapeIsTheReferences) {
  // A package reserves a fixed room and writes plain strings of up to 32
  // bytes inline; longer ones and those with a byte to escape make their
  // own room first. Every field gets strings of every length around the
  // 8/16/32-byte cases, a special byte at its start, middle or end, and
  // long all-escape ones; thousands of packages in one set, so the room
  // runs out inside packages and between them.
  std::vector<std::string> texts;
  const std::string specials[] = {"\"", "\\", "\x01", "\xff", "\xc3\xa9"};
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string plain(n, 'a');
    for (std::size_t k = 0; k < n; ++k)
      plain[k] = static_cast<char>('a' + (k * 7 + n) % 26);
    texts.push_back(plain);
    for (std::size_t at : {std::size_t{0}, n / 2, n})
      for (const std::string& sp : specials) {
        std::string s = plain;
        s.insert(at, sp);
        texts.push_back(s);
      }
  }
  for (std::size_t n : {100, 700, 3000}) texts.push_back(all_controls(n));
  transaction t;
  t.strings = make_string_arena();
  std::vector<package> want;
  const auto text = [&](std::size_t i) {
    return save_string(*t.strings, texts[i % texts.size()]);
  };
  for (std::size_t i = 0; i < texts.size(); ++i)
    for (int field = 0; field < 8; ++field) {
      package p{.name = text(i * 3 + 1), .new_version = text(i + 2)};
      std::string_view* fields[] = {&p.name,        &p.arch,    &p.old_version,
                                    &p.new_version, &p.origins, &p.note,
                                    &p.suite};
      if (field < 7)
        *fields[field] = text(i);
      else
        p.alternatives = {text(i), text(i + 1), text(i + 5)};
      want.push_back(p);
      t.add(pkg_set::upgraded, std::move(p));
    }
  std::string set = "\"upgraded\":[";
  for (std::size_t i = 0; i < want.size(); ++i)
    set += (i ? "," : "") + reference_package(want[i]);
  set += ']';
  const std::string j = to_json(t, "x");
  EXPECT_NE(j.find(set), std::string::npos);
  read_strictly(j);
}

// The line of write_json_line(), as one string.
std::string json_line(const transaction& t, std::string_view source) {
  std::string line;
  int calls = 0;
  write_json_line(t, source, [&](std::string_view v) {
    line.assign(v);
    ++calls;
  });
  EXPECT_EQ(calls, 1);
  return line;
}

TEST(Json, AWrittenLineIsTheAppendedObjectAndALineEnd) {
  // write_json_line() hands out the writer's scratch memory itself: every
  // sample, hostile strings, and objects small and over 1 MiB in turn
  // (the scratch memory grows, then is given back) against append_json().
  std::vector<std::pair<transaction, std::string>> cases;
  for (const testing::sample& s : testing::kSamples)
    for (transaction& t : parse(s.text).transactions)
      cases.emplace_back(std::move(t), s.name);
  const transaction small = parse(testing::kRemovePurge).transactions.at(0);
  const std::string hostile_command = hostile("command");
  const std::string long_command = all_controls(400000);
  for (const std::string* command : {&hostile_command, &long_command}) {
    transaction t = small;
    t.command = std::string_view(*command);
    cases.emplace_back(std::move(t), hostile("source"));
    cases.emplace_back(small, "after");
  }
  ASSERT_GE(cases.size(), 20u);
  for (const auto& [t, source] : cases) {
    std::string want;
    append_json(want, t, source);
    want += '\n';
    EXPECT_EQ(json_line(t, source), want) << source;
  }
}

TEST(Json, TheStrictReaderRejectsWhatTheGrammarDoesNot) {
  testing::strict_json_reader reader;
  EXPECT_TRUE(reader.read(R"({"a":[1,-2.5e3,"\udce9",true,null]})"));
  for (std::string_view bad :
       {R"({"a":1,})", R"([1,])", R"({"a":01})", R"({"a":1,"a":2})",
        "\"raw\ncontrol\"", "\"caf\xe9\"", R"({"a":1} x)", R"("\ud800")", "nul",
        ""})
    EXPECT_FALSE(reader.read(bad)) << bad;
}

}  // namespace
}  // namespace aptparse
