// make_inputs: writes the on-disk benchmark inputs (never committed), built
// from the real corpus like bench_parser's in-memory ones:
//   DIR/mixed-{1,10,100,1000}MB.log   the mixed family (scaling, RSS)
//   DIR/cli-{0..N-1}.log              N files of M MB each (CLI -j runs),
//                                     each starting at a different log
// A file that exists with the right size is kept.
//   make_inputs DIR [--cli-files=8] [--cli-mb=100] [--big-mb=1000]
//   make_inputs DIR --family=NAME [--family-mb=100]   (only DIR/NAME-<MB>MB.log,
//                                                     e.g. for perf/callgrind)
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "bench_common.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: make_inputs DIR [--cli-files=N] [--cli-mb=M] [--big-mb=B]\n");
    return 2;
  }
  const std::string dir = argv[1];
  unsigned long long cli_files = 8, cli_mb = 100, big_mb = 1000, family_mb = 100;
  std::string only_family;
  for (int i = 2; i < argc; ++i) {
    if (std::strncmp(argv[i], "--family=", 9) == 0) {
      only_family = argv[i] + 9;
      continue;
    }
    if (std::sscanf(argv[i], "--family-mb=%llu", &family_mb) == 1) continue;
    if (std::sscanf(argv[i], "--cli-files=%llu", &cli_files) == 1) continue;
    if (std::sscanf(argv[i], "--cli-mb=%llu", &cli_mb) == 1) continue;
    if (std::sscanf(argv[i], "--big-mb=%llu", &big_mb) == 1) continue;
    std::fprintf(stderr, "make_inputs: unknown argument %s\n", argv[i]);
    return 2;
  }
  std::filesystem::create_directories(dir);
  const aptbench::family& mixed = aptbench::get_family("mixed");
  auto write = [&](const aptbench::input& in, const std::string& path) {
    if (!aptbench::write_input_file(in, path)) {
      std::fprintf(stderr, "make_inputs: cannot write %s\n", path.c_str());
      std::exit(2);
    }
    std::printf("%s\t%llu\t%llu\n", path.c_str(),
                static_cast<unsigned long long>(in.size()),
                static_cast<unsigned long long>(in.unit_transactions * in.reps));
  };
  if (!only_family.empty()) {
    write(aptbench::make_input(aptbench::get_family(only_family),
                               family_mb * 1'000'000, false),
          dir + "/" + only_family + "-" + std::to_string(family_mb) + "MB.log");
    return 0;
  }
  for (unsigned long long mb : {1ull, 10ull, 100ull, big_mb})
    write(aptbench::make_input(mixed, mb * 1'000'000, false),
          dir + "/mixed-" + std::to_string(mb) + "MB.log");
  for (unsigned long long i = 0; i < cli_files; ++i)
    write(aptbench::make_input(mixed, cli_mb * 1'000'000, false, i * 7),
          dir + "/cli-" + std::to_string(i) + ".log");
  return 0;
}
