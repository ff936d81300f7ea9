// The fields of aptparse.Package (aptparse/_package.py), in its order, and
// how each is made of a C++ package: one table for the names that
// _set_types() checks and for the values convert.cpp makes.
#ifndef APTPARSE_PY_PACKAGE_FIELDS_H_
#define APTPARSE_PY_PACKAGE_FIELDS_H_

// X(name, value): `value` is a py::object made of `p`, a
// const aptparse::package& (expanded in convert.cpp, which defines the
// helpers it names). T(name, member): a text field, the cached str of
// p.member (cached_text).
#define APTPARSE_PY_PACKAGE_FIELDS(X, T)                      \
  T(name, name)                                               \
  T(arch, arch)                                               \
  T(old, old_version)                                         \
  T(new, new_version)                                         \
  T(origins, origins)                                         \
  T(note, note)                                               \
  X(alternatives, tuple_of(p.alternatives, cached_text))      \
  X(reason, enums().reason[static_cast<int>(p.reason)])       \
  X(purge, boolean(p.purge))                                  \
  X(automatic, boolean(p.automatic))                          \
  X(simulated, boolean(p.simulated))                          \
  T(suite, suite)                                             \
  X(security, p.security ? boolean(*p.security) : py::none()) \
  X(upgradable, boolean(p.upgradable))                        \
  X(installed, boolean(p.installed))                          \
  X(local, boolean(p.local))                                  \
  X(residual_config, boolean(p.residual_config))              \
  X(auto_removable, boolean(p.auto_removable))

#endif  // APTPARSE_PY_PACKAGE_FIELDS_H_
