"""Locations of industrial areas: GeoJSON geometries checked before they are stored,
drawn inside the map, and imported from a FeatureCollection all or nothing."""

import json
import random
import re
from decimal import Decimal

import pytest

from standort.indicators import geo, services
from standort.indicators.models import Site

from .factories import SiteFactory, square

# Geometries --------------------------------------------------------------------------


def test_a_point_is_kept_rounded_to_a_centimetre():
    point = {"type": "Point", "coordinates": [6.762345678, 51.43, 30]}
    assert geo.checked(point) == {"type": "Point", "coordinates": [6.7623457, 51.43]}


def test_an_open_ring_is_closed():
    ring = [[6.70, 51.40], [6.72, 51.40], [6.72, 51.42]]
    checked = geo.checked({"type": "Polygon", "coordinates": [ring]})
    assert checked["coordinates"] == [[*ring, ring[0]]]


def test_a_closed_ring_stays_as_it_is():
    polygon = square(6.7, 51.4)
    assert geo.checked(polygon) == polygon


def test_a_multipolygon_is_checked_polygon_by_polygon():
    open_ring = [[6.80, 51.50], [6.81, 51.50], [6.81, 51.51]]
    multi = {
        "type": "MultiPolygon",
        "coordinates": [square(6.7, 51.4)["coordinates"], [open_ring]],
        "bbox": [0, 0, 1, 1],  # what the geometry does not need is left out
    }
    checked = geo.checked(multi)
    assert checked == {
        "type": "MultiPolygon",
        "coordinates": [square(6.7, 51.4)["coordinates"], [[*open_ring, open_ring[0]]]],
    }


def _ring(count):
    """An open ring of `count` positions around a circle."""
    return [[6.7 + 0.01 * (i % 7), 51.4 + 0.0001 * i] for i in range(count)]


