// Reading logs: plain and gzip files, gzip on standard input, multi-member
// files, and bad gzip data, which must be reported after every byte that
// could be recovered. Whatever the chunk size and whether zlib runs on its
// own thread, a gzip'd corpus log gives the bytes, and so the parse, of
// the log itself.
#include "io/log_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "aptparse/parser.h"
#include "io/relay.h"
#include "support/corpus_files.h"
#include "support/event_trace.h"

namespace aptparse::io {
namespace {

namespace fs = std::filesystem;
using threads = read_options::inflate_thread;

// A gzip member of `plain` (zlib's deflate with a gzip wrapper).
std::string gzip_member(std::string_view plain) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&z, plain.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  z.avail_in = static_cast<uInt>(plain.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

class temp_file {
 public:
  explicit temp_file(std::string_view data) {
    static int n = 0;
    path_ = fs::temp_directory_path() /
            ("log_reader_test." + std::to_string(::getpid()) + "." +
             std::to_string(n++) + ".gz");
    std::ofstream(path_, std::ios::binary)
        .write(data.data(), static_cast<std::streamsize>(data.size()));
  }
  ~temp_file() { fs::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

struct read_all {
  std::string bytes;
  read_result result;
  std::size_t largest_chunk = 0;
};

read_all read(const std::string& path, std::size_t chunk = 1 << 20,
              threads t = threads::automatic) {
  read_all r;
  r.result = read_log(path,
                      [&](std::string_view c) {
                        r.bytes += c;
                        r.largest_chunk = std::max(r.largest_chunk, c.size());
                        return true;
                      },
                      {chunk, t});
  return r;
}

const std::string kLog =
    "Reading package lists...\n"
    "The following packages will be upgraded:\n  libc6 tzdata\n"
    "2 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n";

// Large enough to take several buffers and several input reads.
std::string big_log() {
  std::string s;
  for (int i = 0; s.size() < (3 << 20); ++i)
    s += kLog + "Inst pkg" + std::to_string(i) + " (1." + std::to_string(i) +
         " Debian:12/stable [amd64])\n";
  return s;
}

TEST(LogReader, PlainFileIsPassedOnInChunksOfAtMostTheSize) {
  temp_file f(kLog);
  const read_all r = read(f.path(), 7);
  EXPECT_TRUE(r.result.ok()) << r.result.message;
  EXPECT_EQ(r.bytes, kLog);
  EXPECT_LE(r.largest_chunk, 7u);
}

TEST(LogReader, GzipIsFoundByItsMagicAndInflatedOnEitherThread) {
  const std::string plain = big_log();
  temp_file f(gzip_member(plain));
  for (threads t : {threads::automatic, threads::always, threads::never}) {
    for (std::size_t chunk : {std::size_t{1} << 20, std::size_t{4093}}) {
      const read_all r = read(f.path(), chunk, t);
      EXPECT_TRUE(r.result.ok()) << r.result.message;
      EXPECT_EQ(r.bytes, plain) << "chunk " << chunk;
      EXPECT_LE(r.largest_chunk, chunk);
    }
  }
}

TEST(LogReader, EveryMemberOfAMultiMemberFileIsRead) {
  // What `cat a.gz b.gz` and `gzip -c >> log.gz` make; zero padding after
  // the last member is ignored, as gzip -dc ignores it.
  const std::string data = gzip_member("one\n") + gzip_member("") +
                           gzip_member(kLog) + std::string(10, '\0');
  temp_file f(data);
  for (threads t : {threads::always, threads::never}) {
    const read_all r = read(f.path(), 5, t);
    EXPECT_TRUE(r.result.ok()) << r.result.message;
    EXPECT_EQ(r.bytes, "one\n" + kLog);
  }
}

TEST(LogReader, TruncatedGzipIsReportedAfterWhatCouldBeRead) {
  const std::string plain = big_log();
  const std::string gz = gzip_member(plain);
  for (std::size_t cut : {gz.size() / 2, gz.size() - 1, std::size_t{5}}) {
    temp_file f(gz.substr(0, cut));
    for (threads t : {threads::always, threads::never}) {
      const read_all r = read(f.path(), 1 << 16, t);
      EXPECT_EQ(r.result.what, read_result::kind::truncated) << cut;
      EXPECT_NE(r.result.message.find("truncated gzip data"),
                std::string::npos);
      EXPECT_TRUE(plain.starts_with(r.bytes)) << cut;
      if (cut == gz.size() - 1) EXPECT_EQ(r.bytes, plain);  // only the CRC cut
      EXPECT_NE(r.result.message.find(std::to_string(r.bytes.size()) +
                                      " uncompressed bytes"),
                std::string::npos)
          << r.result.message;
    }
  }
}

TEST(LogReader, CorruptGzipIsReportedAfterWhatCouldBeRead) {
  const std::string plain = big_log();
  std::string gz = gzip_member(plain);
  gz[gz.size() / 2] ^= 0x55;
  temp_file f(gz);
  const read_all r = read(f.path());
  EXPECT_EQ(r.result.what, read_result::kind::corrupt);
  EXPECT_TRUE(r.result.message.starts_with("corrupt gzip data: "))
      << r.result.message;
  // What was inflated before zlib saw the damage is passed on (it may be
  // wrong, as with gzip -dc: the CRC at the end is what tells).
  EXPECT_NE(r.result.message.find(std::to_string(r.bytes.size()) +
                                  " uncompressed bytes"),
            std::string::npos);

  std::string bad_crc = gzip_member(kLog);
  bad_crc[bad_crc.size() - 8] ^= 1;
  temp_file g(bad_crc);
  const read_all c = read(g.path());
  EXPECT_EQ(c.result.what, read_result::kind::corrupt);
  EXPECT_NE(c.result.message.find("incorrect data check"), std::string::npos)
      << c.result.message;
}

TEST(LogReader, TrailingGarbageIsCorruptAfterAllTheData) {
  temp_file f(gzip_member(kLog) + "garbage\n");
  const read_all r = read(f.path());
  EXPECT_EQ(r.result.what, read_result::kind::corrupt);
  EXPECT_TRUE(r.result.message.starts_with("trailing garbage"));
  EXPECT_EQ(r.bytes, kLog);
}

TEST(LogReader, MissingFileAndDirectoryAreOsErrors) {
  const read_all r = read("/nonexistent/aptparse/history.log");
  EXPECT_EQ(r.result.what, read_result::kind::os_error);
  EXPECT_EQ(r.result.os_errno, ENOENT);
  const read_all d = read(fs::temp_directory_path().string());
  EXPECT_EQ(d.result.os_errno, EISDIR);
}

TEST(LogReader, StoppingEarlyEndsTheInflateThread) {
  temp_file f(gzip_member(big_log()));
  int calls = 0;
  const read_result r =
      read_log(f.path(), [&](std::string_view) { return ++calls < 2; },
               {4096, threads::always});
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(calls, 2);
}

TEST(Relay, ConsumesInOrderAndRethrowsTheProducersException) {
  relay r(4);
  int made = 0;
  std::string got;
  EXPECT_THROW(r.run(
                   [&](std::span<char> buf) -> std::size_t {
                     if (made == 5) throw std::runtime_error("producer");
                     buf[0] = static_cast<char>('a' + made++);
                     return 1;
                   },
                   [&](std::string_view c) {
                     got += c;
                     return true;
                   }),
               std::runtime_error);
  EXPECT_EQ(got, "abcde");  // what was made before the throw is consumed
}

// Standard input, here a pipe fed by another thread, written in small
// pieces so that the magic and the members arrive cut.
read_all read_stdin_fed_with(const std::string& data) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  const int saved = ::dup(STDIN_FILENO);
  ::dup2(fds[0], STDIN_FILENO);
  ::close(fds[0]);
  std::thread writer([&] {
    for (std::size_t i = 0; i < data.size(); i += 1000)
      EXPECT_GT(::write(fds[1], data.data() + i,
                        std::min<std::size_t>(1000, data.size() - i)),
                0);
    ::close(fds[1]);
  });
  read_all r = read("-");
  writer.join();
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  return r;
}

TEST(LogReader, GzipOnStandardInput) {
  const std::string plain = big_log();
  const read_all r =
      read_stdin_fed_with(gzip_member(plain) + gzip_member(kLog));
  EXPECT_TRUE(r.result.ok()) << r.result.message;
  EXPECT_EQ(r.bytes, plain + kLog);
  EXPECT_EQ(read_stdin_fed_with(kLog).bytes, kLog);
}

// Chunk-exactness over the corpus: a gzip'd log (in two members, cut at an
// odd place) parses to the events of the log itself.
std::string trace_of(const std::function<void(parser&)>& feed) {
  testing::event_trace t;
  parser p(t);
  feed(p);
  EXPECT_TRUE(p.finish().ok());
  return t.text;
}

class CorpusGzip : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusGzip, ParsesAsTheLogItself) {
  const std::string plain =
      testing::read_file(testing::corpus_dir() / (GetParam() + ".log"));
  const std::size_t half = plain.size() / 2 + 1;
  temp_file f(gzip_member(plain.substr(0, std::min(half, plain.size()))) +
              gzip_member(plain.substr(std::min(half, plain.size()))));
  const std::string want =
      trace_of([&](parser& p) { EXPECT_TRUE(p.feed(plain).ok()); });
  for (threads t : {threads::always, threads::never}) {
    for (std::size_t chunk : {std::size_t{61}, std::size_t{1} << 20}) {
      read_result r;
      const std::string got = trace_of([&](parser& p) {
        r = read_log(f.path(),
                     [&](std::string_view c) { return p.feed(c).ok(); },
                     {chunk, t});
      });
      EXPECT_TRUE(r.ok()) << r.message;
      EXPECT_EQ(got, want) << "chunk " << chunk;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Logs, CorpusGzip,
                         ::testing::ValuesIn(testing::corpus_logs()),
                         testing::corpus_param_name{});

}  // namespace
}  // namespace aptparse::io
