#include "util/scratch_buffer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <thread>

namespace aptparse {
namespace {

// Runs `f` on a thread of its own: its spare buffer starts empty, whatever
// the tests before did.
template <typename F>
void on_new_thread(F f) {
  std::thread(f).join();
}

TEST(ScratchBuffer, TheThreadsNextBufferIsTheLastOne) {
  on_new_thread([] {
    const char* first = nullptr;
    {
      scratch_buffer a(1 << 20);
      first = a.data();
      std::memset(a.data(), 'x', a.size());
    }
    scratch_buffer b(4096);  // smaller: the kept 1 MiB serves it
    EXPECT_EQ(b.data(), first);
    EXPECT_EQ(b.size(), std::size_t{1} << 20);
    EXPECT_EQ(b.data()[12345], 'x');  // the same bytes, not a copy
  });
}

TEST(ScratchBuffer, NestedBuffersAreDistinctAndTheLargerIsKept) {
  on_new_thread([] {
    const char* inner_bytes = nullptr;
    {
      scratch_buffer outer(256 << 10);
      scratch_buffer inner(512 << 10);  // the spare is in use: a fresh one
      EXPECT_NE(outer.data(), inner.data());
      EXPECT_EQ(inner.size(), std::size_t{512} << 10);
      inner_bytes = inner.data();
    }  // inner released first, then outer, smaller: inner's is kept
    scratch_buffer again(300 << 10);
    EXPECT_EQ(again.data(), inner_bytes);
    EXPECT_EQ(again.size(), std::size_t{512} << 10);
  });
}

TEST(ScratchBuffer, BuffersPastTheLimitAreNotKept) {
  on_new_thread([] {
    { scratch_buffer small(64 << 10); }
    { scratch_buffer big(scratch_buffer::kMaxKeptBytes + 1); }
    scratch_buffer next(1024);  // the spare is still the small one
    EXPECT_EQ(next.size(), std::size_t{64} << 10);
  });
}

TEST(ScratchBuffer, ThreadsDoNotShareBuffers) {
  on_new_thread([] {
    const char* mine = nullptr;
    {
      scratch_buffer a(128 << 10);
      mine = a.data();
    }
    const char* theirs = nullptr;
    std::thread t([&] {
      scratch_buffer b(128 << 10);
      theirs = b.data();
    });
    t.join();
    EXPECT_NE(theirs, mine);
    scratch_buffer c(128 << 10);
    EXPECT_EQ(c.data(), mine);
  });
}

}  // namespace
}  // namespace aptparse