@pytest.mark.parametrize(
    "geometry",
    [
        None,
        "POINT(6.7 51.4)",
        {"type": "LineString", "coordinates": [[6.7, 51.4], [6.8, 51.5]]},
        {"type": "Point"},
        {"type": "Point", "coordinates": [6.7]},
        {"type": "Point", "coordinates": ["6.7", "51.4"]},
        {"type": "Point", "coordinates": [True, 51.4]},
        {"type": "Point", "coordinates": [181, 51.4]},
        {"type": "Point", "coordinates": [6.7, -90.5]},
        {"type": "Point", "coordinates": [51.4, 96.7]},  # latitude first
        {"type": "Point", "coordinates": [float("nan"), 51.4]},
        {"type": "Polygon", "coordinates": []},
        {"type": "Polygon", "coordinates": [[[6.7, 51.4], [6.8, 51.4], [6.7, 51.4]]]},
        {"type": "Polygon", "coordinates": [[[6.7, 51.4], [6.8, 51.4]]]},
        {"type": "Polygon", "coordinates": ["ring"]},
        {"type": "MultiPolygon", "coordinates": []},
        {"type": "MultiPolygon", "coordinates": [[]]},
        {"type": "Polygon", "coordinates": [_ring(geo.MAX_POSITIONS + 1)]},
        {
            "type": "MultiPolygon",
            "coordinates": [[_ring(geo.MAX_POSITIONS // 2)], [_ring(geo.MAX_POSITIONS // 2 + 1)]],
        },
    ],
)
def test_what_is_not_a_location_is_refused(geometry):
    with pytest.raises(geo.GeometryError):
        geo.checked(geometry)


def test_as_many_corners_as_allowed_are_taken():
    checked = geo.checked({"type": "Polygon", "coordinates": [_ring(geo.MAX_POSITIONS)]})
    assert len(checked["coordinates"][0]) == geo.MAX_POSITIONS + 1  # closed


# Drawing -------------------------------------------------------------------------------

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def drawn_points(shape):
    numbers = [float(n) for n in NUMBER.findall(shape.path)] + [float(shape.x), float(shape.y)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def assert_inside(projection):
    """Every corner and pin lies inside the map, with room for a pin at the edges (less
    the half pixel by which the map's height is rounded)."""
    assert projection.width == geo.MAP_WIDTH
    assert 0 < projection.height <= geo.MAX_HEIGHT
    low, high_x, high_y = (
        geo.MAP_PAD - 0.5,
        projection.width - geo.MAP_PAD + 0.5,
        projection.height - geo.MAP_PAD + 0.5,
    )
    for shape in projection.shapes.values():
        for x, y in drawn_points(shape):
            assert low <= x <= high_x and low <= y <= high_y, (x, y)


@pytest.mark.parametrize(
    "geometries",
    [
        # a city stretched east to west, and one north to south
        {
            1: square(6.60, 51.40),
            2: square(7.20, 51.42),
            3: {"type": "Point", "coordinates": [6.9, 51.41]},
        },
        {1: square(6.70, 51.00), 2: square(6.71, 52.00)},
        # one area alone, one point alone, two points on one latitude, on one meridian
        {1: square(6.70, 51.40, size=0.002)},
        {1: {"type": "Point", "coordinates": [6.7, 51.4]}},
        {
            1: {"type": "Point", "coordinates": [6.7, 51.4]},
            2: {"type": "Point", "coordinates": [6.8, 51.4]},
        },
        {
            1: {"type": "Point", "coordinates": [6.7, 51.4]},
            2: {"type": "Point", "coordinates": [6.7, 51.5]},
        },
        {
            1: {
                "type": "MultiPolygon",
                "coordinates": [square(6.7, 51.4)["coordinates"], square(6.9, 51.6)["coordinates"]],
            }
        },
    ],
)
def test_every_shape_lies_inside_the_map(geometries):
    projection = geo.project(geometries)
    assert set(projection.shapes) == set(geometries)
    assert_inside(projection)


@pytest.mark.parametrize("seed", range(8))
def test_random_areas_lie_inside_the_map(seed):
    rng = random.Random(seed)
    lon, lat = rng.uniform(-170, 170), rng.uniform(-60, 60)
    spread = rng.choice([0.001, 0.05, 0.5, 3])
    geometries = {
        n: square(lon + rng.uniform(0, spread), lat + rng.uniform(0, spread), rng.uniform(0, 0.01))
        if rng.random() < 0.7
        else {"type": "Point", "coordinates": [lon + rng.uniform(0, spread), lat]}
        for n in range(rng.randint(1, 12))
    }
    assert_inside(geo.project({k: geo.checked(g) for k, g in geometries.items()}))


def test_a_pin_stands_in_the_middle_of_its_area():
    projection = geo.project({1: square(6.7, 51.4), 2: square(6.8, 51.4)})
    left, right = projection.shapes[1], projection.shapes[2]
    assert float(left.x) < float(right.x)
    assert left.y == right.y
    xs = [x for x, _y in drawn_points(left)[:-1]]
    assert float(left.x) == pytest.approx((min(xs) + max(xs)) / 2, abs=0.1)


def test_nothing_to_draw_is_an_empty_map():
    assert geo.project({}) == geo.Projection(geo.MAP_WIDTH, 0, {})


# GeoJSON import --------------------------------------------------------------------------


def feature(geometry=None, **properties):
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": geometry or square(6.7, 51.4),
    }


def collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


@pytest.mark.parametrize(
    "content",
    [
        b"{kaputt",
        b"\xff\xfe",
        json.dumps({"type": "Feature"}).encode(),
        json.dumps([]).encode(),
        collection(),
        json.dumps({"type": "FeatureCollection", "features": [{"type": "Point"}]}).encode(),
        json.dumps(
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": []}]}
        ).encode(),
        collection({"type": "Feature", "properties": {"name": "A"}, "geometry": None}),
        collection(feature({"type": "Point", "coordinates": [200, 51]}, name="A")),
    ],
)
def test_a_file_that_is_not_a_collection_of_areas_is_refused(content):
    with pytest.raises(services.DomainError):
        services.read_geojson(content)


def test_the_features_are_read_with_their_numbers(db):
    read = services.read_geojson(
        collection(feature(name="A"), feature({"type": "Point", "coordinates": [6.7, 51.4]}))
    )
    assert [(number, properties) for number, properties, _geometry in read] == [
        (1, {"name": "A"}),
        (2, {}),
    ]
    assert read[1][2] == {"type": "Point", "coordinates": [6.7, 51.4]}


def sites_import(anna, duisburg, *features):
    return services.sites_import(
        actor=anna, initiative=duisburg, features=services.read_geojson(collection(*features))
    )


def stored_sites(initiative):
    return list(
        Site.objects.filter(initiative=initiative)
        .order_by("name")
        .values_list("name", "area_ha", "free_ha", "fibre")
    )


@pytest.mark.django_db
def test_areas_are_created_and_updated_by_name(duisburg, muelheim, anna):
    hochfeld = SiteFactory(initiative=duisburg, name="Hochfeld", area_ha=30, free_ha=5)
    SiteFactory(initiative=muelheim, name="Walsum", area_ha=9)  # Mülheim's, not touched

    counts = sites_import(
        anna,
        duisburg,
        feature(name="hochfeld", free_ha="1,5", glasfaser="vorhanden"),
        feature(Name="Walsum", flaeche_ha=34, frei_ha=21.5, Glasfaser="geplant"),
        feature(bezeichnung="Kaßlerfeld", area_ha="48", fibre="nein"),
    )

    assert counts == (2, 1)
    assert stored_sites(duisburg) == [
        ("Hochfeld", Decimal("30.00"), Decimal("1.50"), Site.Fibre.AVAILABLE),
        ("Kaßlerfeld", Decimal("48.00"), Decimal("0.00"), Site.Fibre.NONE),
        ("Walsum", Decimal("34.00"), Decimal("21.50"), Site.Fibre.PLANNED),
    ]
    hochfeld.refresh_from_db()
    assert hochfeld.geometry == square(6.7, 51.4)
    assert hochfeld.version == 2
    assert stored_sites(muelheim) == [("Walsum", Decimal("9.00"), Decimal("2.00"), "none")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("word", "fibre"),
    [
        ("vorhanden", Site.Fibre.AVAILABLE),
        ("Ja", Site.Fibre.AVAILABLE),
        ("available", Site.Fibre.AVAILABLE),
        (" Geplant ", Site.Fibre.PLANNED),
        ("planned", Site.Fibre.PLANNED),
        ("nein", Site.Fibre.NONE),
        ("NO", Site.Fibre.NONE),
    ],
)
def test_fibre_is_read_from_german_and_english_words(duisburg, anna, word, fibre):
    sites_import(anna, duisburg, feature(name="Hochfeld", area_ha=10, glasfaser=word))
    assert Site.objects.get().fibre == fibre


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        feature(area_ha=10),  # no name
        feature(name="Neudorf"),  # no size, and none stored
        feature(name="Neudorf", area_ha="viel"),
        feature(name="Neudorf", area_ha=-1),
        feature(name="Neudorf", area_ha=10_000_000),
        feature(name="Neudorf", area_ha=10, free_ha=11),
        feature(name="Neudorf", area_ha=10, glasfaser="bald"),
        feature(name="N" * 201, area_ha=10),
        feature(name="hochfeld", area_ha=10),  # the first feature's name again
    ],
)
def test_one_bad_feature_keeps_the_whole_file_out(duisburg, anna, bad):
    SiteFactory(initiative=duisburg, name="Hochfeld", area_ha=30, free_ha=5)
    before = stored_sites(duisburg)

    with pytest.raises(services.DomainError) as refused:
        sites_import(
            anna,
            duisburg,
            feature(name="Hochfeld", area_ha=31, free_ha=0, glasfaser="ja"),
            feature(name="Walsum", area_ha=34),
            bad,
        )

    # The feature at fault is named, by its number or its name.
    assert re.search(r"\b3\b|Neudorf", str(refused.value))
    assert stored_sites(duisburg) == before


@pytest.mark.parametrize(
    "ring",
    [
        [[6.7, 51.4], [6.7, 51.4], [6.7, 51.4], [6.7, 51.4]],
        [[6.7, 51.4], [6.8, 51.4], [6.7, 51.4], [6.8, 51.4]],
    ],
)
def test_a_ring_needs_three_different_corners(ring):
    with pytest.raises(geo.GeometryError):
        geo.checked({"type": "Polygon", "coordinates": [ring]})
