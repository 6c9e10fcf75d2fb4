"""Tables for services.demo: names, places, work units and ID-number regions around Changzhou 武进.

Every character here must be drawable by the printing font; tests/services/test_demo.py checks the lot.
"""

from __future__ import annotations

import functools

from stdnum import numdb

# (surname, approximate share in ‰). The top ~100 follow the national frequency ranking; the tail are rare
# surnames whose reading as a surname differs (单 shan, 区 ou …) or compound ones, so search and sorting
# meet them in practice.
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 71.2), ("李", 70.0), ("张", 67.4), ("刘", 51.0), ("陈", 46.1), ("杨", 32.2), ("黄", 24.5),
    ("赵", 21.9), ("吴", 20.5), ("周", 18.8), ("徐", 16.6), ("孙", 15.4), ("马", 14.3), ("朱", 13.0),
    ("胡", 12.9), ("郭", 11.7), ("何", 11.5), ("高", 10.7), ("林", 10.5), ("罗", 9.5), ("郑", 9.3),
    ("梁", 8.8), ("谢", 8.1), ("宋", 7.7), ("唐", 7.5), ("许", 7.1), ("韩", 6.9), ("冯", 6.6), ("邓", 6.3),
    ("曹", 6.1), ("彭", 5.9), ("曾", 5.7), ("肖", 5.5), ("田", 5.4), ("董", 5.2), ("袁", 5.1), ("潘", 5.0),
    ("于", 4.9), ("蒋", 4.8), ("蔡", 4.7), ("余", 4.6), ("杜", 4.5), ("叶", 4.4), ("程", 4.3), ("苏", 4.2),
    ("魏", 4.1), ("吕", 4.0), ("丁", 3.9), ("任", 3.8), ("沈", 3.7), ("姚", 3.6), ("卢", 3.5), ("姜", 3.4),
    ("崔", 3.3), ("钟", 3.2), ("谭", 3.1), ("陆", 3.0), ("汪", 2.9), ("范", 2.8), ("金", 2.7), ("石", 2.6),
    ("廖", 2.5), ("贾", 2.4), ("夏", 2.3), ("韦", 2.2), ("付", 2.1), ("方", 2.0), ("白", 1.9), ("邹", 1.8),
    ("孟", 1.7), ("熊", 1.6), ("秦", 1.5), ("邱", 1.5), ("江", 1.4), ("尹", 1.4), ("薛", 1.3), ("闫", 1.3),
    ("段", 1.2), ("雷", 1.2), ("侯", 1.1), ("龙", 1.1), ("史", 1.0), ("陶", 1.0), ("黎", 1.0), ("贺", 0.9),
    ("顾", 0.9), ("毛", 0.9), ("郝", 0.8), ("龚", 0.8), ("邵", 0.8), ("万", 0.8), ("钱", 0.8), ("严", 0.7),
    ("覃", 0.7), ("武", 0.7), ("戴", 0.7), ("莫", 0.6), ("孔", 0.6), ("向", 0.6), ("汤", 0.6), ("华", 0.5),
    ("缪", 0.4), ("翟", 0.4), ("瞿", 0.3), ("单", 0.3), ("查", 0.2), ("解", 0.2), ("仇", 0.2), ("柏", 0.2),
    ("区", 0.1), ("朴", 0.1), ("欧阳", 0.3), ("司马", 0.05), ("尉迟", 0.02),
)

# Given-name characters by the sex they are usual for; NEUTRAL goes with either.
MALE_CHARS = "伟强磊军勇杰涛明超刚平辉鹏飞鑫波斌宇浩凯健俊帆旭宁龙峰建国志东兵亮成锋立德永忠晨博轩泽睿彬炜坤毅庆荣祥福兴良胜松山"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀英玲桂兰萍红燕梅琳倩婷雪慧颖洁琴莉丹凤晶欣悦怡璐蕾瑶雯婉琪菲蓉薇妍岚莹媛萱楠"
NEUTRAL_CHARS = "文春玉金海晓子思嘉雨佳华新林云月清一"
# Whole given names typical of a generation: born before 1970, and born 1990 or later.
OLDER_GIVEN = {
    "male": ("建国", "国庆", "卫东", "建华", "建平", "国强", "志强", "建军", "国平", "德明", "永康", "红兵", "建新"),
    "female": ("秀英", "桂英", "玉兰", "秀兰", "凤英", "桂兰", "玉珍", "美华", "红梅", "建英", "淑华", "丽华"),
}
YOUNGER_GIVEN = {
    "male": ("子轩", "浩然", "宇航", "俊杰", "家豪", "梓豪", "宇轩", "一鸣", "天宇", "思远", "泽宇", "博文"),
    "female": ("欣怡", "梓涵", "雨涵", "诗涵", "思琪", "佳怡", "雨萱", "可欣", "子涵", "梦瑶", "语嫣", "心怡"),
}

