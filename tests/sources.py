"""Find an interview by its real file name, although sources are shown with the names in them
pseudonymised (``otter_denise.txt`` is cited as ``otter_P01.txt``)."""

from __future__ import annotations

import re

_CODE = re.compile(r"(?:P|M|I)\d{2,3}")


def is_file(shown: str, real_name: str) -> bool:
    """Whether ``shown`` (a cited source) can be the file called ``real_name``: the same name, with each
    pseudonym code in it standing for some text."""
    name = shown.rsplit("/", 1)[-1]
    pattern = ".+".join(re.escape(part) for part in _CODE.split(name))
    return re.fullmatch(pattern, real_name) is not None
