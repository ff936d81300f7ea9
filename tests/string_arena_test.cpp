#include "report/string_arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace aptparse {
namespace {

TEST(StringArena, ViewsStayValidAsItGrowsAndClearReusesItsBlock) {
  string_arena a;
  std::vector<std::string_view> views;
  std::vector<std::string> want;
  for (int i = 0; i < 2000; ++i) {
    want.push_back("package-" + std::to_string(i) + std::string(i % 37, 'x'));
    views.push_back(a.save(want.back()));
  }
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(views[i], want[i]);
  EXPECT_TRUE(a.save("").empty());
  const std::size_t grown = a.capacity();
  a.clear();
  EXPECT_GT(a.capacity(), 448u);  // the largest block is kept
  EXPECT_LT(a.capacity(), grown);
  EXPECT_EQ(a.save("again"), "again");
  // A save larger than any block gets a block of its own.
  const std::string big(1 << 20, 'b');
  EXPECT_EQ(a.save(big), big);
}

// save() copies short strings with fixed-size moves of its own: every size
// on both sides of their 4-, 8- and 16-byte bounds, from sources of exactly
// that size on the heap (so that ASan sees a read past one).
TEST(StringArena, SavesEveryShortSizeByteForByte) {
  string_arena a;
  std::vector<std::string_view> views;
  std::vector<std::string> want;
  for (std::size_t n = 1; n <= 40; ++n) {
    std::string text;
    for (std::size_t k = 0; k < n; ++k)
      text += static_cast<char>('A' + (n * 7 + k) % 26);
    const auto exact = std::make_unique<char[]>(n);
    std::memcpy(exact.get(), text.data(), n);
    views.push_back(a.save(std::string_view(exact.get(), n)));
    want.push_back(text);
  }
  for (std::size_t i = 0; i < want.size(); ++i)
    EXPECT_EQ(views[i], want[i]) << "size " << want[i].size();
}

TEST(StringArena, AllocateAlignsAndKeepsEarlierBytes) {
  string_arena a;
  const std::string_view odd = a.save("odd");
  for (int i = 0; i < 5000; ++i) {
    void* p = a.allocate(24, 8);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 8, 0u);
    std::memset(p, 0xff, 24);
  }
  EXPECT_EQ(odd, "odd");
}

TEST(StringArena, FullBlocksOfADestroyedArenaServeTheNextArena) {
  const std::string text(100'000, 't');
  auto fill = [&](string_arena& a) {  // past four full (1 MiB) blocks
    while (a.capacity() < (6u << 20)) a.save(text);
  };
  std::size_t before = 0;
  {
    string_arena a;
    fill(a);
    before = string_arena::cached_blocks();
  }
  const std::size_t given = string_arena::cached_blocks() - before;
  EXPECT_GE(given, 4u);  // the cache had room: no test fills it
  string_arena b;
  fill(b);
  EXPECT_EQ(string_arena::cached_blocks(), before);  // b took them back
}

TEST(StringArena, BlocksFrom128KiBOnAreCachedPowersOfTwo) {
  // An arena of 700 KiB has blocks of 128, 256 and 512 KiB (after the
  // doubling small ones): a second arena of the same content takes them
  // all from the cache and gives them back.
  const std::string text(10'000, 'p');
  auto fill = [&](string_arena& a) {
    std::vector<std::string_view> views;
    while (a.capacity() < (700u << 10)) views.push_back(a.save(text));
    for (std::string_view v : views) EXPECT_EQ(v, text);
  };
  std::size_t bytes = 0;
  std::size_t blocks = 0;
  {
    string_arena a;
    fill(a);
    bytes = string_arena::cached_bytes();
    blocks = string_arena::cached_blocks();
  }
  const std::size_t given = string_arena::cached_bytes() - bytes;
  EXPECT_EQ(given, std::size_t{(128 + 256 + 512) << 10});
  EXPECT_EQ(string_arena::cached_blocks() - blocks, 3u);
  {
    string_arena b;
    fill(b);
    EXPECT_EQ(string_arena::cached_bytes(), bytes);  // b took them back
  }
  EXPECT_EQ(string_arena::cached_bytes() - bytes, given);
}

TEST(StringArena, TheCacheHoldsAtMost64MiB) {
  const std::string text(100'000, 'c');
  {
    std::vector<std::unique_ptr<string_arena>> alive;
    for (int i = 0; i < 100; ++i) {  // 100 arenas of 2-3 MiB at once
      alive.push_back(std::make_unique<string_arena>());
      while (alive.back()->capacity() < (2u << 20)) alive.back()->save(text);
    }
  }
  EXPECT_LE(string_arena::cached_bytes(), std::size_t{64} << 20);
  EXPECT_GT(string_arena::cached_bytes(), std::size_t{63} << 20);  // it filled
}

TEST(StringArena, ThreadsShareTheCache) {
  // Arenas made and destroyed on four threads at once each read back what
  // they saved (a block handed to two arenas would mix their bytes; TSan
  // builds also see the cache's locking).
  auto work = [](char c, bool* ok) {
    const std::string text(50'000, c);
    for (int round = 0; round < 20; ++round) {
      string_arena a;
      std::vector<std::string_view> views;
      while (a.capacity() < (3u << 20)) views.push_back(a.save(text));
      for (std::string_view v : views) *ok = *ok && v == text;
    }
  };
  bool ok[4] = {true, true, true, true};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back(work, char('a' + i), &ok[i]);
  for (std::thread& t : threads) t.join();
  for (bool b : ok) EXPECT_TRUE(b);
  EXPECT_LE(string_arena::cached_bytes(), std::size_t{64} << 20);
}

}  // namespace
}  // namespace aptparse
