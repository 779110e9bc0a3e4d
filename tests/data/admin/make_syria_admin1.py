"""Write syria-admin1-cod.geojson and the shapefile syria-admin1-cod.* from geoBoundaries.

The input is the 14 governorates of ../shared/data/geo/syria-governorates.geojson
(geoBoundaries SYR ADM1, properties shapeName, shapeISO). The output has the columns of an
OCHA common operational dataset (COD-AB): ADM1_EN, ADM1_AR, ADM1_PCODE, ADM0_EN, ADM0_PCODE.
Geometries are copied as they are. Run from the repository root, with the source file:

    .venv/bin/python tests/data/admin/make_syria_admin1.py \
        ../shared/data/geo/syria-governorates.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapefile  # pyshp

HERE = Path(__file__).parent
NAME = "syria-admin1-cod"
# OCHA's P-codes and Arabic names of Syria's governorates, in the order of the COD (which the
# geoBoundaries file keeps): shapeName -> (ADM1_PCODE, ADM1_AR)
COD = {
    "Damascus": ("SY01", "دمشق"),
    "Aleppo": ("SY02", "حلب"),
    "Rural Damascus": ("SY03", "ريف دمشق"),
    "Homs": ("SY04", "حمص"),
    "Hama": ("SY05", "حماة"),
    "Lattakia": ("SY06", "اللاذقية"),
    "Idleb": ("SY07", "إدلب"),
    "Al-Hasakeh": ("SY08", "الحسكة"),
    "Deir-ez-Zor": ("SY09", "دير الزور"),
    "Tartous": ("SY10", "طرطوس"),
    "Ar-Raqqa": ("SY11", "الرقة"),
    "Dar'a": ("SY12", "درعا"),
    "As-Sweida": ("SY13", "السويداء"),
    "Quneitra": ("SY14", "القنيطرة"),
}
WGS84 = (
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)


def main(source: Path) -> None:
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    out = []
    for feature in features:
        name = feature["properties"]["shapeName"]
        pcode, arabic = COD[name]
        properties = {
            "ADM1_EN": name,
            "ADM1_AR": arabic,
            "ADM1_PCODE": pcode,
            "ADM0_EN": "Syrian Arab Republic",
            "ADM0_PCODE": "SY",
        }
        out.append({"type": "Feature", "properties": properties, "geometry": feature["geometry"]})
    out.sort(key=lambda f: f["properties"]["ADM1_PCODE"])
    document = {"type": "FeatureCollection", "features": out}
    (HERE / f"{NAME}.geojson").write_text(
        json.dumps(document, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    with shapefile.Writer(str(HERE / NAME), shapeType=shapefile.POLYGON, encoding="utf-8") as shp:
        for column in ("ADM1_EN", "ADM1_AR", "ADM1_PCODE", "ADM0_EN", "ADM0_PCODE"):
            shp.field(column, "C", size=50)
        for feature in out:
            shp.shape(feature["geometry"])
            shp.record(**feature["properties"])
    (HERE / f"{NAME}.prj").write_text(WGS84, encoding="ascii")
    (HERE / f"{NAME}.cpg").write_text("UTF-8", encoding="ascii")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
