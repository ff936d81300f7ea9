// Builds a value where a container's emplace_back() puts it: the result of
// `make` initialises the new element directly (guaranteed copy elision),
// where push_back(make()) builds a temporary and moves it (for a 152-byte
// package, once per package of a report).
#ifndef APTPARSE_SRC_REPORT_BUILT_IN_PLACE_H_
#define APTPARSE_SRC_REPORT_BUILT_IN_PLACE_H_

#include <type_traits>

namespace aptparse::detail {

template <class F>
struct built_in_place {
  F make;
  operator std::invoke_result_t<F&>() { return make(); }
};
template <class F>
built_in_place(F) -> built_in_place<F>;

}  // namespace aptparse::detail

#endif  // APTPARSE_SRC_REPORT_BUILT_IN_PLACE_H_