# Where the branch is: (district, weight, postcodes, towns and sub-districts).
DISTRICTS: tuple[tuple[str, float, tuple[str, ...], tuple[str, ...]], ...] = (
    ("武进区", 55, ("213100", "213101", "213102", "213103", "213151", "213159", "213161", "213164", "213165"),
     ("西湖街道", "湖塘镇", "牛塘镇", "洛阳镇", "前黄镇", "礼嘉镇", "雪堰镇", "嘉泽镇", "湟里镇", "南夏墅街道")),
    ("天宁区", 9, ("213000", "213001", "213002", "213003", "213017"),
     ("天宁街道", "雕庄街道", "青龙街道", "红梅街道", "茶山街道", "兰陵街道", "郑陆镇")),
    ("钟楼区", 9, ("213000", "213011", "213015", "213016", "213023"),
     ("南大街街道", "荷花池街道", "新闸街道", "五星街道", "永红街道", "北港街道", "西林街道", "邹区镇")),
    ("新北区", 12, ("213022", "213031", "213032", "213033", "213125", "213127", "213133"),
     ("三井街道", "河海街道", "龙虎塘街道", "新桥街道", "薛家镇", "罗溪镇", "西夏墅镇", "孟河镇", "春江街道")),
    ("经开区", 6, ("213011", "213012", "213025"), ("戚墅堰街道", "潞城街道", "丁堰街道", "横山桥镇", "横林镇", "遥观镇")),
    ("金坛区", 5, ("213200", "213211", "213213", "213215"), ("金城镇", "儒林镇", "直溪镇", "朱林镇", "薛埠镇", "东城街道")),
    ("溧阳市", 4, ("213300", "213311", "213341", "213351"), ("溧城街道", "天目湖镇", "别桥镇", "上兴镇", "竹箦镇")),
)
ESTATES = ("阳光花园", "锦绣家园", "翠竹新村", "凤凰名都", "丽华新村", "清潭新村", "红梅新村", "湖滨花园", "星河丹堤",
           "九洲花园", "聚湖雅苑", "滨湖公寓", "府西花园", "延政花苑", "常发豪庭", "盛世名门", "东方花园", "兰陵新村")
VILLAGES = ("新安", "东方", "前进", "红星", "丰收", "联合", "永安", "长沟", "塘桥", "庙桥", "夏溪", "寨桥", "坂上",
            "焦溪", "漕桥", "南宅", "杨桥", "马杭")
COMMUNITIES = ("阳光", "和平", "花园", "滨湖", "星河", "湖滨", "翠苑", "清潭", "丽华", "永宁", "兰陵", "勤业", "新城",
               "人民", "聚湖", "浦前", "御城", "长虹")

