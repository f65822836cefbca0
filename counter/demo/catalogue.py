"""A realistic, deterministic demo catalogue for a Chinese appliance/electronics shop.

Pure standard library, so it can seed a database, feed the TUI's demo mode or a
benchmark without pulling anything else in.

    demo_products(count=300, seed=7) -> list[DemoProduct]
    DEMO_CUSTOMERS  -> [(name, mobile, address), ...]
    DEMO_STAFF      -> [(code, full name, role, demo PIN), ...]

The product stream is built one product at a time from a single seeded RNG, so
``demo_products(n, s)`` is always a prefix of ``demo_products(m, s)`` for n <= m.
SKUs and barcodes stay unique at any count.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "CATEGORIES",
    "DEMO_CUSTOMERS",
    "DEMO_STAFF",
    "DemoProduct",
    "STAFF_ROLES",
    "demo_products",
    "ean13_check_digit",
    "is_valid_ean13",
]


@dataclass(frozen=True)
class DemoProduct:
    sku: str  # "XYJ-0001", unique
    barcode: str  # EAN-13, "69" prefix, correct check digit, unique
    name: str  # 滚筒洗衣机, 电饭煲, 蓝牙耳机 ...
    brand: str
    model: str
    spec: str
    colour: str
    category: str
    unit_price: Decimal  # CNY, two decimal places
    stock: int  # 0..60
    function: str  # 功能: one sentence
    strengths: str  # 优点: short selling points, space separated
    promotion: str  # "" for most
    accessory_for: str  # for 配件: the category it goes with; else ""


# Category -> SKU prefix (pinyin initials of the category).
_CATEGORY_CODES: dict[str, str] = {
    "洗衣机": "XYJ",
    "冰箱": "BX",
    "空调": "KT",
    "电视": "DS",
    "厨房电器": "CFDQ",
    "小家电": "XJD",
    "手机": "SJ",
    "电脑": "DN",
    "耳机音响": "EJYX",
    "配件": "PJ",
}

CATEGORIES: tuple[str, ...] = tuple(_CATEGORY_CODES)

STAFF_ROLES: tuple[str, ...] = ("assistant", "cashier", "order_tracker", "manager")

# Price multipliers for premium / value brands (applied to a kind's price range).
_BRAND_FACTOR: dict[str, float] = {
    "西门子": 1.2,
    "索尼": 1.2,
    "戴森": 1.3,
    "方太": 1.15,
    "老板": 1.1,
    "松下": 1.1,
    "A.O.史密斯": 1.15,
    "林内": 1.1,
    "小米": 0.85,
    "奥克斯": 0.85,
    "长虹": 0.9,
    "格兰仕": 0.9,
    "TCL": 0.95,
    "创维": 0.95,
    "荣耀": 0.95,
    "雷柏": 0.9,
}

# Short ASCII codes used to build model numbers for kinds without a model list.
_BRAND_CODE: dict[str, str] = {
    "海尔": "HR", "美的": "MD", "格力": "GL", "小天鹅": "TG", "西门子": "SN",
    "松下": "NU", "九阳": "JY", "苏泊尔": "SF", "小米": "MI", "华为": "HW",
    "索尼": "SY", "飞利浦": "PH", "TCL": "TC", "海信": "HS", "长虹": "CH",
    "老板": "RB", "方太": "FT", "容声": "RS", "奥克斯": "AX", "创维": "SK",
    "格兰仕": "GS", "华帝": "VT", "康宝": "KB", "A.O.史密斯": "AO", "林内": "RN",
    "万和": "WH", "能率": "NR", "沁园": "QY", "安吉尔": "AG", "戴森": "DY",
    "科沃斯": "EC", "石头": "RK", "追觅": "DR", "艾美特": "AM", "先锋": "SA",
    "中兴": "ZT", "纽曼": "NM", "联想": "LN", "戴尔": "DL", "惠普": "HP",
    "华硕": "AS", "AOC": "AC", "佳能": "CN", "兄弟": "BR", "爱普生": "EP",
    "漫步者": "ED", "JBL": "JB", "小度": "XD", "极米": "XG", "当贝": "DB",
    "乐歌": "LG", "绿联": "UG", "倍思": "BS", "安克": "AK", "罗技": "LO",
    "公牛": "BN", "雷柏": "RP", "荣耀": "HN", "OPPO": "OP", "vivo": "VV", "潜水艇": "QS",
    "欧乐B": "OB",
}

# Colour palettes by category.
_COLOURS: dict[str, tuple[str, ...]] = {
    "洗衣机": ("白色", "银色", "星空灰", "钛晶灰", "香槟金"),
    "冰箱": ("白色", "银色", "香槟金", "星空灰", "曜石黑", "玻璃白"),
    "空调": ("白色", "冰川白", "香槟金", "月光银"),
    "电视": ("曜石黑", "深空灰", "银色"),
    "厨房电器": ("白色", "银色", "曜石黑", "不锈钢色"),
    "小家电": ("白色", "珍珠白", "香槟金", "星空灰", "薄荷绿", "樱花粉"),
    "手机": ("曜石黑", "雪域白", "星空灰", "天青蓝", "樱花粉", "香槟金", "翡冷翠"),
    "电脑": ("银色", "深空灰", "星空灰", "曜石黑"),
    "耳机音响": ("曜石黑", "雪域白", "星空灰", "天青蓝"),
    "配件": ("白色", "黑色", "透明", "银色"),
}

# Promotions by category: (text, minimum price it makes sense for).
# Each is a rule the slip applies (counter/domain/promotions.py).
_BIG_PROMOS = (
    ("满3000减200", 3000),
    ("满5000减400", 5000),
    ("限时直降300元", 1000),
    ("免费送货上门", 0),
    ("限时直降200元", 2000),
)
_PROMOS: dict[str, tuple[tuple[str, int], ...]] = {
    "洗衣机": _BIG_PROMOS + (("赠送安装", 0), ("赠送洗衣机底座", 0)),
    "冰箱": _BIG_PROMOS,
    "空调": _BIG_PROMOS + (("赠送安装", 0), ("免费安装 送空调支架", 0)),
    "电视": _BIG_PROMOS + (("赠送挂架安装", 0),),
    "厨房电器": _BIG_PROMOS + (("赠送安装", 0),),
    "小家电": (("第二件半价", 0), ("满199减20", 199), ("满299减30", 299), ("限时直降50元", 300)),
    "手机": (("限时直降200元", 1000), ("赠送钢化膜", 0), ("满2000减100", 2000), ("赠送手机壳", 0)),
    "电脑": (("限时直降200元", 1000), ("赠送无线鼠标", 0), ("满2000减100", 2000)),
    "耳机音响": (("满199减20", 199), ("限时直降100元", 500), ("赠送收纳包", 0)),
    "配件": (("买二送一", 0), ("第二件半价", 0)),
}
_PROMO_RATE = 0.15
_ZERO_STOCK_RATE = 0.05

# Stock ceiling by category: big goods are stocked thinner than accessories.
_STOCK_MAX: dict[str, int] = {
    "洗衣机": 15, "冰箱": 12, "空调": 20, "电视": 15, "厨房电器": 20,
    "小家电": 40, "手机": 30, "电脑": 20, "耳机音响": 40, "配件": 60,
}


@dataclass(frozen=True)
class _Kind:
    name: str
    category: str
    weight: int  # share of the range (products per round of the schedule)
    brands: tuple[str, ...]
    specs: tuple[tuple[str, int, int, int], ...]  # (spec, model number, low price, high price)
    style: str  # how to build a model number; see _model()
    code: str  # 2-letter kind code for generic model numbers
    function: str
    strengths: tuple[str, ...]
    accessory_for: str = ""
    models: dict[str, tuple[str, ...]] | None = None  # brand -> real-looking model names


_W = ("海尔", "美的", "小天鹅", "西门子", "松下", "海信")

_KINDS: tuple[_Kind, ...] = (
    # ---- 洗衣机 -------------------------------------------------------------
    _Kind("滚筒洗衣机", "洗衣机", 3, _W,
          (("10公斤 1400转", 100, 1999, 3999), ("10公斤 1400转 直驱变频", 100, 2599, 4999),
           ("12公斤 1400转", 120, 3299, 5999), ("8公斤 1200转", 80, 1499, 2599)),
          "wash", "GT", "滚筒摔打洗涤，洗得干净又护衣，羊毛、羽绒等衣物都能放心洗。",
          ("静音", "变频", "节能", "除菌", "蒸汽除螨", "一级能效", "智能投放")),
    _Kind("波轮洗衣机", "洗衣机", 2, ("海尔", "美的", "小天鹅", "海信", "TCL"),
          (("8公斤 全自动", 80, 899, 1399), ("10公斤 直驱变频", 100, 1299, 2299),
           ("12公斤 免清洗", 120, 1699, 2799)),
          "wash", "BL", "波轮水流洗涤，大容量、洗涤快，适合日常衣物和床单被罩。",
          ("大容量", "免清洗", "变频", "静音", "桶自洁", "一键快洗")),
    _Kind("洗烘一体洗衣机", "洗衣机", 2, ("海尔", "小天鹅", "西门子", "松下", "美的"),
          (("10公斤 洗10烘7", 100, 3299, 6999), ("12公斤 洗12烘9", 120, 4999, 8999)),
          "wash", "XH", "洗完直接烘干，阴雨天和梅雨季不用晾晒，衣物蓬松不皱。",
          ("洗烘一体", "热泵烘干", "除菌除螨", "智能投放", "静音", "一级能效")),
    _Kind("热泵干衣机", "洗衣机", 1, ("海尔", "小天鹅", "西门子", "美的"),
          (("10公斤 热泵式", 100, 3499, 6999), ("9公斤 热泵式", 90, 2999, 5499)),
          "wash", "GY", "低温热泵烘干衣物，省电不伤衣，烘后柔软蓬松。",
          ("低温护衣", "省电", "除菌", "免排气", "智能烘干")),
    _Kind("迷你洗衣机", "洗衣机", 1, ("海尔", "小天鹅", "美的"),
          (("3公斤 高温煮洗", 30, 999, 1999), ("1公斤 壁挂式", 10, 1299, 2299)),
          "wash", "MN", "专洗婴儿衣物和内衣，高温煮洗除菌，和大件分开更卫生。",
          ("小巧", "高温煮洗", "除菌", "分区洗护", "静音")),
    # ---- 冰箱 ---------------------------------------------------------------
    _Kind("对开门冰箱", "冰箱", 3, ("海尔", "美的", "西门子", "容声", "海信", "松下"),
          (("541升 风冷无霜", 541, 2999, 5999), ("610升 一级能效", 610, 3699, 7999),
           ("480升 变频", 480, 2499, 4599)),
          "fridge", "DK", "大容积对开门设计，冷藏冷冻分区存放，适合三口以上家庭。",
          ("风冷无霜", "变频", "一级能效", "大容量", "净味保鲜", "超薄")),
    _Kind("十字对开门冰箱", "冰箱", 2, ("海尔", "美的", "容声", "西门子"),
          (("470升 零嵌入", 470, 3999, 8999), ("508升 干湿分储", 508, 4299, 9999)),
          "fridge", "SZ", "四门分区，变温室可冷藏可冷冻，零嵌入设计和橱柜齐平。",
          ("零嵌入", "干湿分储", "变温室", "风冷无霜", "一级能效", "除菌")),
    _Kind("三门冰箱", "冰箱", 2, ("海尔", "美的", "容声", "海信"),
          (("258升 小户型", 258, 1599, 2599), ("218升 风冷无霜", 218, 1299, 2199)),
          "fridge", "SM", "冷藏、软冷冻、冷冻三温区，小户型厨房也放得下。",
          ("省电", "风冷无霜", "软冷冻", "小巧", "静音")),
    _Kind("双门冰箱", "冰箱", 1, ("海尔", "美的", "容声", "TCL"),
          (("118升 小型", 118, 699, 1099), ("186升 节能", 186, 999, 1499)),
          "fridge", "SD", "上冷藏下冷冻，适合出租屋、宿舍和单人居住。",
          ("小巧", "省电", "实惠", "静音")),
    _Kind("冷柜", "冰箱", 1, ("海尔", "美的"),
          (("200升 冷藏冷冻转换", 200, 999, 1799), ("100升 家用卧式", 100, 699, 1199)),
          "freezer", "LG", "卧式大冷冻空间，囤肉囤海鲜，一键切换冷藏冷冻。",
          ("大冷冻", "一键转换", "省电", "速冻")),
    # ---- 空调 ---------------------------------------------------------------
    _Kind("变频空调挂机", "空调", 4, ("格力", "美的", "海尔", "奥克斯", "海信", "TCL", "小米"),
          (("1匹 一级能效", 26, 1999, 3299), ("1.5匹 一级能效", 35, 2299, 3999),
           ("1.5匹 新三级能效", 35, 1799, 2699), ("2匹 一级能效", 50, 3299, 5499)),
          "ac_gw", "GJ", "变频冷暖两用，快速制冷制热，适合卧室和书房。",
          ("静音", "变频", "节能", "自清洁", "冷暖两用", "一级能效", "智能WiFi")),
    _Kind("变频空调柜机", "空调", 3, ("格力", "美的", "海尔", "奥克斯", "海信"),
          (("2匹 一级能效", 51, 4499, 7999), ("3匹 一级能效", 72, 5499, 9999),
           ("3匹 新三级能效", 72, 4299, 6999)),
          "ac_lw", "GJ", "立式大风量送风，冷暖两用，适合客厅和大开间。",
          ("大风量", "变频", "节能", "自清洁", "冷暖两用", "除湿")),
    _Kind("中央空调风管机", "空调", 1, ("格力", "美的", "海尔"),
          (("3匹 一拖一", 72, 6999, 11999), ("1.5匹 一拖一", 35, 4599, 6999)),
          "duct", "FG", "吊顶隐藏安装，风口出风更均匀，家里看不到空调机身。",
          ("隐藏安装", "美观", "送风均匀", "变频", "静音")),
    _Kind("移动空调", "空调", 1, ("美的", "格力", "海尔"),
          (("1匹 免安装", 26, 1299, 2299), ("1.5匹 冷暖型", 35, 1799, 2799)),
          "generic", "YD", "不用打孔安装，推到哪里凉到哪里，租房也能用。",
          ("免安装", "可移动", "一机多用", "除湿")),
    # ---- 电视 ---------------------------------------------------------------
    _Kind("4K智能电视", "电视", 4, ("海信", "TCL", "长虹", "小米", "创维", "索尼"),
          (("55英寸 4K", 55, 1999, 4999), ("65英寸 4K", 65, 2999, 6999),
           ("75英寸 4K", 75, 3999, 8999), ("43英寸 4K", 43, 1299, 2499)),
          "tv", "DS", "4K超高清智能电视，能投屏、能装应用，追剧看球都清楚。",
          ("4K高清", "护眼", "投屏", "远场语音", "全面屏", "杜比音效")),
    _Kind("Mini LED电视", "电视", 2, ("海信", "TCL", "小米", "索尼", "创维"),
          (("65英寸 MiniLED 144Hz", 65, 4999, 9999), ("85英寸 MiniLED", 85, 7999, 16999)),
          "tv", "ML", "Mini LED背光分区控光，亮度高、黑位深，看电影和打游戏更出色。",
          ("高亮度", "分区控光", "144Hz高刷", "游戏模式", "杜比视界")),
    _Kind("激光电视", "电视", 1, ("海信", "长虹", "小米"),
          (("100英寸 4K 激光", 100, 9999, 19999), ("80英寸 4K 激光", 80, 6999, 12999)),
          "tv", "JG", "靠墙投射就有百吋大画面，漫反射成像更护眼。",
          ("超大画面", "护眼", "超短焦", "4K高清")),
    _Kind("投影仪", "电视", 1, ("极米", "当贝", "小米"),
          (("1080P 家用", 10, 1999, 4999), ("4K 家用", 40, 4999, 8999)),
          "generic", "TY", "卧室客厅都能投出大屏，自动对焦和梯形校正，开机就能看。",
          ("自动对焦", "小巧", "大画面", "护眼", "投屏")),
    # ---- 厨房电器 -----------------------------------------------------------
    _Kind("微波炉", "厨房电器", 2, ("美的", "格兰仕", "松下", "海尔"),
          (("20升 转盘", 20, 399, 699), ("23升 微蒸烤一体", 23, 799, 1599)),
          "generic", "WB", "快速加热和解冻饭菜，上班族热饭几分钟就好。",
          ("快速加热", "智能解冻", "易清洁", "微蒸烤一体", "童锁")),
    _Kind("电烤箱", "厨房电器", 1, ("美的", "九阳", "苏泊尔", "格兰仕"),
          (("35升 上下独立控温", 35, 299, 699), ("40升 热风循环", 40, 399, 899)),
          "generic", "KX", "烤蛋糕、烤鸡翅、烤面包，上下管独立控温受热均匀。",
          ("独立控温", "热风循环", "大容量", "易清洁")),
    _Kind("吸油烟机", "厨房电器", 2, ("老板", "方太", "华帝", "美的", "海尔", "西门子"),
          (("侧吸式 21立方米", 21, 2299, 4999), ("顶侧双吸 25立方米", 25, 3499, 6999)),
          "generic", "YJ", "大吸力快速吸走油烟，中式爆炒厨房也不呛人。",
          ("大吸力", "静音", "自清洁", "挥手控制", "烟灶联动")),
    _Kind("燃气灶", "厨房电器", 2, ("老板", "方太", "华帝", "美的", "西门子"),
          (("5.2kW 嵌入式双灶", 52, 899, 2499), ("4.5kW 台嵌两用", 45, 599, 1299)),
          "generic", "RZ", "猛火爆炒、小火慢炖都能控，熄火自动断气更安全。",
          ("猛火", "熄火保护", "定时关火", "易清洁")),
    _Kind("洗碗机", "厨房电器", 1, ("方太", "西门子", "美的", "海尔", "老板"),
          (("13套 嵌入式", 13, 3999, 7999), ("8套 台式", 8, 1999, 3499)),
          "generic", "XW", "高温洗涤加热风烘干，一家人的碗筷锅具一次洗好。",
          ("高温除菌", "热风烘干", "省水", "嵌入式")),
    _Kind("消毒柜", "厨房电器", 1, ("老板", "方太", "美的", "康宝"),
          (("100升 嵌入式", 100, 1499, 2999), ("80升 立式", 80, 899, 1599)),
          "generic", "XD", "高温加紫外线消毒碗筷，消毒后自动烘干存放。",
          ("高温消毒", "紫外线", "烘干", "儿童锁")),
    _Kind("燃气热水器", "厨房电器", 2, ("A.O.史密斯", "林内", "万和", "能率", "美的", "海尔"),
          (("16升 零冷水", 16, 2499, 5999), ("13升 恒温", 13, 1299, 2599)),
          "generic", "RS", "即开即热，零冷水设计打开龙头就是热水，冬天洗澡不等待。",
          ("零冷水", "恒温", "静音", "防冻", "节能")),
    _Kind("电热水器", "厨房电器", 2, ("海尔", "美的", "A.O.史密斯", "万和", "西门子"),
          (("60升 一级能效", 60, 1299, 2999), ("80升 速热", 80, 1599, 3599)),
          "generic", "DR", "储水式加热，出水量大、水温稳定，一家人连续洗澡也够用。",
          ("速热", "一级能效", "防电墙", "预约加热", "镁棒免更换")),
    _Kind("净水器", "厨房电器", 1, ("美的", "沁园", "安吉尔", "小米", "海尔"),
          (("800G 反渗透", 800, 1999, 4999), ("600G 反渗透", 600, 1499, 2999)),
          "generic", "JS", "反渗透过滤自来水，直接饮用，烧水泡茶没有水垢。",
          ("大通量", "反渗透", "滤芯寿命提醒", "废水比低")),
    # ---- 小家电 -------------------------------------------------------------
    _Kind("电饭煲", "小家电", 3, ("美的", "苏泊尔", "九阳", "松下", "飞利浦", "小米"),
          (("4升 IH加热", 40, 299, 899), ("3升 智能预约", 30, 199, 399), ("5升 球釜内胆", 50, 399, 999)),
          "generic", "FB", "一键煮饭煲粥，可以预约定时，米饭软硬口感可选。",
          ("IH加热", "预约", "不粘内胆", "柴火饭", "易清洗")),
    _Kind("电压力锅", "小家电", 1, ("美的", "苏泊尔", "九阳"),
          (("5升 双胆", 50, 299, 599), ("6升 智能", 60, 349, 699)),
          "generic", "YL", "高压快速炖煮，排骨、牛肉半小时软烂入味。",
          ("双胆", "快速炖煮", "安全泄压", "预约")),
    _Kind("电水壶", "小家电", 1, ("美的", "苏泊尔", "九阳", "小米", "飞利浦"),
          (("1.7升 304不锈钢", 17, 79, 199), ("1.5升 恒温", 15, 99, 249)),
          "generic", "SH", "几分钟快速烧开水，水开自动断电，干烧保护。",
          ("快速烧水", "304不锈钢", "防干烧", "保温")),
    _Kind("破壁机", "小家电", 1, ("九阳", "美的", "苏泊尔"),
          (("1.75升 静音", 175, 399, 1299), ("1.2升 加热", 120, 299, 799)),
          "generic", "PB", "高速打碎食材，豆浆、米糊、果汁、辅食一机多用。",
          ("静音", "加热", "免滤", "自动清洗", "预约")),
    _Kind("豆浆机", "小家电", 1, ("九阳", "美的", "苏泊尔"),
          (("1.2升 免滤", 12, 199, 499), ("0.8升 小型", 8, 149, 299)),
          "generic", "DJ", "一键现磨现煮豆浆，早上起床就能喝上热豆浆。",
          ("免滤", "预约", "易清洗", "小巧")),
    _Kind("空气炸锅", "小家电", 1, ("美的", "苏泊尔", "九阳", "小米", "飞利浦"),
          (("5升 可视", 50, 199, 499), ("6.5升 大容量", 65, 299, 599)),
          "generic", "ZG", "热风循环少油烹饪，炸鸡翅、薯条、烤红薯都能做。",
          ("少油", "可视窗", "大容量", "易清洗", "智能菜单")),
    _Kind("吸尘器", "小家电", 2, ("戴森", "小米", "美的", "飞利浦", "海尔"),
          (("无线手持 150AW", 150, 899, 3999), ("有线卧式 2000W", 20, 399, 999)),
          "generic", "XC", "大吸力吸走灰尘、毛发和螨虫，沙发床底都能清洁。",
          ("大吸力", "多种刷头", "轻便", "除螨", "低噪音")),
    _Kind("扫地机器人", "小家电", 2, ("科沃斯", "石头", "追觅", "小米"),
          (("扫拖一体 自动集尘", 60, 1999, 4999), ("扫拖一体 基础款", 40, 999, 1999)),
          "generic", "SD", "自动规划路线扫地拖地，出门前按一下回家地面干干净净。",
          ("扫拖一体", "自动集尘", "激光导航", "避障", "APP控制")),
    _Kind("电风扇", "小家电", 2, ("美的", "艾美特", "格力", "先锋", "小米"),
          (("落地扇 七叶 直流变频", 7, 199, 499), ("台式 五叶", 5, 89, 199)),
          "generic", "FS", "风力柔和可摇头，夏天吹风舒适，夜间睡眠模式更安静。",
          ("静音", "直流变频", "遥控", "定时", "睡眠风")),
    _Kind("电吹风", "小家电", 1, ("飞利浦", "松下", "小米", "美的"),
          (("高速负离子 1600W", 16, 199, 599), ("折叠便携 1200W", 12, 69, 159)),
          "generic", "CF", "大风量快速吹干头发，负离子护发减少毛躁。",
          ("负离子", "速干", "恒温护发", "折叠便携")),
    _Kind("挂烫机", "小家电", 1, ("美的", "飞利浦", "苏泊尔"),
          (("1800W 双杆", 18, 199, 599), ("手持 1200W", 12, 99, 249)),
          "generic", "GT", "蒸汽熨烫衬衫西装，挂着就能烫，衣服平整不起亮光。",
          ("大蒸汽", "快速出汽", "便携", "防干烧")),
    _Kind("空气净化器", "小家电", 1, ("小米", "飞利浦", "美的"),
          (("CADR 500 除甲醛", 500, 899, 2999), ("CADR 300 家用", 300, 599, 1299)),
          "generic", "KJ", "过滤PM2.5、花粉和甲醛，新装修和雾霾天家里空气更干净。",
          ("除甲醛", "除PM2.5", "静音", "APP控制", "滤芯提醒")),
    _Kind("加湿器", "小家电", 1, ("美的", "小米", "飞利浦"),
          (("4升 上加水", 4, 99, 299), ("6升 无雾", 6, 199, 499)),
          "generic", "JS", "冬季和空调房补充湿度，缓解皮肤干燥和喉咙不适。",
          ("上加水", "静音", "恒湿", "大容量")),
    _Kind("电暖器", "小家电", 1, ("美的", "格力", "艾美特", "先锋"),
          (("2200W 踢脚线", 22, 199, 599), ("2000W 油汀", 20, 249, 599)),
          "generic", "NQ", "快速制热，浴室客厅都能用，倾倒自动断电。",
          ("速热", "防水", "倾倒断电", "恒温")),
    _Kind("电动牙刷", "小家电", 1, ("飞利浦", "松下", "小米", "欧乐B"),
          (("声波 5种模式", 5, 99, 699), ("声波 3种模式", 3, 79, 299)),
          "generic", "YS", "声波震动清洁牙齿，比手动刷牙更干净，护龈模式更温和。",
          ("声波清洁", "长续航", "防水", "压力提醒")),
    _Kind("剃须刀", "小家电", 1, ("飞利浦", "松下", "小米"),
          (("三刀头 全身水洗", 3, 149, 999), ("往复式 五刀头", 5, 399, 1299)),
          "generic", "TX", "浮动刀头贴合脸型，剃得干净不刮脸，可以整机水洗。",
          ("全身水洗", "快充", "浮动刀头", "便携")),
    # ---- 手机 ---------------------------------------------------------------
    _Kind("5G手机", "手机", 5, ("华为", "小米", "荣耀", "OPPO", "vivo"),
          (("8GB+256GB", 256, 1999, 4999), ("12GB+256GB", 256, 2999, 5999),
           ("12GB+512GB", 512, 3999, 6999), ("16GB+1TB", 1024, 5999, 8999)),
          "list", "SJ", "5G全网通智能手机，拍照、导航、移动支付一机搞定。",
          ("5G", "快充", "大电池", "高清影像", "护眼屏", "轻薄")),
    _Kind("折叠屏手机", "手机", 1, ("华为", "荣耀", "vivo", "OPPO", "小米"),
          (("12GB+512GB 折叠屏", 512, 6999, 12999), ("16GB+1TB 折叠屏", 1024, 9999, 14999)),
          "list", "ZD", "展开是小平板，合上是手机，看文档、追剧更方便。",
          ("大屏", "轻薄", "铰链耐用", "分屏多任务", "快充")),
    _Kind("老人手机", "手机", 1, ("中兴", "纽曼"),
          (("4G 大字大声", 4, 199, 499), ("4G 超长待机", 4, 149, 399)),
          "generic", "LR", "字大声音大，一键拨号和SOS求助，老人用着省心。",
          ("大字大声", "长待机", "一键求助", "收音机")),
    _Kind("智能手表", "手机", 1, ("华为", "小米", "荣耀", "OPPO"),
          (("1.43英寸 AMOLED", 143, 699, 2499), ("1.32英寸 长续航", 132, 499, 1499)),
          "list", "SB", "监测心率、血氧和睡眠，运动记录，消息来电抬腕就能看。",
          ("健康监测", "长续航", "运动模式", "NFC支付", "防水")),
    # ---- 电脑 ---------------------------------------------------------------
    _Kind("笔记本电脑", "电脑", 4, ("联想", "华为", "小米", "戴尔", "惠普", "华硕"),
          (("14英寸 i5 16G 512G", 14, 3999, 6999), ("16英寸 i7 32G 1T", 16, 5999, 9999),
           ("15.6英寸 R7 16G 512G", 15, 4299, 6499)),
          "list", "BJ", "轻薄便携，办公、上网课、修图都流畅。",
          ("轻薄", "长续航", "高色域屏", "快充", "静音散热")),
    _Kind("平板电脑", "电脑", 2, ("华为", "小米", "荣耀", "联想"),
          (("11英寸 8GB+128GB", 11, 1499, 2999), ("12.6英寸 12GB+256GB", 12, 2999, 4999)),
          "list", "PB", "大屏看视频、上网课、记笔记，可连键盘当小电脑用。",
          ("大屏", "护眼", "长续航", "手写笔", "轻薄")),
    _Kind("台式一体机", "电脑", 1, ("联想", "惠普", "戴尔", "华为"),
          (("23.8英寸 i5 16G 512G", 24, 3999, 6999), ("27英寸 i7 16G 1T", 27, 5499, 8999)),
          "generic", "YT", "主机和屏幕合二为一，桌面整洁，家用办公都合适。",
          ("省空间", "高清大屏", "静音", "一线连接")),
    _Kind("显示器", "电脑", 1, ("戴尔", "AOC", "华硕", "小米", "联想"),
          (("27英寸 2K 165Hz", 27, 999, 2499), ("24英寸 1080P 100Hz", 24, 599, 999)),
          "generic", "XS", "高刷新率显示器，办公护眼，打游戏画面不拖影。",
          ("高刷新率", "护眼", "窄边框", "升降支架")),
    _Kind("打印机", "电脑", 1, ("惠普", "佳能", "兄弟", "爱普生"),
          (("彩色喷墨 无线", 30, 499, 1299), ("黑白激光 双面", 20, 899, 1999)),
          "generic", "DY", "手机无线连接就能打印，孩子作业、文件复印扫描都方便。",
          ("无线打印", "手机直连", "打印复印扫描", "低成本墨仓")),
    # ---- 耳机音响 -----------------------------------------------------------
    _Kind("蓝牙耳机", "耳机音响", 3, ("华为", "小米", "索尼", "漫步者", "OPPO"),
          (("真无线 主动降噪", 0, 199, 1299), ("真无线 半入耳", 0, 99, 499)),
          "list", "EJ", "真无线蓝牙耳机，通勤降噪听歌通话，开盒即连。",
          ("主动降噪", "长续航", "低延迟", "通话清晰", "快充")),
    _Kind("头戴式耳机", "耳机音响", 1, ("索尼", "飞利浦", "漫步者"),
          (("头戴式 主动降噪", 0, 399, 2999), ("头戴式 无线", 0, 199, 699)),
          "list", "TD", "头戴包耳更舒适，降噪隔音，长时间听歌不累。",
          ("主动降噪", "佩戴舒适", "长续航", "高解析音质")),
    _Kind("蓝牙音箱", "耳机音响", 1, ("漫步者", "小米", "JBL", "索尼"),
          (("便携 防水", 0, 199, 999), ("桌面 重低音", 0, 299, 1299)),
          "generic", "YX", "小巧便携的蓝牙音箱，户外露营和家里听歌都合适。",
          ("重低音", "防水", "便携", "长续航")),
    _Kind("回音壁", "耳机音响", 1, ("索尼", "漫步者", "TCL", "小米"),
          (("5.1声道 杜比全景声", 51, 999, 3999), ("2.1声道 无线低音炮", 21, 599, 1599)),
          "generic", "HY", "接在电视上组成家庭影院，对白更清楚，看大片更震撼。",
          ("杜比全景声", "无线低音炮", "一线连接", "环绕声")),
    _Kind("智能音箱", "耳机音响", 1, ("小米", "华为", "小度"),
          (("语音助手 WiFi", 0, 99, 599), ("带屏 语音助手", 0, 299, 899)),
          "generic", "ZN", "用说话放音乐、查天气、控制家电，老人小孩都会用。",
          ("语音控制", "智能家居", "音质好", "小巧")),
    # ---- 配件 ---------------------------------------------------------------
    _Kind("洗衣机底座", "配件", 1, ("海尔", "美的", "小天鹅"),
          (("加高 可移动", 0, 89, 199), ("不锈钢 防潮", 0, 69, 159)),
          "generic", "DZ", "垫高洗衣机防潮防震，带万向轮方便挪动打扫。",
          ("防潮", "减震", "可移动", "承重大"), accessory_for="洗衣机"),
    _Kind("洗衣机进水管", "配件", 1, ("海尔", "美的", "潜水艇"),
          (("1.5米 防爆", 15, 19, 49), ("3米 加长", 30, 29, 69)),
          "generic", "JS", "更换老化进水管，防爆不漏水，通用大部分洗衣机。",
          ("防爆", "通用接口", "耐用"), accessory_for="洗衣机"),
    _Kind("冰箱除味盒", "配件", 1, ("海尔", "美的", "小米"),
          (("活性炭 除异味", 0, 29, 79),),
          "generic", "CW", "放进冰箱吸附异味，防止串味。",
          ("除异味", "免插电", "可重复使用"), accessory_for="冰箱"),
    _Kind("空调支架", "配件", 1, ("格力", "美的", "奥克斯"),
          (("1-1.5匹 不锈钢", 35, 59, 149), ("2-3匹 加厚", 72, 99, 249)),
          "generic", "ZJ", "安装空调外机用，不锈钢加厚承重，防锈耐用。",
          ("不锈钢", "承重大", "防锈"), accessory_for="空调"),
    _Kind("电视挂架", "配件", 1, ("乐歌", "海信", "TCL"),
          (("32-75英寸 伸缩", 75, 99, 399), ("55-100英寸 固定", 100, 129, 299)),
          "generic", "GJ", "把电视挂到墙上省空间，可伸缩调角度。",
          ("承重大", "可伸缩", "通用孔位", "超薄贴墙"), accessory_for="电视"),
    _Kind("HDMI高清线", "配件", 1, ("绿联", "小米"),
          (("2.1版 8K 2米", 21, 29, 99), ("2.0版 4K 3米", 20, 19, 59)),
          "generic", "HD", "连接电视、机顶盒、游戏机和电脑，传输高清画面和声音。",
          ("8K高清", "镀金接口", "耐弯折"), accessory_for="电视"),
    _Kind("手机壳", "配件", 1, ("华为", "小米", "荣耀", "倍思"),
          (("全包防摔", 0, 29, 129), ("磁吸 透明", 0, 39, 99)),
          "generic", "SK", "保护手机防摔防刮，手感轻薄不发黄。",
          ("防摔", "轻薄", "不发黄", "磁吸"), accessory_for="手机"),
    _Kind("快充充电器", "配件", 1, ("华为", "小米", "倍思", "安克", "绿联"),
          (("65W 氮化镓", 65, 49, 199), ("33W 快充", 33, 29, 99)),
          "generic", "CD", "大功率快充，半小时充到一大半，手机平板笔记本都能充。",
          ("快充", "氮化镓", "小巧", "多设备通用"), accessory_for="手机"),
    _Kind("无线鼠标", "配件", 1, ("罗技", "雷柏", "小米", "联想"),
          (("2.4G 静音", 24, 49, 299), ("蓝牙 双模", 50, 79, 399)),
          "generic", "SB", "无线连接电脑，点击静音，办公居家都合手。",
          ("静音", "长续航", "双模连接", "人体工学"), accessory_for="电脑"),
    _Kind("耳机保护套", "配件", 1, ("倍思", "绿联", "小米"),
          (("硅胶 防摔", 0, 19, 59),),
          "generic", "BH", "给耳机充电盒穿上保护套，防摔防刮还好找。",
          ("防摔", "防刮", "带挂钩"), accessory_for="耳机音响"),
    _Kind("插线板", "配件", 1, ("公牛", "小米"),
          (("5孔 1.8米 带USB", 18, 39, 99), ("8孔 3米 独立开关", 30, 49, 129)),
          "generic", "CX", "给小家电多接几个插座，带USB口可直接给手机充电。",
          ("防过载", "儿童保护门", "USB快充", "独立开关"), accessory_for="小家电"),
)

# Brand -> real-looking model names, for kinds with style "list".
_LIST_MODELS: dict[str, dict[str, tuple[str, ...]]] = {
    "5G手机": {
        "华为": ("Mate 60", "Mate 60 Pro", "Pura 70", "nova 12", "畅享 70"),
        "小米": ("Xiaomi 14", "Xiaomi 14 Ultra", "Redmi K70", "Redmi Note 13 Pro"),
        "荣耀": ("Magic6", "荣耀90", "X50", "Magic6 Pro"),
        "OPPO": ("Find X7", "Reno11", "Reno11 Pro", "A2"),
        "vivo": ("X100", "X100 Pro", "S18", "iQOO 12", "Y100"),
    },
    "折叠屏手机": {
        "华为": ("Mate X5", "Pocket 2"),
        "荣耀": ("Magic V2", "Magic Vs2"),
        "vivo": ("X Fold3", "X Flip"),
        "OPPO": ("Find N3", "Find N3 Flip"),
        "小米": ("MIX Fold 3", "MIX Flip"),
    },
    "智能手表": {
        "华为": ("WATCH GT 4", "WATCH 4", "WATCH FIT 3"),
        "小米": ("Watch S3", "Redmi Watch 4"),
        "荣耀": ("手表4", "GS 3"),
        "OPPO": ("Watch 4 Pro", "Watch X"),
    },
    "笔记本电脑": {
        "联想": ("小新Pro 14", "ThinkPad E14", "拯救者Y7000P", "YOGA Air 14s"),
        "华为": ("MateBook 14", "MateBook D 16", "MateBook X Pro"),
        "小米": ("Redmi Book Pro 15", "Xiaomi Book 14"),
        "戴尔": ("灵越14 Plus", "成就3520", "XPS 13"),
        "惠普": ("战66 六代", "星Book Pro 14", "暗影精灵10"),
        "华硕": ("无畏Pro15", "天选5", "灵耀14"),
    },
    "平板电脑": {
        "华为": ("MatePad 11.5", "MatePad Pro 13.2", "MatePad Air"),
        "小米": ("Xiaomi Pad 6", "Redmi Pad SE", "Xiaomi Pad 6S Pro"),
        "荣耀": ("平板9", "平板MagicPad 13"),
        "联想": ("小新Pad Pro 12.7", "拯救者Y700"),
    },
    "蓝牙耳机": {
        "华为": ("FreeBuds Pro 3", "FreeBuds 5i", "FreeBuds SE 2"),
        "小米": ("Xiaomi Buds 4 Pro", "Redmi Buds 5", "Redmi Buds 5 Pro"),
        "索尼": ("WF-1000XM5", "WF-C700N", "LinkBuds S"),
        "漫步者": ("Lolli Pro 3", "NeoBuds Pro 2", "W240TN"),
        "OPPO": ("Enco X2", "Enco Air3 Pro", "Enco Free3"),
    },
    "头戴式耳机": {
        "索尼": ("WH-1000XM5", "WH-1000XM4", "WH-CH720N"),
        "飞利浦": ("TAH8506", "TAH6506", "SHP9600"),
        "漫步者": ("W820NB", "W830NB", "G4"),
    },
}

# Series letters appended to washing machine / fridge / AC model numbers.
_WASH_PREFIX = {"海尔": "EG", "美的": "MG", "小天鹅": "TG", "西门子": "WM", "松下": "XQG",
                "海信": "HG", "TCL": "B"}
_WASH_SUFFIX = ("MATE55", "MATE3S", "B12", "V88", "PRO7", "BD14", "L5", "VT", "SL6", "UT")
_FRIDGE_SUFFIX = ("WDPD", "WKPZM", "WPGX", "WTM", "WBPZV", "WLHSDM", "KTE", "WFCI")
_AC_SUFFIX = ("BpR3DN8", "N8MJA1", "FNhAa-B1", "BP3DN1Y", "HFA1", "MXA1", "NhGd3BAa", "V1")
_FREEZER_SUFFIX = ("HMTD", "MET", "HBE", "SGD")
_TV_FORMAT = {
    "海信": "{n}E{d}N", "TCL": "{n}V{d}E", "长虹": "{n}D{d}P", "小米": "L{n}M{d}",
    "创维": "{n}A{d}", "索尼": "XR-{n}X{d}0L",
}
_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def ean13_check_digit(body12: str) -> str:
    """The EAN-13 check digit for a 12-digit body."""
    if len(body12) != 12 or not body12.isdigit():
        raise ValueError(f"EAN-13 body must be 12 digits: {body12!r}")
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body12))
    return str((10 - total % 10) % 10)


def is_valid_ean13(code: str) -> bool:
    return (
        len(code) == 13
        and code.isdigit()
        and ean13_check_digit(code[:12]) == code[12]
    )


_DECIMALS: dict[int, Decimal] = {}


def _price(fen: int) -> Decimal:
    d = _DECIMALS.get(fen)
    if d is None:
        d = _DECIMALS[fen] = Decimal(f"{fen // 100}.{fen % 100:02d}")
    return d


def _shop_price_fen(value: float) -> int:
    """Round a raw price to a shop-style price, in fen (3299.00, 289.00, 89.90)."""
    if value >= 1000:
        return (max(round(value / 100), 1) * 100 - 1) * 100
    if value >= 200:
        return (max(round(value / 10), 1) * 10 - 1) * 100
    return max(round(value / 10), 1) * 1000 - 10


# Check-digit contributions of the 5-digit item number (body positions 7..11,
# weights 3 1 3 1 3), split as item = hi * 1000 + lo for small lookup tables.
_ITEM_HI = tuple(3 * (h // 10) + h % 10 for h in range(100))
_ITEM_LO = tuple(3 * (n // 100) + (n // 10) % 10 + 3 * (n % 10) for n in range(1000))


class _Barcodes:
    """Unique 69-prefixed EAN-13s: a 5-digit company code per brand + 5-digit item."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed * 1_000_003 + 69)
        self._used: set[int] = set()
        # brand -> [prefix "69"+company, weighted digit sum of prefix, item start, issued]
        self._blocks: dict[str, list] = {}

    def _new_block(self) -> list:
        while True:
            company = self._rng.randrange(10_000, 100_000)
            if company not in self._used:
                self._used.add(company)
                prefix = f"69{company:05d}"
                weighted = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(prefix))
                return [prefix, weighted, self._rng.randrange(100_000), 0]

    def next(self, brand: str) -> str:
        block = self._blocks.get(brand)
        if block is None or block[3] >= 100_000:
            block = self._blocks[brand] = self._new_block()
        prefix, weighted, start, issued = block
        block[3] = issued + 1
        item = (start + issued) % 100_000
        total = weighted + _ITEM_HI[item // 1000] + _ITEM_LO[item % 1000]
        return f"{prefix}{item:05d}{(10 - total % 10) % 10}"


def _model(kind: _Kind, brand: str, num: int, rng: random.Random) -> str:
    r = rng.random
    style = kind.style
    if style == "list":
        options = _LIST_MODELS[kind.name][brand]
        return options[int(r() * len(options))]
    if style == "wash":
        prefix = _WASH_PREFIX.get(brand, _BRAND_CODE[brand])
        return f"{prefix}{num}{_WASH_SUFFIX[int(r() * len(_WASH_SUFFIX))]}"
    if style == "fridge":
        return f"BCD-{num}{_FRIDGE_SUFFIX[int(r() * len(_FRIDGE_SUFFIX))]}"
    if style == "freezer":
        return f"BD/BC-{num}{_FREEZER_SUFFIX[int(r() * len(_FREEZER_SUFFIX))]}"
    if style in ("ac_gw", "ac_lw"):
        place = "GW" if style == "ac_gw" else "LW"
        return f"KFR-{num}{place}/{_AC_SUFFIX[int(r() * len(_AC_SUFFIX))]}"
    if style == "duct":
        return f"FGR{num / 10:.1f}/{_AC_SUFFIX[int(r() * len(_AC_SUFFIX))]}"
    if style == "tv":
        fmt = _TV_FORMAT.get(brand, "{n}T{d}")
        return fmt.format(n=num, d=2 + int(r() * 8))
    # generic: brand code - kind code + number + series letter + 2 digits
    letter = _LETTERS[int(r() * len(_LETTERS))]
    tail = f"{letter}{int(r() * 90) + 10}"
    return f"{_BRAND_CODE[brand]}-{kind.code}{num if num else ''}{tail}"


def _strength_rotations(tokens: tuple[str, ...]) -> tuple[str, ...]:
    n = len(tokens)
    return tuple(" ".join(tokens[(s + i) % n] for i in range(min(3, n))) for s in range(n))


# Kind name -> every "three selling points" string it can show.
_STRENGTHS: dict[str, tuple[str, ...]] = {k.name: _strength_rotations(k.strengths) for k in _KINDS}


# Everything the generator needs per kind, looked up once.
_PLANS = tuple(
    (k, k.name, k.category, _CATEGORY_CODES[k.category], k.brands, k.specs,
     _COLOURS[k.category], _STRENGTHS[k.name], _PROMOS[k.category],
     _STOCK_MAX[k.category], k.function, k.accessory_for)
    for k in _KINDS
)


def demo_products(count: int = 300, seed: int = 7) -> list[DemoProduct]:
    """`count` demo products, the same list every time for the same seed.

    The range follows a weighted schedule of ~70 product kinds across all
    categories (each round shuffled), so even small counts look like a real
    shop's range; about 10% are accessories (category 配件).
    """
    if count < 0:
        raise ValueError("count must be >= 0")
    rng = random.Random(seed)
    r = rng.random
    next_barcode = _Barcodes(seed).next
    shop_price = _shop_price_fen
    price = _price
    factor = _BRAND_FACTOR.get
    promo_rate, zero_rate = _PROMO_RATE, _ZERO_STOCK_RATE
    per_category: dict[str, int] = dict.fromkeys(CATEGORIES, 0)
    schedule = [plan for plan in _PLANS for _ in range(plan[0].weight)]
    out: list[DemoProduct] = []
    append = out.append

    while len(out) < count:
        rng.shuffle(schedule)
        for (kind, name, cat, cat_code, brands, specs, colours, rotations, promos,
             stock_max, function, accessory_for) in schedule[: count - len(out)]:
            brand = brands[int(r() * len(brands))]
            spec, num, lo, hi = specs[int(r() * len(specs))]
            fen = shop_price((lo + (hi - lo) * r()) * factor(brand, 1.0))
            colour = colours[int(r() * len(colours))]
            strengths = rotations[int(r() * len(rotations))]

            promotion = ""
            if r() < promo_rate:
                options = [text for text, floor in promos if fen >= floor * 100]
                if options:
                    promotion = options[int(r() * len(options))]

            stock = 0 if r() < zero_rate else 1 + int(r() * stock_max)

            n = per_category[cat] = per_category[cat] + 1
            append(DemoProduct(
                f"{cat_code}-{n:04d}", next_barcode(brand), name, brand,
                _model(kind, brand, num, rng), spec, colour, cat, price(fen), stock,
                function, strengths, promotion, accessory_for,
            ))
    return out


# (name, mobile, address)
DEMO_CUSTOMERS: list[tuple[str, str, str]] = [
    ("张伟", "13857162048", "浙江省杭州市西湖区文三路259号3幢502室"),
    ("王芳", "15968123570", "浙江省杭州市拱墅区莫干山路100号2单元1101室"),
    ("李娜", "18867135296", "浙江省杭州市上城区解放路188号6幢302室"),
    ("刘洋", "13758290413", "浙江省杭州市滨江区江南大道1088号8幢1603室"),
    ("陈静", "15857126639", "浙江省杭州市余杭区文一西路998号5幢801室"),
    ("杨帆", "18058714427", "浙江省杭州市西湖区古墩路702号1幢403室"),
    ("赵磊", "13967180352", "浙江省杭州市拱墅区湖墅南路301号2幢602室"),
    ("黄丽", "15157193806", "浙江省杭州市上城区秋涛路258号4幢1202室"),
    ("周建华", "18606528174", "浙江省杭州市萧山区市心中路819号12幢701室"),
    ("吴敏", "13605813967", "浙江省杭州市西湖区天目山路176号7幢201室"),
    ("徐强", "15267039825", "浙江省杭州市临平区迎宾路369号3幢902室"),
    ("孙悦", "18768102453", "浙江省杭州市拱墅区凤起路78号1单元501室"),
    ("马志军", "13819470286", "浙江省杭州市钱塘区学林街555号9幢1503室"),
    ("朱琳", "15088691734", "浙江省杭州市西湖区教工路18号2幢303室"),
    ("胡斌", "18158175960", "浙江省杭州市滨江区长河路351号4幢1102室"),
    ("郭晓燕", "13588064217", "浙江省杭州市余杭区五常大道181号6幢601室"),
    ("何俊", "15355486092", "浙江省杭州市上城区望江东路332号11幢902室"),
    ("高志远", "18957119348", "浙江省杭州市萧山区金城路438号5幢1801室"),
    ("林小红", "13616527703", "浙江省宁波市鄞州区天童南路588号2幢1006室"),
    ("罗建国", "15825507619", "浙江省绍兴市越城区解放北路217号3幢402室"),
    ("郑秀英", "18072856431", "浙江省嘉兴市南湖区中山东路1208号8幢501室"),
    ("梁文博", "13916274580", "上海市浦东新区张杨路1520号15号楼1203室"),
    ("谢婷婷", "15901673248", "上海市徐汇区漕溪北路398号6号楼702室"),
    ("宋子轩", "18625193067", "江苏省苏州市姑苏区人民路1188号4幢302室"),
    ("唐敏", "13813967425", "江苏省南京市鼓楼区中山北路283号2幢1401室"),
    ("许晨", "15521086374", "广东省广州市天河区天河路385号9栋2305室"),
    ("韩冬梅", "18820473916", "广东省深圳市南山区科技南路18号3栋1707室"),
    ("冯志刚", "13880216579", "四川省成都市武侯区人民南路四段27号5栋603室"),
    ("邓丽萍", "15927340861", "湖北省武汉市武昌区中南路99号7栋1102室"),
    ("曹宇", "18611825703", "北京市朝阳区朝阳北路101号楼2单元801室"),
]

# (code, full name, role, demo PIN). Demo PINs are shown on the sign-in screen.
DEMO_STAFF: list[tuple[str, str, str, str]] = [
    ("A01", "王丽娟", "assistant", "1111"),
    ("A02", "陈晓东", "assistant", "1122"),
    ("A03", "刘思雨", "assistant", "1133"),
    ("C01", "李秀梅", "cashier", "2222"),
    ("C02", "张海燕", "cashier", "2233"),
    ("T01", "赵国庆", "order_tracker", "3333"),
    ("M01", "周明远", "manager", "9999"),
]
