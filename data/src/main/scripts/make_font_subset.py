#!/usr/bin/env python3
"""Makes the CJK font subset bundled with hanzinet-data (used by the synthetic CTW generator).

Source: Debian's fonts-droid-fallback, /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
(Copyright 2006-2010 Google Corp., Apache License 2.0). Keeps the fullwidth forms of printable ASCII (U+FF01..U+FF5E) and the hanzi below
(about 600 frequent characters and shop-sign words), drops hinting. Needs fontTools (Debian:
python3-fonttools). Run from the repository root:

    /usr/bin/python3 data/src/main/scripts/make_font_subset.py

and commit data/src/main/resources/org/hanzinet/data/synthetic/DroidSansFallbackSubset.ttf together
with hanzi.txt (the character list the generator draws from, one line).
"""
import os
import sys

from fontTools import subset

SOURCE = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
OUT_DIR = "data/src/main/resources/org/hanzinet/data/synthetic"

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
)


def main():
    seen = []
    for ch in HANZI:
        if "\u4e00" <= ch <= "\u9fff" and ch not in seen:
            seen.append(ch)
    # The font has no ASCII glyphs: Latin letters and digits are drawn with its fullwidth forms
    # (U+FF01..U+FF5E) and annotated as the ASCII characters they show.
    ascii_chars = "".join(chr(c) for c in range(0x21, 0x7F))
    fullwidth = "".join(chr(c - 0x21 + 0xFF01) for c in range(0x21, 0x7F))
    text = " " + fullwidth + "".join(seen)
    os.makedirs(OUT_DIR, exist_ok=True)
    out = os.path.join(OUT_DIR, "DroidSansFallbackSubset.ttf")
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(SOURCE, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    subset.save_font(font, out, options)
    with open(os.path.join(OUT_DIR, "hanzi.txt"), "w", encoding="utf-8") as f:
        f.write("".join(seen) + "\n")
    print(f"{len(seen)} hanzi + {len(fullwidth)} fullwidth ASCII -> {out} ({os.path.getsize(out)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
