"""The `holidays` package's United States calendar, loaded without its 250 other countries.

Importing ``holidays.countries`` (which ``holidays.country_holidays`` does) imports every
country's module: three quarters of what a first calendar costs, for a run that needs one
country. The US module imports only the package's shared parts, so it is loaded here on its
own, under its own name; a later import of the whole package finds it in ``sys.modules`` and
uses it as is. Should the package's layout ever differ, the package's own way is taken.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import holidays

MODULE = "holidays.countries.united_states"


@lru_cache(maxsize=1)
def united_states() -> Any:
    """The ``UnitedStates`` class: called as ``country_holidays("US", ...)`` would be."""
    module = sys.modules.get(MODULE)
    if module is None and "holidays.countries" not in sys.modules:
        module = _load_alone()
    if module is None:
        return _by_package
    return module.UnitedStates


def _by_package(**options: Any) -> Any:
    return holidays.country_holidays("US", **options)


def _load_alone() -> Any:
    source = Path(holidays.__file__).parent / "countries" / "united_states.py"
    spec = importlib.util.spec_from_file_location(MODULE, source)
    if spec is None or spec.loader is None or not source.is_file():
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[MODULE] = module
    try:
        spec.loader.exec_module(module)
        module.UnitedStates  # noqa: B018 - the class this is for
    except Exception:  # noqa: BLE001 - a layout this was not written for: the package's way
        del sys.modules[MODULE]
        return None
    return module