# Kinds of work unit: occupation type (Sheet A 职业类型), weight among working volunteers, unit names
# ({town} is filled in; {short} is the town without 镇/街道; {office} its 人民政府 or 办事处), the position written by those retired from
# it, positions, specialties and majors that fit.
UNIT_KINDS: dict[str, dict] = {
    "government": {
        "occupation": "机关党员干部", "weight": 22,
        "units": ("常州市武进区人民政府办公室", "常州市武进区财政局", "常州市武进区民政局", "常州市武进区司法局",
                  "常州市武进区人力资源和社会保障局", "常州市武进区市场监督管理局", "常州市武进区农业农村局",
                  "常州市武进区城市管理局", "常州市武进区统计局", "{office}", "{office}"),
        "retired": "退休干部",
        "positions": ("科员", "一级科员", "办事员", "副科长", "科长", "副主任", "主任", "四级主任科员", "党建指导员"),
        "specialties": ("写作", "宣讲", "法律咨询", "书法", "政策解读"),
        "majors": ("行政管理", "法学", "会计学", "汉语言文学", "经济学", "公共事业管理", "计算机科学与技术"),
    },
    "hospital": {
        "occupation": "机关党员干部", "weight": 7,
        "units": ("常州市武进人民医院", "常州市第一人民医院", "常州市第二人民医院", "常州市中医医院",
                  "{short}卫生院", "{town}社区卫生服务中心"),
        "retired": "退休医生",
        "positions": ("医生", "主治医师", "副主任医师", "护士", "护士长", "药剂师", "检验师"),
        "specialties": ("医疗护理", "急救培训", "健康讲座", "中医推拿", "心理咨询"),
        "majors": ("临床医学", "护理学", "药学", "医学检验技术", "中医学", "预防医学"),
    },
    "community": {
        "occupation": "社区党员", "weight": 15,
        "units": ("{town}{community}社区居委会", "{town}{community}社区党群服务中心", "{town}{community}社区"),
        "retired": "退休职工",
        "positions": ("社区工作者", "网格员", "居委会委员", "社区书记", "社区主任", "楼道长", "个体工商户", "灵活就业"),
        "specialties": ("文艺演出", "广场舞", "理发", "烹饪", "调解纠纷", "编织"),
        "majors": ("社会工作", "行政管理", "会计", "市场营销"),
    },
    "enterprise": {
        "occupation": "企业党员", "weight": 30,
        "units": ("常州恒达精密机械有限公司", "常州华晨电子科技有限公司", "江苏新亚纺织股份有限公司",
                  "常州金源新材料有限公司", "常州博远光伏科技有限公司", "江苏瑞丰物流有限公司",
                  "常州东方建设工程有限公司", "常州天衡模具有限公司", "江苏常力电气有限公司",
                  "江南农村商业银行{short}支行", "中国移动常州分公司", "国网常州供电公司"),
        "retired": "退休职工",
        "positions": ("技术员", "工程师", "车间主任", "会计", "出纳", "销售经理", "质检员", "生产工人", "行政主管",
                      "人事专员", "项目经理", "客户经理", "党支部书记"),
        "specialties": ("电脑维修", "家电维修", "水电维修", "驾驶", "摄影", "电工"),
        "majors": ("机械设计制造及其自动化", "电气工程及其自动化", "计算机科学与技术", "工商管理", "会计学",
                   "市场营销", "材料科学与工程", "国际经济与贸易", "机电一体化", "金融学"),
    },
    "village": {
        "occupation": "农村党员", "weight": 12,
        "units": ("{town}{village}村村民委员会", "{town}{village}村股份经济合作社", "{village}村"),
        "retired": "退休村干部",
        "positions": ("村民", "村委委员", "村会计", "种植大户", "养殖户", "合作社社员", "网格员"),
        "specialties": ("农技指导", "果树栽培", "水电维修", "农机维修", "淡水养殖"),
        "majors": ("农学", "园艺", "畜牧兽医", "水产养殖"),
    },
    "school": {
        "occupation": "学校党员", "weight": 14,
        "units": ("{short}中心小学", "{short}初级中学", "常州市武进区湖塘实验中学", "常州市武进区星河实验小学", "江苏省前黄高级中学", "常州市第一中学", "常州大学", "常州工学院",
                  "常州机电职业技术学院", "{town}中心幼儿园"),
        "retired": "退休教师",
        "positions": ("教师", "班主任", "教研组长", "年级组长", "副校长", "教务主任", "辅导员", "后勤主任"),
        "specialties": ("课业辅导", "书法", "绘画", "心理咨询", "英语", "器乐"),
        "majors": ("汉语言文学", "数学与应用数学", "英语", "思想政治教育", "体育教育", "学前教育", "物理学"),
    },
}
GENERAL_SPECIALTIES = ("书法", "摄影", "文艺演出", "太极拳", "合唱", "乒乓球", "象棋", "剪纸", "绘画", "器乐",
                       "法律咨询", "医疗护理", "电脑维修")

