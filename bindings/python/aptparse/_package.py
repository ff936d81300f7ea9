"""Package: one package as apt printed it."""

from __future__ import annotations

import dataclasses
from typing import Any, Literal, Optional

from . import _core
from ._frozen import _Frozen

Reason = Literal["", "kept_back", "phasing", "held"]

_LISTING_FLAGS = ("upgradable", "installed", "local", "residual_config", "auto_removable")


@dataclasses.dataclass(frozen=True, slots=True)
class Package(_core._LazyPackage, _Frozen):
    """One package as apt printed it. Empty strings mean "not printed"."""

    name: str
    arch: str = ""
    old: str = ""
    new: str = ""
    origins: str = ""
    note: str = ""
    alternatives: tuple[str, ...] = ()
    reason: Reason = ""
    purge: bool = False
    automatic: bool = False
    simulated: bool = False
    # the archive of the version: apt list's suites, or the run's Get: line
    suite: str = ""
    # a security archive (-security, Debian-Security, Ubuntu ESM); None:
    # the text names no origin
    security: Optional[bool] = None
    # apt list's bracket
    upgradable: bool = False
    installed: bool = False
    local: bool = False
    residual_config: bool = False
    auto_removable: bool = False

    def __repr__(self) -> str:
        parts = [repr(self.name)]
        for f in dataclasses.fields(self)[1:]:
            v = getattr(self, f.name)
            if v != f.default:
                parts.append(f"{f.name}={v!r}")
        return f"Package({', '.join(parts)})"

    def __str__(self) -> str:
        s = self.name + (f":{self.arch}" if self.arch else "")
        for alt in self.alternatives:
            s += f" | {alt}"
        if self.old and self.new:
            s += f" ({self.old} -> {self.new})"
        elif self.old or self.new:
            s += f" ({self.old or self.new})"
        return s

    @property
    def qualified_name(self) -> str:
        """``name:arch`` when the architecture is known, else ``name``."""
        return f"{self.name}:{self.arch}" if self.arch else self.name

    def to_dict(self) -> dict[str, Any]:
        """The package as in the JSON output (null for what was not
        printed, optional keys left out)."""
        d: dict[str, Any] = {
            "name": self.name,
            "arch": self.arch or None,
            "old": self.old or None,
            "new": self.new or None,
        }
        if self.origins:
            d["origins"] = self.origins
        if self.note:
            d["note"] = self.note
        if self.suite:
            d["suite"] = self.suite
        if self.security is not None:
            d["security"] = self.security
        if self.alternatives:
            d["alternatives"] = list(self.alternatives)
        if self.reason:
            d["reason"] = self.reason
        if self.purge:
            d["purge"] = True
        if self.automatic:
            d["automatic"] = True
        if self.simulated:
            d["simulated"] = True
        for flag in _LISTING_FLAGS:
            if getattr(self, flag):
                d[flag] = True
        return d
