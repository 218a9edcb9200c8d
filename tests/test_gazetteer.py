"""The gazetteer covers every Vietnamese province-level unit, before and after the 2025 mergers,
and the provinces along the East–West Economic Corridor."""

from conftest import GLOSSARY

from pipeline.terminology.glossary import load_glossary

# The 34 units from 1 July 2025 (Resolution 202/2025/QH15), each with the former provinces it took in.
AFTER_2025 = {
    "Hà Nội": [],
    "Huế": [],
    "Lai Châu": [],
    "Điện Biên": [],
    "Sơn La": [],
    "Lạng Sơn": [],
    "Quảng Ninh": [],
    "Thanh Hóa": [],
    "Nghệ An": [],
    "Hà Tĩnh": [],
    "Cao Bằng": [],
    "Tuyên Quang": ["Hà Giang"],
    "Lào Cai": ["Yên Bái"],
    "Thái Nguyên": ["Bắc Kạn"],
    "Phú Thọ": ["Vĩnh Phúc", "Hòa Bình"],
    "Bắc Ninh": ["Bắc Giang"],
    "Hưng Yên": ["Thái Bình"],
    "Hải Phòng": ["Hải Dương"],
    "Ninh Bình": ["Hà Nam", "Nam Định"],
    "Quảng Trị": ["Quảng Bình"],
    "Đà Nẵng": ["Quảng Nam"],
    "Quảng Ngãi": ["Kon Tum"],
    "Gia Lai": ["Bình Định"],
    "Khánh Hòa": ["Ninh Thuận"],
    "Lâm Đồng": ["Đắk Nông", "Bình Thuận"],
    "Đắk Lắk": ["Phú Yên"],
    "Thành phố Hồ Chí Minh": ["Bình Dương", "Bà Rịa – Vũng Tàu"],
    "Đồng Nai": ["Bình Phước"],
    "Tây Ninh": ["Long An"],
    "Cần Thơ": ["Sóc Trăng", "Hậu Giang"],
    "Vĩnh Long": ["Bến Tre", "Trà Vinh"],
    "Đồng Tháp": ["Tiền Giang"],
    "Cà Mau": ["Bạc Liêu"],
    "An Giang": ["Kiên Giang"],
}
# Before 2025 Huế was the province of Thừa Thiên Huế; every other unit kept its name.
BEFORE_2025 = ({*AFTER_2025} | {name for absorbed in AFTER_2025.values() for name in absorbed}) - {"Huế"} | {
    "Thừa Thiên Huế"
}
# From the Lao border westwards: Savannakhet, then the Thai provinces to the Myanmar border.
CORRIDOR = {
    "Savannakhet",
    "Mukdahan",
    "Kalasin",
    "Khon Kaen",
    "Phetchabun",
    "Phitsanulok",
    "Sukhothai",
    "Tak",
}
# The Lao provinces on the Vietnamese border from Quảng Trị's gates southwards, by English name:
# Khammouane faces Cha Lo (Quảng Trị from 2025), Savannakhet Lao Bảo, Salavan La Lay.
LAO_NEIGHBOURS = {"Khammouane", "Savannakhet", "Salavan", "Sekong", "Attapeu", "Champasak"}

CONCEPTS = {c.forms["vi"]: c for c in load_glossary(GLOSSARY).concepts if "vi" in c.forms}


def test_the_lists_are_complete():
    assert len(AFTER_2025) == 34 and len(BEFORE_2025) == 63


def test_every_province_level_unit_is_a_concept():
    for name in BEFORE_2025 | set(AFTER_2025) | CORRIDOR:
        assert name in CONCEPTS, name
        assert CONCEPTS[name].type in ("province", "city"), name
        assert CONCEPTS[name].status != "forbidden", name


def test_former_provinces_say_where_they_went():
    for unit, absorbed in AFTER_2025.items():
        for name in absorbed:
            note = CONCEPTS[name].note
            assert "2025" in note and unit.removeprefix("Thành phố ") in note, (name, note)


def test_the_lao_neighbours_are_provinces_in_lao_script():
    by_english = {c.forms["en"]: c for c in CONCEPTS.values() if c.type == "province"}
    for name in LAO_NEIGHBOURS:
        assert name in by_english, name
        assert "Lao province" in by_english[name].note, name
        assert all("\u0e80" <= char <= "\u0eff" for char in by_english[name].forms["lo"]), name
