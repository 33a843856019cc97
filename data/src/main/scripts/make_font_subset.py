#!/usr/bin/env python3
"""Makes the CJK font subsets bundled with hanzinet-data (used by the synthetic CTW generator).

Sources (Debian packages; the licence of each is committed beside its subset):
- fonts-droid-fallback: DroidSansFallbackFull.ttf (Copyright 2006-2010 Google Corp., Apache License 2.0)
- fonts-noto-cjk: Noto Sans CJK SC Bold, Noto Serif CJK SC Bold and Regular (Copyright 2014-2021 Adobe, SIL Open
  Font License 1.1; CFF outlines, kept as such)
- fonts-arphic-ukai: AR PL UKai CN, a brush (kai) style (Copyright 1999 Arphic Technology, 2006-2007
  Arne Goetje; Arphic Public License)

Each subset keeps the printable ASCII and its fullwidth forms (U+FF01..U+FF5E), a space, and the hanzi
below that EVERY source font covers (so any sign can use any font); hinting and layout features are
dropped. hanzi.txt (one line) is the character list the generator draws from. Needs fontTools (Debian:
python3-fonttools). Run from the repository root:

    /usr/bin/python3 data/src/main/scripts/make_font_subset.py

and commit the *Subset.* files and hanzi.txt in data/src/main/resources/org/hanzinet/data/synthetic/.
The generator's GlyphSet lists the same file names: keep FONTS and GlyphSet.FONTS in step.
"""
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

MODIFIED = "2026-12-02"  # when the subsets were made; bump when they are made again
OUT_DIR = "data/src/main/resources/org/hanzinet/data/synthetic"
# (source file, face number in a collection, output name)
FONTS = [
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0, "DroidSansFallbackSubset.ttf"),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2, "NotoSansCJKscBoldSubset.otf"),   # Noto Sans CJK SC Bold
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2, "NotoSerifCJKscBoldSubset.otf"), # Noto Serif CJK SC Bold
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2, "NotoSerifCJKscRegularSubset.otf"),  # Noto Serif CJK SC
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0, "UKaiCNSubset.ttf"),                         # AR PL UKai CN
]

# Frequent characters (general frequency lists), then words seen on street signs and shop boards.
HANZI = (
    "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家"
    "十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从知使点但现因"
    "开实长把意两些机间很最本新问回高全身已力几次内气正西向外此比东被美何工手门入各北南加文化路期四五六七八"
    "九百千万元第名同海口市区山水火土木金书车马电话信息店铺饭馆酒茶面粉汤菜肉鱼鸡鸭牛羊米包饺粥烤锅串"
    "药房医院诊所银行超商场餐厅旅宾楼广告招牌服装鞋帽衣美发容理修汽配件通讯手机数码家具建材五金百货便利"
    "烟酒副食品水果蔬菜干洗照相眼镜珠宝黄钟表书报刊文具体育用品彩票网吧歌舞厅浴足按摩洗脚宠物花卉礼品"
    "快餐小吃面包蛋糕甜点奶冰饮料咖啡啤酒烧烤火锅麻辣香锅黄焖鸡米饭兰州拉面沙县重庆成都北京上海广州深圳"
    "天津武汉南京西安杭州长沙湖福建江浙安徽河山陕甘宁青新疆云贵川藏内蒙古辽吉黑台湾香港澳门中华人民共和国"
    "政府公安局派出所交警税务工商邮政电信移动联通学校幼儿园小学中学大学图书馆博物馆公园广场车站地铁机场"
    "出租停车场加油站收费欢迎光临营业时间全天开业大吉优惠特价打折促销新品上市专卖批发零售连锁总店分店"
    "王李张刘陈杨赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任"
    "老字号正宗特色风味家常私房农家土鸡野生鲜活海鲜河鲜羊肉牛肉猪肉排骨饺子馄饨包子馒头油条豆浆豆腐"
    "请勿禁止吸烟注意安全小心地滑出口入口紧急通道厕所男女左右前后上下东西南北街道巷号楼层室单元栋"
    "爱心诚信品质服务专业团队精品时尚潮流生活健康快乐幸福吉祥如意平安顺发财富贵红黄蓝绿白黑紫金银"
    "一二三四五六七八九十零壹贰叁肆伍陆柒捌玖拾佰仟万亿年月日时分秒元角块"
    # More sign words: trades, services, food, places.
    "烘焙糖果炸鸡汉堡披萨寿司料理日韩式西中快捷酒店宾馆客栈公寓住宿棋牌茶楼会所养生馆足疗推拿针灸中医"
    "口腔牙科妇产儿童皮肤骨伤康复检验体检药店大药房连锁诊所卫生服务中心社区居委物业管理有限公司集团"
    "科技信息电子通讯器材家电维修开锁配钥匙复印打印图文广告装饰装修设计工作室摄影婚纱影楼花店鲜花"
    "汽车美容洗车轮胎保养配件摩托电动自行车五金建材灯饰窗帘布艺床上用品家纺服饰女装男装童装内衣鞋包"
    "超市便利店水果生鲜粮油调料干货土特产茶叶烟酒批发零售母婴玩具文具办公用品体育运动户外健身瑜伽舞蹈"
    "培训教育英语数学美术音乐钢琴书法辅导补习驾校考试留学移民旅游票务租赁房产中介置业二手房屋出售出租"
    "银行储蓄保险证券投资理财贷款典当回收黄金珠宝首饰钟表眼镜验光配镜手表名表专柜旗舰店直营加盟热线电话"
    "营业执照欢迎惠顾谢谢光临敬请期待即将开业盛大开业隆重开张火爆招商招聘诚聘店员服务员厨师收银员保安"
    "烤鸭涮羊肉酸菜鱼水煮鱼烤鱼小龙虾海鲜大排档夜宵早餐午餐晚餐外卖送餐堂食自助套餐盖浇饭炒饭炒面米线"
    "粉丝凉皮肉夹馍煎饼果子麻辣烫冒菜串串香锅盔包点粥铺豆花甜品奶茶果汁饮品冰淇淋酸奶蛋挞月饼"
    # Traditional forms common on signs in Hong Kong and Taiwan.
    "東車馬電話飯館麵湯雞鴨魚藥醫銀廳樓廣裝髮燒鍋號門開業歡迎臨營時間優價專賣發總點體書報畫學園區華"
    "廈貨網樂興隆鳳龍麗寶實經濟貿島灣臺會廠衛設計導護聯絡處標準質當錶鑽飾鏡鮮滷餃餅麥飲藝術廚務腦維"
    "機汽廟費處鐘錢貴買線燈雙寫讀館裡羅劉陳楊趙張吳孫鄭謝許韓馮鄧蕭葉蔣呂齊譚盧麵條豬牛腸粵閩滬與為"
    "車輛輪氣製裝檢驗驗證證據綜藥劑診療齒顏麼這個們來對說將從應還進邊門戶場點場區縣鄉鎮臺語壽燒臘"
)


