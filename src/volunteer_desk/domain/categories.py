"""Service categories named by the source documents (SHEETS.md "Service content"), seeded once.

Seeded rows get name-derived UUIDs, so every installation has the same keys for them and a
committee merging many branches' bundles sees one 环境保护, not fifty.
"""

from __future__ import annotations

import uuid

_NAMESPACE = uuid.UUID("6f1c3a52-6d0e-4c5b-9a57-3d1f0e2b8c41")

SEEDED: dict[str, tuple[str, ...]] = {
    "便民服务 (seed 000)": (
        "便民利民", "扶贫帮困", "治安维稳", "文体娱乐", "环境保护", "信息咨询", "家政服务", "就学就医",
        "就业创业", "法律援助", "心理疏导",
    ),
    "应急服务 (seed 000)": ("抢险救援", "卫生防疫", "群众安置", "设施抢修", "心理安抚"),
    "社区服务 (seed 001)": (
        "政策法律法规咨询", "权益维护", "社会救助", "巡诊义诊", "环境卫生整治", "临时性、突击性义务工作",
    ),
    "四大服务 (seed 002)": ("尊老服务", "爱幼志愿服务", "帮农民工服务", "助残服务"),
    "服务志愿 (seed 003)": (
        "法律援助", "抢险救灾", "社会弱势群体帮助", "社区服务", "社区互动", "志愿者组织管理", "应急救助",
        "文明交通劝导", "关爱空巢老人", "大型赛会服务", "未成年人心理健康咨询", "科学普及", "社会治安",
        "文体健身", "扶残助残", "抚孤助贫", "道德引导",
    ),
    "五大类别 (seed 004)": ("党建引领", "专业对口", "关爱社会", "关爱他人", "关爱自然"),
    "关爱自然 (seed 004)": ("植树造林", "清洁环境", "垃圾分类", "节能减排"),
}


def seeded_id(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, name))


def seeded_categories() -> list[tuple[str, str, str, int]]:
    """(id, name, group, sort order), each name once: later documents repeat earlier ones."""
    rows: list[tuple[str, str, str, int]] = []
    seen: set[str] = set()
    for group, names in SEEDED.items():
        for name in names:
            if name not in seen:
                seen.add(name)
                rows.append((seeded_id(name), name, group, len(rows)))
    return rows
