// Flat records: the columns of aptparse.records() (one row per package per
// set) and aptparse.transaction_records() (one row per transaction),
// filled straight from the C++ transactions.
//
// Each column is defined once, in records.cpp, as (name, kind, the cell of a
// row), which gives it a loop that fills it a block of rows at a time. From
// that table come the columns' names and kinds that Python reads
// (_core.RECORD_COLUMNS), and both outputs, which a column_builder
// (column_builder.h) collects:
//   * Arrow buffers (validity bitmap, offsets, values), from which pyarrow
//     makes arrays without a Python object per cell: to_arrow(), to_pandas();
//   * Python lists, one per column: to_pydict(), iteration as dicts.
// Every function needs the GIL.
#ifndef APTPARSE_PY_RECORDS_H_
#define APTPARSE_PY_RECORDS_H_

#include <pybind11/pybind11.h>

namespace aptparse_py {

namespace py = pybind11;

// _core.RECORD_COLUMNS and _core._record_columns().
void register_records(py::module_& m);

}  // namespace aptparse_py

#endif  // APTPARSE_PY_RECORDS_H_
