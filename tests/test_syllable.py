import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize.syllable import Syllable, parse_syllable, render, retone, strip_marks

# Common syllables and the syllables of the corpus's names, in traditional style, lowercase NFC.
SYLLABLES = """
và của các những người được trong với cho không này đã có là một năm ngày tỉnh huyện xã thành phố
việt nam lào hội nghị chủ tịch đồng nhân dân thông tin đối ngoại cửa khẩu quốc tế hải quan xuất
nhập hàng hóa xe thủ tục điện tử thời gian giờ giữa giá gìn giữ giếng giúp giày giường giục quả
quyền quảng quý quê quần quái quạt quăng thuở khuya mùa chìa tiếng nguyễn đăng quang trị bảo lao
la lay vĩnh linh đông hà lăng cam lộ nội hướng hòa thủy khỏe lòe tùy úy hoàng huỳnh ngoài xoay
khuỷu yêu uống ếch ăn ở ý oanh uyên chuyện tuần xuân thuế huế muốn nước rượu cười gửi ghi nghĩa
nghệ kênh sạch mạnh triệu phong gio khe sanh cồn cỏ thạch hãn sơn biên phủ chí minh hoặc xoong
bình đảo mỹ lý kỹ thuật nhất ưu tiên hưu cứu kiểu khoảng loài ngoằn ngoèo khuyết
""".split()
NAMES = ["Nguyễn", "Đăng", "Quang", "Quảng", "Trị", "Hướng", "Hóa", "Đông", "Hà", "Vĩnh", "Linh"]

# (traditional, modern): the only syllables whose tone mark the two styles place differently.
STYLE_PAIRS = [
    ("hòa", "hoà"),
    ("thủy", "thuỷ"),
    ("khỏe", "khoẻ"),
    ("lòe", "loè"),
    ("tùy", "tuỳ"),
    ("úy", "uý"),
    ("Hòa", "Hoà"),
    ("HÒA", "HOÀ"),
    ("Thủy", "Thuỷ"),
    ("THỦY", "THUỶ"),
    ("Khỏe", "Khoẻ"),
    ("hÓa", "hOá"),
]
SAME_IN_BOTH_STYLES = (
    "hoàng quý thuở người khuya của mùa giữa chìa tiếng Nguyễn quả quyền Quảng giá giữ gìn hoặc huỳnh "
    "ngoài khoảng thuế khuỷu hoa thuy"
).split()


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("hòa", ("h", "o", "a", "", "huyen")),
        ("hoà", ("h", "o", "a", "", "huyen")),
        ("thủy", ("th", "u", "y", "", "hoi")),
        ("thuỷ", ("th", "u", "y", "", "hoi")),
        ("quý", ("qu", "", "y", "", "sac")),
        ("quyền", ("qu", "", "yê", "n", "huyen")),
        ("Quảng", ("qu", "", "a", "ng", "hoi")),
        ("QUỐC", ("qu", "", "ô", "c", "sac")),
        ("giá", ("gi", "", "a", "", "sac")),
        ("giữ", ("gi", "", "ư", "", "nga")),
        ("gìn", ("gi", "", "i", "n", "huyen")),
        ("giếng", ("gi", "", "iê", "ng", "sac")),
        ("giữa", ("gi", "", "ưa", "", "nga")),
        ("gửi", ("g", "", "ư", "i", "hoi")),
        ("Nguyễn", ("ng", "u", "yê", "n", "nga")),
        ("người", ("ng", "", "ươ", "i", "huyen")),
        ("khuya", ("kh", "u", "ya", "", "ngang")),
        ("khuỷu", ("kh", "u", "y", "u", "hoi")),
        ("ngoài", ("ng", "o", "a", "i", "huyen")),
        ("của", ("c", "", "ua", "", "hoi")),
        ("chìa", ("ch", "", "ia", "", "huyen")),
        ("tiếng", ("t", "", "iê", "ng", "sac")),
        ("thuở", ("th", "u", "ơ", "", "hoi")),
        ("tuần", ("t", "u", "â", "n", "huyen")),
        ("uống", ("", "", "uô", "ng", "sac")),
        ("yêu", ("", "", "yê", "u", "ngang")),
        ("ăn", ("", "", "ă", "n", "ngang")),
        ("Đông", ("đ", "", "ô", "ng", "ngang")),
        ("nghĩa", ("ngh", "", "ia", "", "nga")),
        ("Vĩnh", ("v", "", "i", "nh", "nga")),
        ("Lay", ("l", "", "a", "y", "ngang")),
        ("Lao", ("l", "", "a", "o", "ngang")),
        ("hoặc", ("h", "o", "ă", "c", "nang")),
        ("xoong", ("x", "", "oo", "ng", "ngang")),
        ("ếch", ("", "", "ê", "ch", "sac")),
        ("Bac", ("b", "", "a", "c", "ngang")),  # written without marks: accepted
    ],
)
def test_parse_splits_onset_glide_nucleus_coda_and_tone(word, parts):
    assert parse_syllable(word) == Syllable(*parts)


