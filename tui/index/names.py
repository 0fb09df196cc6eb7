"""Names across a corpus: one entry per name, short forms merged into long ones."""

from __future__ import annotations

from array import array
from collections import defaultdict


class NameEntry:
    """A name across the corpus: its type, its longest form, its mentions and articles."""

    __slots__ = ("key", "type", "name", "mentions", "_forms", "_articles", "_article_bytes")

    def __init__(self, key: tuple[str, str], type_: str, name: str, mentions: int = 0,
                 articles: set[int] | None = None, forms: set[str] | list[str] | None = None,
                 article_bytes: bytes | None = None) -> None:
        self.key = key  # (type, canonical name in lower case)
        self.type = type_
        self.name = name  # the canonical (longest) form
        self.mentions = mentions
        self._forms = forms if forms is not None else set()  # from the cache: a list, made a set when first asked
        self._articles = articles if articles is not None or article_bytes is not None else set()
        self._article_bytes = article_bytes  # from the cache: made into a set when first asked

    @property
    def forms(self) -> set[str]:
        """The forms the corpus writes the name in."""
        if not isinstance(self._forms, set):
            self._forms = set(self._forms)
        return self._forms

    @forms.setter
    def forms(self, forms: set[str]) -> None:
        self._forms = forms

    @property
    def articles(self) -> set[int]:
        if self._articles is None:
            numbers = array("I")
            numbers.frombytes(self._article_bytes or b"")
            self._articles, self._article_bytes = set(numbers), None
        return self._articles

    def sorted_articles(self) -> array:
        """Its articles' numbers in order, as the cache keeps them (without making the set
        of an entry read from the cache)."""
        numbers = array("I")
        if self._articles is None:
            numbers.frombytes(self._article_bytes or b"")
        else:
            numbers.extend(sorted(self._articles))
        return numbers

    def __repr__(self) -> str:
        return f"NameEntry({self.type} {self.name!r}, {self.mentions} mentions)"


def entry_key(type_: str, canonical: str) -> tuple[str, str]:
    """A name entry's key: its type and its canonical form in lower case, without a
    closing period ("Goldman, Sachs and Co." is "Goldman, Sachs and Co" ending a sentence)."""
    return (type_, canonical.lower().rstrip("."))


def merge_short_person_names(
    entries: dict[tuple[str, str], NameEntry],
) -> tuple[dict[tuple[str, str], NameEntry], dict[tuple[str, str], tuple[str, str]]]:
    """A lone surname ("Trump") joins the one full name that ends with it ("Donald Trump")
    when the corpus knows exactly one such person.  The entries given are left as they
    are: a full name that is joined is a new entry (see `unmerged`)."""
    full_by_last: dict[str, list[NameEntry]] = defaultdict(list)
    for entry in entries.values():
        words = entry.name.split()
        if entry.type == "PER" and len(words) > 1:
            full_by_last[words[-1].lower()].append(entry)
    merged = dict(entries)
    aliases: dict[tuple[str, str], tuple[str, str]] = {}
    for key, entry in entries.items():
        # A lone word typed ORG got that type only by default; places come from word lists.
        # An acronym ("EC") is nobody's surname.
        if entry.type not in ("PER", "ORG") or " " in entry.name or entry.name.isupper():
            continue
        candidates = full_by_last.get(entry.name.lower(), [])
        if len(candidates) == 1:
            full = candidates[0]
            target = merged[full.key]
            if target is full:
                target = merged[full.key] = NameEntry(full.key, full.type, full.name, full.mentions,
                                                      set(full.articles), set(full.forms))
            target.mentions += entry.mentions
            target.articles.update(entry.articles)
            target.forms |= entry.forms
            aliases[key] = target.key
            del merged[key]
    return merged, aliases


def unmerged(entries: dict[tuple[str, str], NameEntry], aliases: dict[tuple[str, str], tuple[str, str]]
             ) -> dict[tuple[str, str], NameEntry]:
    """The entries that `merge_short_person_names` joined, as they were before: what it
    needs to merge again when the corpus grows (a second full name can part them)."""
    return {key: entries[key] for key in {**aliases, **dict.fromkeys(aliases.values())}}