EXPERIENCES = (
    "曾参加社区敬老院慰问活动。",
    "{year}年起参加文明交通劝导志愿服务。",
    "多次参加无偿献血。",
    "参加过疫情防控卡口值守和核酸检测秩序维护。",
    "参与社区义诊和健康咨询活动。",
    "担任关爱留守儿童辅导员，每周陪伴学习。",
    "参加环境整治和垃圾分类宣传志愿服务。",
    "结对帮扶一户困难家庭，定期上门走访。",
    "{year}年参加马拉松赛会志愿服务。",
    "在社区开展法律知识宣传和纠纷调解。",
    "为辖区孤寡老人提供助餐、助洁服务。",
    "参与防汛抢险值守。",
)
AVAILABILITY_OTHER = ("工作日晚上", "每周三下午", "寒暑假", "工作日18点以后", "周末上午", "每月第一个周六")
EMAIL_DOMAINS = ("163.com", "126.com", "sina.com", "139.com", "foxmail.com", "sohu.com")
MOBILE_PREFIXES = ("130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151", "152",
                   "153", "155", "156", "157", "158", "159", "166", "173", "177", "180", "181", "182", "183", "187",
                   "188", "189", "191", "198", "199")
# Not Jiangsu: where incomers to Changzhou most often come from (安徽 山东 河南 浙江 江西 湖北 湖南 四川).
OTHER_PROVINCES = ("34", "37", "41", "33", "36", "42", "43", "51")
# County names of the Changzhou area before 1983, when 武进 金坛 溧阳 belonged to 镇江地区 (codes 3226xx).
CHANGZHOU_COUNTIES = ("武进县", "金坛县", "溧阳县")


@functools.cache  # walks numdb's whole tree; every practice branch asks for the same table, and only reads it
def region_codes(first_year: int, last_year: int, shares: tuple[float, float, float]) -> dict[int, list]:
    """{birth year: [(region code, weight)]} for the Changzhou area, the rest of Jiangsu and OTHER_PROVINCES
    in the given shares, with only the codes python-stdnum (and so domain.idnumber) accepts for that birth
    year: codes were created and retired over the decades (武进县 322622 until 1983, 320421 from then …)."""
    groups: list[list[tuple[str, list]]] = [[], [], []]
    # numdb's tree: provinces (2 digits), each with its counties (4 digits) and their "county" property.
    for _length, province, _high, _props, counties in numdb.get("cn/loc").prefixes:
        for _length, county, _high, props, _children in counties:
            code, spans = province + county, list(_spans(props.get("county", "")))
            names = {name for _start, _end, name in spans}
            if code.endswith("00") or names == {"市辖区"}:
                continue  # province, prefecture and "city districts" codes: not where people are from
            if code.startswith("3204") or (province == "32" and names & set(CHANGZHOU_COUNTIES)):
                groups[0].append((code, spans))
            elif province == "32":
                groups[1].append((code, spans))
            elif province in OTHER_PROVINCES:
                groups[2].append((code, spans))
    result = {}
    for year in range(first_year, last_year + 1):
        result[year] = pairs = []
        for share, group in zip(shares, groups, strict=True):
            valid = [code for code, spans in group if any(start <= year <= end for start, end, _n in spans)]
            pairs += [(code, share / len(valid)) for code in valid]
    return result


def _spans(county: str):
    """'[1983-2001]郊区,[2002-]新北区' → (1983, 2001, '郊区'), (2002, 9999, '新北区'); no brackets: always."""
    for part in county.split(","):
        if not part.startswith("["):
            yield 0, 9999, part
            continue
        years, name = part[1:].split("]", 1)
        start, end = years.split("-")
        yield int(start or 0), int(end or 9999), name

# --- activities (services.demo): what a branch's volunteers do, where, for whom and with what result ---------

