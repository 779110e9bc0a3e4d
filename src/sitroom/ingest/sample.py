"""The bundled sample: four real reports of Aleppo, December 2016, with places and control."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sitroom.domain import ImportResult
from sitroom.geo.gazetteer import Gazetteer
from sitroom.ingest.control import load_bundled_control
from sitroom.ingest.places import load_bundled_places
from sitroom.ingest.reports import import_reports
from sitroom.progress import Progress, null_progress
from sitroom.store.database import Store

SAMPLE_PLACE = "Aleppo"
SAMPLE_DATE = "2016-12-09"


def sample_dir() -> Path:
    """The folder of the bundled sample inside the installed package."""
    return Path(str(resources.files("sitroom").joinpath("sample")))


def sample_reports() -> list[Path]:
    """The bundled report files, in name order."""
    return sorted((sample_dir() / "reports").glob("*.txt"))


def load_sample(
    store: Store, *, gazetteer: Gazetteer | None = None, progress: Progress = null_progress
) -> ImportResult:
    """Import the bundled sample into `store`: places, control observations, then the reports
    and their claims. A second run changes nothing. The result counts report files."""
    load_bundled_places(store)
    load_bundled_control(store)
    return import_reports(store, sample_reports(), gazetteer=gazetteer, progress=progress)
