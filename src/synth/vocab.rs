//! Word pools for synthetic listings, English and Chinese, by category.

/// (category, English product words, Chinese product words)
pub(super) type Category = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

pub(super) const PRODUCTS: &[Category] = &[
    (
        "shoes",
        &[
            "running shoes",
            "sneakers",
            "basketball shoes",
            "trail runners",
            "slides",
            "canvas shoes",
            "high-top sneakers",
        ],
        &["运动鞋", "跑步鞋", "篮球鞋", "板鞋", "拖鞋", "帆布鞋"],
    ),
    (
        "bags",
        &[
            "tote bag",
            "crossbody bag",
            "backpack",
            "handbag",
            "wallet",
            "duffel bag",
            "shoulder bag",
        ],
        &["手提包", "斜挎包", "双肩包", "钱包", "单肩包", "托特包"],
    ),
    (
        "clothing",
        &[
            "hoodie",
            "t-shirt",
            "down jacket",
            "track pants",
            "polo shirt",
            "windbreaker",
            "cardigan",
        ],
        &["卫衣", "T恤", "羽绒服", "运动裤", "夹克", "针织衫"],
    ),
    (
        "watches",
        &[
            "automatic watch",
            "chronograph",
            "dive watch",
            "quartz watch",
            "steel bracelet watch",
        ],
        &["机械表", "手表", "潜水表", "石英表", "钢带手表"],
    ),
    (
        "jewelry",
        &[
            "pendant necklace",
            "charm bracelet",
            "stud earrings",
            "silver ring",
            "crystal necklace",
        ],
        &["项链", "手链", "耳钉", "戒指", "吊坠"],
    ),
    (
        "electronics",
        &[
            "wireless earbuds",
            "smartphone",
            "bluetooth speaker",
            "tablet",
            "smart watch",
            "headphones",
        ],
        &[
            "无线耳机",
            "手机",
            "蓝牙音箱",
            "平板电脑",
            "智能手表",
            "头戴耳机",
        ],
    ),
    (
        "phone accessories",
        &[
            "phone case",
            "charging cable",
            "screen protector",
            "power bank",
            "fast charger",
            "watch band",
        ],
        &["手机壳", "数据线", "钢化膜", "充电宝", "快充头", "表带"],
    ),
    (
        "cosmetics",
        &[
            "lipstick",
            "foundation",
            "serum",
            "eye cream",
            "moisturizer",
            "cushion compact",
        ],
        &["口红", "粉底液", "精华液", "眼霜", "面霜", "气垫"],
    ),
    (
        "perfume",
        &["eau de parfum", "perfume gift set", "travel spray"],
        &["香水", "香水礼盒", "淡香水"],
    ),
    (
        "toys",
        &[
            "building blocks",
            "fashion doll",
            "action figure",
            "plush toy",
            "model kit",
            "trading cards",
        ],
        &["积木", "娃娃", "手办", "毛绒玩具", "拼装模型", "卡牌"],
    ),
    (
        "home",
        &[
            "ceramic mug",
            "table lamp",
            "cotton bedsheet",
            "storage box",
            "wall clock",
        ],
        &["陶瓷杯", "台灯", "床单", "收纳盒", "挂钟"],
    ),
    (
        "eyewear",
        &["sunglasses", "aviator sunglasses", "reading glasses"],
        &["太阳镜", "墨镜", "眼镜"],
    ),
    (
        "food",
        &["instant noodles", "green tea drink", "snack box"],
        &["方便面", "绿茶饮料", "零食礼盒"],
    ),
];

pub(super) const ADJECTIVES: &[&str] = &[
    "new",
    "2024",
    "lightweight",
    "breathable",
    "classic",
    "premium",
    "slim fit",
    "oversized",
    "waterproof",
    "limited edition",
    "unisex",
    "vintage",
    "casual",
    "soft",
    "durable",
    "portable",
];

pub(super) const ADJECTIVES_CN: &[&str] = &[
    "新款",
    "轻便",
    "透气",
    "经典",
    "百搭",
    "男女同款",
    "潮流",
    "加厚",
    "防水",
    "包邮",
    "简约",
];

pub(super) const COLORS: &[&str] = &[
    "black", "white", "navy", "beige", "red", "olive", "grey", "pink", "sky blue",
];

pub(super) const COLORS_CN: &[&str] = &["黑色", "白色", "藏青", "米色", "红色", "灰色", "粉色"];

pub(super) const MATERIALS: &[&str] = &[
    "cotton",
    "leather",
    "stainless steel",
    "nylon",
    "silicone",
    "mesh",
    "wool blend",
    "canvas",
];

/// Sentences for descriptions.
pub(super) const SENTENCES: &[&str] = &[
    "Fast shipping from our warehouse, usually dispatched within 48 hours.",
    "Please check the size chart before ordering; sizes run slightly small.",
    "Colour may vary slightly due to monitor settings and lighting.",
    "Made with carefully selected materials for everyday comfort and durability.",
    "Suitable for daily wear, travel, sports and gifts for friends and family.",
    "Wholesale orders welcome, contact us for a quote on large quantities.",
    "We offer a 30-day return policy for unused items in original packaging.",
    "Hand wash recommended; do not bleach; dry flat in the shade.",
    "Package includes one item; accessories shown in photos are not included.",
    "If you have any questions please message us, we reply within a day.",
    "Our store has ten years of experience and thousands of happy buyers.",
    "Stock is limited for this batch, order soon to avoid waiting.",
    "支持七天无理由退换货，下单后48小时内发货。",
    "尺码偏小，建议拍大一码，具体请咨询客服。",
    "由于拍摄光线不同，实物颜色可能略有差异。",
    "批发价格请联系客服，量大从优。",
];

/// Titles that contain a mark's letters without being the mark: exact matching must
/// leave these alone.
pub(super) const NEAR_MISSES: &[(&str, &str)] = &[
    ("Nikeland theme park souvenir keychain", "home"),
    ("Apple cider vinegar gummies, 60 count", "food"),
    ("Fresh apple slicer and corer, stainless steel", "home"),
    ("Puma plush toy, realistic wild cat 30cm", "toys"),
    ("Channel lock pliers 10 inch", "home"),
    ("Crown molding corner blocks, set of 4", "home"),
    ("Galaxy night light projector for kids room", "home"),
    ("Pandora's box trivia card game", "toys"),
    ("Supreme court history book, hardcover", "home"),
    ("Classic polo shirt, pique cotton, navy", "clothing"),
];
