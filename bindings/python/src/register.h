// The parts of the module, each in its register_*.cpp.
#ifndef APTPARSE_PY_REGISTER_H_
#define APTPARSE_PY_REGISTER_H_

#include <pybind11/pybind11.h>

namespace aptparse_py {

void register_parse(pybind11::module_& m);    // parse(), to_json(), names
void register_parser(pybind11::module_& m);   // class Parser
void register_cli(pybind11::module_& m);      // run_cli(): the aptparse command
void register_compare(pybind11::module_& m);  // _compare(): plan vs outcome

}  // namespace aptparse_py

#endif  // APTPARSE_PY_REGISTER_H_
