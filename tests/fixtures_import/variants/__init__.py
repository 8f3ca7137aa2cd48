"""Variants of job descriptions for the importer: the same content in many layouts and formats.

`variants(seed)` prints every instruction of `content.py` in layouts drawn with a seeded random
generator (so the same seed always gives the same files), each with the gold file of what a person
reads in it. `evaluate(parse)` scores the importer on all of them, in total, per format and per
value of every layout family. Nothing is written to disk.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, replace

from jobdesc.library.importer.evaluation import Score, score

from .content import INSTRUCTIONS, Instruction, gold
from .formats import OPTIONS, render
from .layouts import Layout, page, title_suffix

SEED = 17
# Variants per instruction and format.
PER_FORMAT = {"txt": 8, "docx": 9, "html": 7, "rtf": 2, "odt": 2}


@dataclass
class Variant:
    name: str
    layout: Layout
    data: bytes
    gold: dict
    instruction: str

    @property
    def filename(self) -> str:
        return f"{self.name}.{self.layout.fmt}"


def draw(instruction: Instruction, fmt: str, rng: random.Random) -> Layout:
    """One layout a format can print, with the combinations no author would make taken out."""
    options = OPTIONS[fmt]
    layout = Layout(fmt=fmt, **{name: rng.choice(values) for name, values in options.items()})
    if fmt == "txt":
        hard_wrap = rng.random() < 0.25
        layout = replace(layout, blank_lines=hard_wrap or rng.random() < 0.6, hard_wrap=hard_wrap)
    if instruction.language != "ru" and layout.title not in {"caps_one_line", "two_lines", "two_lines_caps", "number"}:
        layout = replace(layout, title=rng.choice(["caps_one_line", "two_lines", "sentence"]))
    if layout.title in {"department", "department_label"} and not instruction.department:
        layout = replace(layout, title="two_lines")
    if fmt == "docx":
        if layout.numbering == "word_multilevel" or layout.headings == "word_numbered":
            layout = replace(layout, numbering="word_multilevel", headings="word_numbered", heading_style="style")
        if layout.numbering == "continuous" and layout.headings == "numbered":
            layout = replace(layout, heading_style="style")
    elif layout.numbering == "continuous" and layout.headings == "numbered":
        # «1. Общие положения» over «1. Инженер …» reads as a clause: such texts number sections in Roman.
        layout = replace(layout, headings="roman")
    if fmt == "odt" and layout.headings == "word_numbered" and layout.numbering == "typed":
        layout = replace(layout, numbering="auto_list")
    if layout.heading_style == "none" and layout.headings == "plain" and fmt != "txt":
        layout = replace(layout, heading_case="caps")
    if layout.header == "two_columns" and layout.title not in {"department", "two_lines"}:
        # The form names the position in the genitive under the title, whatever title form was drawn.
        layout = replace(layout, title="two_lines")
    if layout.wrapper == "article" and fmt not in {"txt", "html"}:
        # Only a web page, or a web page saved as text, wraps the sample in an article.
        layout = replace(layout, wrapper="none")
    return layout


def variants(seed: int = SEED, only: set[str] | None = None) -> list[Variant]:
    """Every variant, or those of the instructions named in `only` (drawn the same either way)."""
    rng = random.Random(seed)
    result = []
    for instruction in INSTRUCTIONS:
        for fmt, count in PER_FORMAT.items():
            for index in range(count):
                layout = draw(instruction, fmt, rng)
                if only is not None and instruction.name not in only:
                    continue
                name = f"{instruction.name}-{fmt}-{index:02d}"
                data = render(page(instruction, layout), layout, instruction.language, name)
                expected = gold(instruction, title_suffix(instruction, layout))
                result.append(Variant(name, layout, data, expected, instruction.name))
    return result


@dataclass
class Report:
    total: Score
    by_format: dict[str, Score]
    by_family: dict[str, dict[str, Score]]
    by_variant: dict[str, Score]

    def table(self) -> str:
        """The scores as a plain-text table: total, per format, per value of each layout family."""
        rows = [("all", "", self.total)]
        rows += [("format", fmt, result) for fmt, result in sorted(self.by_format.items())]
        for family, values in self.by_family.items():
            rows += [(family, value, result) for value, result in sorted(values.items())]
        lines = [f"{'family':14} {'value':24} {'files':>5} {'recall':>7} {'section':>7} {'precis.':>7} {'title':>6}"]
        for family, value, result in rows:
            lines.append(
                f"{family:14} {value:24} {result.files:5d} {result.recall:7.3f} {result.section_accuracy:7.3f} "
                f"{result.precision:7.3f} {result.title_accuracy:6.3f}"
            )
        return "\n".join(lines)


def evaluate(parse: Callable[[str, bytes], object], seed: int = SEED) -> Report:
    """Scores of `parse(filename, data)` — the document the importer makes of a file, or None — on every variant."""
    total, by_format, by_family, by_variant = _Score(), {}, {}, {}
    for variant in variants(seed):
        result = _Score()
        result.add(score(variant.gold, parse(variant.filename, variant.data), variant.filename))
        result.files = 1
        by_variant[variant.filename] = result
        total.add(result)
        by_format.setdefault(variant.layout.fmt, _Score()).add(result)
        for family, value in variant.layout.families().items():
            by_family.setdefault(family, {}).setdefault(value, _Score()).add(result)
    return Report(total, by_format, by_family, by_variant)


class _Score(Score):
    """A score that also counts the files it sums."""

    def __init__(self):
        super().__init__()
        self.files = 0

    def add(self, other):
        super().add(other)
        self.files += getattr(other, "files", 0)