@pytest.mark.parametrize(
    "word",
    [
        "Savannakhet",
        "xyz",
        "2024",
        "Lao-Bao",
        "",
        " ",
        "Quảng Trị",
        "Đakrông",
        "Đắk",  # k is not a coda
        "bàá",  # two tone marks
        "hàt",  # huyền on a syllable closed by t
        "fa",
        "qu",
        "ngh",
        "ian",  # ia is open only
        "oă",  # ă needs a coda
        "bŷ",
        "a1",
    ],
)
def test_non_syllables_are_rejected(word):
    assert parse_syllable(word) is None


@pytest.mark.parametrize("word", SYLLABLES + NAMES)
def test_nfd_input_parses_like_nfc(word):
    assert parse_syllable(unicodedata.normalize("NFD", word)) == parse_syllable(word)


def test_round_trip_list_is_long_enough():
    assert len(set(SYLLABLES)) >= 100


@pytest.mark.parametrize("word", SYLLABLES + NAMES)
def test_render_of_parse_round_trips(word):
    s = parse_syllable(word)
    assert s is not None
    assert render(s) == word.lower()


@pytest.mark.parametrize(("traditional", "modern"), STYLE_PAIRS)
def test_retone_moves_the_mark_both_ways_keeping_case(traditional, modern):
    assert retone(traditional, "modern") == modern
    assert retone(modern, "traditional") == traditional
    assert retone(traditional, "traditional") == traditional
    assert retone(modern, "modern") == modern


@pytest.mark.parametrize(("traditional", "modern"), STYLE_PAIRS)
def test_render_places_the_mark_by_style(traditional, modern):
    s = parse_syllable(traditional)
    assert render(s, "traditional") == traditional.lower()
    assert render(s, "modern") == modern.lower()


@pytest.mark.parametrize("word", SAME_IN_BOTH_STYLES)
def test_styles_agree_elsewhere(word):
    s = parse_syllable(word)
    assert render(s, "traditional") == render(s, "modern") == word.lower()
    assert retone(word, "traditional") == retone(word, "modern") == word


def test_retone_takes_nfd_and_leaves_non_syllables_alone():
    assert retone(unicodedata.normalize("NFD", "Hòa"), "modern") == "Hoà"
    for word in ["Savannakhet", "2024", "Lao-Bao", "ok!"]:
        assert retone(word, "modern") == word


@st.composite
def cased_words(draw) -> str:
    word = draw(st.sampled_from(SYLLABLES + [modern for _, modern in STYLE_PAIRS]))
    upper = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    return "".join(char.upper() if up else char for char, up in zip(word, upper, strict=True))


@given(word=cased_words(), style=st.sampled_from(["traditional", "modern"]))
def test_retone_is_idempotent_and_keeps_letters_and_case(word, style):
    once = retone(word, style)
    assert retone(once, style) == once
    assert strip_marks(once) == strip_marks(word)


def test_strip_marks():
    assert strip_marks("Nguyễn Đăng Quang") == "Nguyen Dang Quang"
    assert strip_marks("ĐỒNG HÀ, Quảng Trị; Đakrông") == "DONG HA, Quang Tri; Dakrong"
    assert strip_marks(unicodedata.normalize("NFD", "Hướng Hóa")) == "Huong Hoa"


def test_strip_marks_preserves_length_and_other_scripts():
    text = " ".join(SYLLABLES + NAMES)
    assert len(strip_marks(text)) == len(text)
    assert strip_marks(text).isascii()
    untouched = "Savannakhet 2024 – ສະຫວັນນະເຂດ كوانغ تري"
    assert strip_marks(untouched) == untouched