# (category name as seeded by domain.categories, content, beneficiaries, outcome), {place} filled in.
ACTIVITY_TEMPLATES: tuple[tuple[str, str, str, str], ...] = (
    ("关爱空巢老人", "走访慰问{place}空巢老人，打扫卫生、陪同聊天", "空巢老人", "走访老人{n}户，解决实际困难{m}件"),
    ("尊老服务", "为{place}高龄老人理发、测量血压", "高龄老人", "服务老人{n}人次，群众满意"),
    ("环境卫生整治", "在{place}清理楼道堆物和卫生死角", "社区居民", "清理垃圾{n}车，环境明显改善"),
    ("垃圾分类", "在{place}开展垃圾分类宣传和桶边督导", "社区居民", "发放宣传资料{n}份，分类准确率提高"),
    ("文明交通劝导", "在{place}路口开展文明交通劝导", "过往群众", "劝导不文明行为{n}起"),
    ("政策法律法规咨询", "在{place}设摊开展政策法规咨询", "社区居民", "解答群众咨询{n}人次"),
    ("法律援助", "为{place}困难群众提供法律援助", "困难群众", "接待来访{n}人，调解纠纷{m}起"),
    ("巡诊义诊", "组织医务党员在{place}开展义诊", "社区居民", "义诊{n}人次，发放健康手册"),
    ("爱幼志愿服务", "到{place}为留守儿童辅导作业", "留守儿童", "辅导儿童{n}人"),
    ("助残服务", "上门为{place}残疾人提供生活照料", "残疾人", "帮扶残疾人{n}户"),
    ("帮农民工服务", "在{place}为农民工送健康、送温暖", "农民工", "服务农民工{n}人次"),
    ("植树造林", "在{place}参加义务植树", "公共绿地", "植树{n}棵"),
    ("清洁环境", "在{place}捡拾白色垃圾、清理河道", "周边群众", "清理河道{n}米"),
    ("科学普及", "在{place}开展科普进社区活动", "青少年和老人", "参与群众{n}人次"),
    ("党建引领", "在{place}开展党员先锋岗服务", "办事群众", "引导办事{n}人次"),
    ("便民利民", "在{place}开展便民服务，修理小家电、磨刀", "社区居民", "维修物品{n}件"),
    ("扶贫帮困", "走访{place}困难家庭，送去慰问品", "困难家庭", "慰问困难家庭{n}户"),
    ("心理疏导", "为{place}居民开展心理健康讲座", "社区居民", "听众{n}人"),
    ("卫生防疫", "在{place}协助开展疫苗接种秩序维护", "接种群众", "维护秩序，服务{n}人次"),
    ("文体健身", "在{place}组织广场舞和健身指导", "社区居民", "参加群众{n}人"),
)
ACTIVITY_PLACES = ("西湖街道党群服务中心", "阳光花园社区", "锦绣家园社区", "翠竹新村", "湖滨花园", "凤凰名都",
                   "清潭新村", "滨湖公寓", "湖塘镇敬老院", "牛塘镇新安村", "西太湖湿地公园", "武进人民公园",
                   "延政路与常武路路口", "武进区图书馆", "湖塘中心小学", "前黄镇卫生院", "礼嘉镇东方村",
                   "常发豪庭社区", "聚湖雅苑", "夏溪花木市场")
TEAMS = (("先锋服务队", "党建引领"), ("爱心接力服务队", "关爱空巢老人"), ("夕阳红服务队", "尊老服务"),
         ("法律援助服务队", "法律援助"), ("文明交通服务队", "文明交通劝导"), ("科普惠农服务队", "科学普及"),
         ("绿色环保服务队", "环境保护"), ("红色义诊服务队", "巡诊义诊"), ("关爱儿童服务队", "爱幼志愿服务"),
         ("助残帮扶服务队", "助残服务"), ("便民维修服务队", "便民利民"), ("应急救援服务队", "抢险救援"))  # (name, category)
BRAND_PROJECTS = (("爱心接力", "党员接力结对帮扶空巢老人"), ("科普惠农", "党员专家送科技下乡"))
PERSON_SERVED_CATEGORIES = ("孤寡老人", "空巢老人", "残疾人", "留守儿童", "烈军属", "困难离退休人员", "下岗工人",
                            "特困学生", "农民工", "困难家庭")
NEED_TITLES = ("更换家中灯泡", "代购日常药品", "陪同就医", "辅导孩子功课", "修理漏水水龙头", "办理医保手续",
               "清理院内杂物", "安装扶手", "代缴水电费", "咨询养老政策")
JOURNAL_LINES = ("本周参加了社区志愿服务，帮助老人解决了生活上的困难。", "本周到路口开展文明劝导，群众很配合。",
                 "本周参与环境整治，清理了楼道堆物。", "本周走访结对户，了解到老人的需求并帮助解决。")
JOURNAL_REFLECTIONS = ("服务中体会到党员的责任。", "今后要更耐心地倾听群众的需求。", "要把志愿服务做细做实。",
                       "群众的笑容是最好的回报。")

DEMO_OPERATOR = "演示操作员"  # the operator named on practice data