def wanted_hanzi():
    seen = []
    for ch in HANZI:
        if "\u4e00" <= ch <= "\u9fff" and ch not in seen:
            seen.append(ch)
    return seen


def cmap_of(path, number):
    font = TTFont(path, fontNumber=number, lazy=True)
    return set(font.getBestCmap().keys())


def main():
    seen = wanted_hanzi()
    covered = [ch for ch in seen if all(ord(ch) in cmap_of_cached(src, n) for src, n, _ in FONTS)]
    dropped = [ch for ch in seen if ch not in covered]
    ascii_chars = "".join(chr(c) for c in range(0x21, 0x7F))
    fullwidth = "".join(chr(c - 0x21 + 0xFF01) for c in range(0x21, 0x7F))
    text = " " + ascii_chars + fullwidth + "".join(covered)
    os.makedirs(OUT_DIR, exist_ok=True)
    total = 0
    for src, number, name in FONTS:
        out = os.path.join(OUT_DIR, name)
        options = subset.Options()
        options.hinting = False
        options.layout_features = []
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.font_number = number
        font = subset.load_font(src, options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        mark_modified(font, len(text))
        subset.save_font(font, out, options)
        size = os.path.getsize(out)
        total += size
        print(f"{name}: {size} bytes", file=sys.stderr)
    with open(os.path.join(OUT_DIR, "hanzi.txt"), "w", encoding="utf-8") as f:
        f.write("".join(covered) + "\n")
    print(f"{len(covered)} hanzi (dropped, not in every font: {''.join(dropped) or 'none'}), {total} font bytes",
          file=sys.stderr)


def mark_modified(font, kept):
    """The notice the Arphic Public License (2a) asks for in each modified file, in every subset alike."""
    note = (f"Modified {MODIFIED} by hanzinet's data/src/main/scripts/make_font_subset.py: subset to {kept} characters "
            "(ASCII, fullwidth ASCII and the hanzi in hanzi.txt); hinting and layout features removed.")
    font["name"].setName(note, 10, 3, 1, 0x409)  # nameID 10 = description


_CMAPS = {}


def cmap_of_cached(path, number):
    if (path, number) not in _CMAPS:
        _CMAPS[(path, number)] = cmap_of(path, number)
    return _CMAPS[(path, number)]


if __name__ == "__main__":
    main()
