"""List numbers as a word processor shows them: counters per list level, formats, start values, restarts."""

ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl")]
ROMAN += [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
# Word's «russianLower» and «russianUpper» skip the letters that never number a list.
RUSSIAN_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def roman(value: int) -> str:
    result = []
    for amount, letters in ROMAN:
        while value >= amount:
            result.append(letters)
            value -= amount
    return "".join(result)


def letters(value: int, alphabet: str) -> str:
    """1 → a, 26 → z, 27 → aa (Word repeats the letter), as lists numbered by letters do."""
    value = max(value, 1)
    letter = alphabet[(value - 1) % len(alphabet)]
    return letter * ((value - 1) // len(alphabet) + 1)


def formatted(value: int, fmt: str) -> str:
    """One counter in a list format; the names are Word's (`numFmt`) and ODF's (`style:num-format`)."""
    if fmt in {"upperRoman", "I"}:
        return roman(value).upper()
    if fmt in {"lowerRoman", "i"}:
        return roman(value)
    if fmt in {"upperLetter", "A"}:
        return letters(value, LATIN_LETTERS).upper()
    if fmt in {"lowerLetter", "a"}:
        return letters(value, LATIN_LETTERS)
    if fmt in {"russianLower", "а"}:
        return letters(value, RUSSIAN_LETTERS)
    if fmt in {"russianUpper", "А"}:
        return letters(value, RUSSIAN_LETTERS).upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in {"none", ""}:
        return ""
    return str(value)


class Counters:
    """The counters of one list: numbering an item at a level resets every deeper level."""

    def __init__(self, starts):
        # `starts(level)` gives the value a level starts at.
        self.starts = starts
        self.values: dict[int, int] = {}

    def next(self, level: int) -> int:
        value = self.values[level] + 1 if level in self.values else self.starts(level)
        self.values[level] = value
        for deeper in [key for key in self.values if key > level]:
            del self.values[deeper]
        return value

    def restart(self, level: int, start: int):
        self.values[level] = start - 1
        for deeper in [key for key in self.values if key > level]:
            del self.values[deeper]

    def value(self, level: int) -> int:
        """The current value of a level, or its start when nothing at that level was numbered yet."""
        return self.values.get(level, self.starts(level))
