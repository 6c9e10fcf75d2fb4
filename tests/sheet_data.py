"""Test data shared by the domain, formspec and storage tests: valid ID numbers and filled-in sheets."""

from __future__ import annotations

from typing import Any

from stdnum.cn import ric


def id_number(birth: str = "19850603", *, region: str = "110105", sequence: str = "123") -> str:
    """A valid 18-character ID number; the check character is computed, never copied from somewhere."""
    body = region + birth + sequence
    return body + ric.calc_check_digit(body + "0")


def id_number_ending_in_x() -> str:
    """A valid number whose check character is X (sequence numbers are tried until one gives X)."""
    for sequence in range(1, 1000):
        number = id_number("19720814", region="320402", sequence=f"{sequence:03d}")
        if number.endswith("X"):
            return number
    raise AssertionError("no sequence gives X")  # pragma: no cover


def registration(**overrides: Any) -> dict[str, Any]:
    """Every field of forms/registration.toml filled the way the editor hands it over."""
    raw: dict[str, Any] = {
        "name": "张三",
        "sex": "male",
        "specialty": "书法",
        "photo": b"\x89PNG\r\n\x1a\n not really a picture",
        "birth_date": "1985.06",
        "height_cm": "172",
        "education": "bachelor",
        "district": "天宁区",
        "postcode": "213000",
        "major": "土木工程",
        "id_number": id_number("19850603", sequence="123"),
        "mobile": "13812345678",
        "email": "zhangsan@example.com",
        "phone": "0519-86661234",
        "work_unit": "常州市西林街道办事处",
        "position": "科员",
        "home_address": "常州市天宁区红梅西路 8 号",
        "qq": "12345678",
        "transport_subsidy": "self_collect",
        "service_intents": ["尊老服务", "助残服务"],
        "occupation_type": "机关党员干部",
        "availability": ["weekends", "holidays"],
        "availability_other": "工作日晚上",
        "experience": "2019 年起参加社区敬老志愿服务。\n2021 年参加疫情防控值守。",
        "pledge_signed_on": "2024-03-05",
        "political_status": "member",
        "joined_party_on": "2008-07-01",
        "unit_phone": "0519-86660000",
        "volunteer_number": "32041200012345",
        "organisation_id": "org-1",
    }
    raw.update(overrides)
    return raw
