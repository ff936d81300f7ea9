// The real logs of corpus/logs/, for the tests that replay all of them.
#ifndef APTPARSE_TESTS_SUPPORT_CORPUS_FILES_H_
#define APTPARSE_TESTS_SUPPORT_CORPUS_FILES_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace aptparse::testing {

inline std::filesystem::path corpus_dir() {
  return std::filesystem::path(APTPARSE_CORPUS_DIR) / "logs";
}

// The base names ("debian12-apt2.6.1-upgrade-s") of every corpus log.
inline std::vector<std::string> corpus_logs() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(corpus_dir(), ec))
    if (e.path().extension() == ".log") names.push_back(e.path().stem());
  std::sort(names.begin(), names.end());
  return names;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// gtest parameter names allow only [A-Za-z0-9_].
inline std::string test_name(std::string s) {
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

// INSTANTIATE_TEST_SUITE_P's name generator for corpus_logs() parameters.
struct corpus_param_name {
  template <class Info>
  std::string operator()(const Info& info) const {
    return test_name(info.param);
  }
};

}  // namespace aptparse::testing

#endif  // APTPARSE_TESTS_SUPPORT_CORPUS_FILES_H_
