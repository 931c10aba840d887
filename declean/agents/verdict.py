"""Reading a ``VERDICT: ...`` line out of a model's reply, as the judge and the adequacy reviewer answer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from declean.errors import ReplyParseError


@dataclass(frozen=True)
class Verdict:
    """Which of the verdict words the reply gave, and the first line after it (the stated reason)."""

    word: str
    """The verdict word, upper case with single spaces (``EQUIVALENT``, ``NOT EQUIVALENT`` ...)."""
    reason: str


def verdict_pattern(*words: str) -> re.Pattern[str]:
    """A pattern for ``VERDICT: <word>`` (any case, ``:``, ``=`` or ``-``, markdown bold) for ``words``."""
    alternatives = "|".join(word.replace(" ", r"\s+") for word in words)
    return re.compile(rf"VERDICT\s*[:=\-]?\s*\**\s*({alternatives})", re.IGNORECASE)


def find_verdict(reply: str, pattern: re.Pattern[str], who: str) -> Verdict:
    """Exactly one kind of verdict in ``reply``; none or contradicting ones: :class:`ReplyParseError`."""
    found = {re.sub(r"\s+", " ", match.upper()) for match in pattern.findall(reply)}
    if len(found) != 1:
        problem = "no VERDICT line" if not found else "contradicting VERDICT lines"
        raise ReplyParseError(f"{who} reply has {problem}", raw=reply)
    after = pattern.split(reply, maxsplit=1)[-1].strip()
    return Verdict(word=found.pop(), reason=after.splitlines()[0] if after else "")
