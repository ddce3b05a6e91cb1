//! The evaluation's own tables. None of them is read from, or copied out of, `src/detect/text`:
//! they are written from outside facts (the QWERTY layout, the scripts Unicode's
//! confusables data pairs with Latin letters, Mandarin syllables, knock-off names reported
//! in the press and by customs seizures) and deliberately reach past what the detector
//! was built to expect.

/// A registered mark of the evaluation: (mark, aliases, Chinese name, its syllables,
/// categories it is registered for ("" = all goods), goods it is sold as, retail price
/// in USD).
pub type MarkRow = (
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u32,
);

#[rustfmt::skip]
pub const MARKS: &[MarkRow] = &[
    ("Nike", &[], "耐克", "nai ke", "", "shoes", 120),
    ("adidas", &[], "阿迪达斯", "a di da si", "", "shoes", 100),
    ("Puma", &[], "彪马", "biao ma", "shoes|clothing|sports", "shoes", 80),
    ("Reebok", &[], "锐步", "rui bu", "", "shoes", 80),
    ("New Balance", &[], "新百伦", "xin bai lun", "", "shoes", 110),
    ("Asics", &[], "亚瑟士", "ya se shi", "", "shoes", 110),
    ("Converse", &[], "匡威", "kuang wei", "shoes|clothing", "shoes", 65),
    ("Vans", &[], "范斯", "fan si", "shoes|clothing", "shoes", 60),
    ("Skechers", &[], "斯凯奇", "si kai qi", "", "shoes", 70),
    ("Fila", &[], "斐乐", "fei le", "", "shoes", 70),
    ("Timberland", &[], "添柏岚", "tian bai lan", "shoes|clothing", "shoes", 180),
    ("Birkenstock", &[], "勃肯", "bo ken", "", "shoes", 120),
    ("Crocs", &[], "卡骆驰", "ka luo chi", "shoes", "shoes", 50),
    ("Under Armour", &[], "安德玛", "an de ma", "", "clothing", 60),
    ("The North Face", &[], "北面", "bei mian", "clothing|bags|shoes", "clothing", 250),
    ("Moncler", &[], "盟可睐", "meng ke lai", "", "clothing", 1200),
    ("Canada Goose", &[], "加拿大鹅", "jia na da e", "", "clothing", 1000),
    ("Patagonia", &[], "巴塔哥尼亚", "ba ta ge ni ya", "clothing|bags|sports", "clothing", 200),
    ("Supreme", &[], "", "", "clothing|bags|hats", "clothing", 150),
    ("Levi's", &["Levis"], "李维斯", "li wei si", "", "clothing", 80),
    ("Calvin Klein", &[], "卡尔文克莱恩", "ka er wen ke lai en", "", "clothing", 60),
    ("Tommy Hilfiger", &[], "汤米希尔费格", "tang mi xi er fei ge", "", "clothing", 90),
    ("Ralph Lauren", &[], "拉夫劳伦", "la fu lao lun", "", "clothing", 120),
    ("Lacoste", &[], "拉科斯特", "la ke si te", "", "clothing", 100),
    ("Burberry", &[], "博柏利", "bo bai li", "", "clothing", 900),
    ("Uniqlo", &[], "优衣库", "you yi ku", "", "clothing", 30),
    ("Hugo Boss", &[], "雨果博斯", "yu guo bo si", "", "clothing", 200),
    ("Versace", &[], "范思哲", "fan si zhe", "", "clothing", 900),
    ("Armani", &[], "阿玛尼", "a ma ni", "", "clothing", 600),
    ("Guess", &[], "", "", "clothing|bags|watches", "clothing", 60),
    ("Lululemon", &[], "露露乐蒙", "lu lu le meng", "", "sports", 100),
    ("Louis Vuitton", &["LV"], "路易威登", "lu yi wei deng", "", "bags", 2000),
    ("Gucci", &[], "古驰", "gu chi", "", "bags", 1800),
    ("Chanel", &[], "香奈儿", "xiang nai er", "", "bags", 5000),
    ("Hermès", &["Hermes"], "爱马仕", "ai ma shi", "", "bags", 9000),
    ("Prada", &[], "普拉达", "pu la da", "", "bags", 2200),
    ("Dior", &["Christian Dior"], "迪奥", "di ao", "", "bags", 3000),
    ("Fendi", &[], "芬迪", "fen di", "", "bags", 2500),
    ("Balenciaga", &[], "巴黎世家", "ba li shi jia", "", "bags", 1500),
    ("Givenchy", &[], "纪梵希", "ji fan xi", "", "bags", 2000),
    ("Bottega Veneta", &[], "葆蝶家", "bao die jia", "", "bags", 3000),
    ("Saint Laurent", &["YSL"], "圣罗兰", "sheng luo lan", "", "bags", 2500),
    ("Michael Kors", &[], "迈克高仕", "mai ke gao shi", "", "bags", 300),
    ("Coach", &[], "蔻驰", "kou chi", "bags|clothing|shoes", "bags", 350),
    ("Longchamp", &[], "珑骧", "long xiang", "", "bags", 150),
    ("Celine", &[], "思琳", "si lin", "", "bags", 2500),
    ("Loewe", &[], "罗意威", "luo yi wei", "", "bags", 3000),
    ("Goyard", &[], "戈雅", "ge ya", "", "bags", 2000),
    ("Rolex", &[], "劳力士", "lao li shi", "", "watches", 9500),
    ("Omega", &[], "欧米茄", "ou mi jia", "watches|jewelry", "watches", 5000),
    ("Cartier", &[], "卡地亚", "ka di ya", "", "jewelry", 6000),
    ("Tiffany & Co.", &["Tiffany"], "蒂芙尼", "di fu ni", "", "jewelry", 400),
    ("Pandora", &[], "潘多拉", "pan duo la", "jewelry", "jewelry", 80),
    ("Swarovski", &[], "施华洛世奇", "shi hua luo shi qi", "", "jewelry", 150),
    ("Patek Philippe", &[], "百达翡丽", "bai da fei li", "", "watches", 30000),
    ("Audemars Piguet", &["AP"], "爱彼", "ai bi", "", "watches", 25000),
    ("TAG Heuer", &[], "泰格豪雅", "tai ge hao ya", "", "watches", 3000),
    ("Casio", &[], "卡西欧", "ka xi ou", "", "watches", 50),
    ("Swatch", &[], "斯沃琪", "si wo qi", "watches", "watches", 80),
    ("Chow Tai Fook", &[], "周大福", "zhou da fu", "", "jewelry", 500),
    ("Apple", &["iPhone", "AirPods", "MacBook", "iPad"], "苹果", "ping guo", "electronics|phone accessories|computers", "electronics", 999),
    ("Samsung", &[], "三星", "san xing", "", "electronics", 800),
    ("Sony", &["PlayStation"], "索尼", "suo ni", "", "electronics", 400),
    ("Huawei", &[], "华为", "hua wei", "", "electronics", 600),
    ("Xiaomi", &[], "小米", "xiao mi", "electronics|phone accessories|home", "electronics", 300),
    ("Beats", &["Beats by Dre"], "", "", "electronics|phone accessories", "electronics", 200),
    ("Bose", &[], "", "", "electronics", "electronics", 300),
    ("Dyson", &[], "戴森", "dai sen", "", "home", 500),
    ("Philips", &[], "飞利浦", "fei li pu", "", "home", 100),
    ("Canon", &[], "佳能", "jia neng", "electronics|cameras", "electronics", 800),
    ("Nikon", &[], "尼康", "ni kang", "", "electronics", 900),
    ("GoPro", &[], "", "", "", "electronics", 400),
    ("DJI", &[], "大疆", "da jiang", "", "electronics", 800),
    ("Nintendo", &[], "任天堂", "ren tian tang", "", "electronics", 300),
    ("LEGO", &[], "乐高", "le gao", "", "toys", 100),
    ("Barbie", &[], "芭比", "ba bi", "toys", "toys", 30),
    ("Hot Wheels", &[], "风火轮", "feng huo lun", "toys", "toys", 10),
    ("Pokémon", &["Pokemon"], "宝可梦", "bao ke meng", "", "toys", 30),
    ("Hello Kitty", &[], "凯蒂猫", "kai di mao", "", "toys", 25),
    ("Disney", &[], "迪士尼", "di shi ni", "", "toys", 40),
    ("Marvel", &[], "漫威", "man wei", "toys|clothing", "toys", 40),
    ("L'Oréal", &["L'Oreal", "Loreal"], "欧莱雅", "ou lai ya", "", "cosmetics", 30),
    ("Estée Lauder", &["Estee Lauder"], "雅诗兰黛", "ya shi lan dai", "", "cosmetics", 100),
    ("Lancôme", &["Lancome"], "兰蔻", "lan kou", "", "cosmetics", 100),
    ("Shiseido", &[], "资生堂", "zi sheng tang", "", "cosmetics", 80),
    ("Clinique", &[], "倩碧", "qian bi", "", "cosmetics", 50),
    ("Maybelline", &[], "美宝莲", "mei bao lian", "", "cosmetics", 15),
    ("Sulwhasoo", &[], "雪花秀", "xue hua xiu", "", "cosmetics", 150),
    ("La Mer", &[], "海蓝之谜", "hai lan zhi mi", "", "cosmetics", 400),
    ("Jo Malone", &[], "祖玛珑", "zu ma long", "", "perfume", 150),
    ("Dove", &[], "多芬", "duo fen", "cosmetics", "cosmetics", 8),
    ("Nivea", &[], "妮维雅", "ni wei ya", "", "cosmetics", 10),
    ("Gillette", &[], "吉列", "ji lie", "", "cosmetics", 15),
    ("Ray-Ban", &[], "雷朋", "lei peng", "", "eyewear", 180),
    ("Oakley", &[], "欧克利", "ou ke li", "", "eyewear", 200),
    ("Starbucks", &[], "星巴克", "xing ba ke", "", "home", 30),
    ("Zippo", &[], "芝宝", "zhi bao", "", "home", 40),
    ("Montblanc", &[], "万宝龙", "wan bao long", "", "jewelry", 500),
    ("Yonex", &[], "尤尼克斯", "you ni ke si", "", "sports", 150),
    ("Thermos", &[], "膳魔师", "shan mo shi", "home", "home", 30),
];

/// Goods by category: English nouns, Chinese nouns.
#[rustfmt::skip]
pub const GOODS: &[(&str, &[&str], &[&str])] = &[
    ("shoes", &["sneakers", "running shoes", "slides", "trainers", "basketball shoes", "boots", "sandals", "loafers", "high tops", "walking shoes", "slip-ons", "football boots"],
        &["运动鞋", "跑鞋", "拖鞋", "板鞋", "篮球鞋", "靴子", "凉鞋", "休闲鞋", "老爹鞋"]),
    ("clothing", &["hoodie", "t-shirt", "jacket", "tracksuit", "polo shirt", "down jacket", "sweatshirt", "windbreaker", "jeans", "shorts", "puffer vest", "baseball cap", "beanie", "parka"],
        &["卫衣", "T恤", "外套", "运动套装", "羽绒服", "夹克", "牛仔裤", "短裤", "棒球帽", "冲锋衣"]),
    ("bags", &["tote bag", "shoulder bag", "backpack", "wallet", "crossbody bag", "card holder", "clutch", "belt bag", "handbag", "duffle bag", "coin purse", "messenger bag"],
        &["包包", "手提包", "双肩包", "钱包", "斜挎包", "卡包", "托特包", "腰包", "单肩包"]),
    ("watches", &["watch", "automatic watch", "chronograph", "wristwatch", "diver watch", "dress watch", "quartz watch", "watch strap"],
        &["手表", "机械表", "腕表", "石英表", "男表", "女表"]),
    ("jewelry", &["bracelet", "necklace", "ring", "earrings", "pendant", "charm bracelet", "bangle", "fountain pen"],
        &["手链", "项链", "戒指", "耳环", "吊坠", "手镯"]),
    ("cosmetics", &["lipstick", "foundation", "serum", "face cream", "eyeshadow palette", "mascara", "cleanser", "toner", "sunscreen", "body lotion", "razor blades", "night cream"],
        &["口红", "粉底液", "精华液", "面霜", "眼影盘", "睫毛膏", "洗面奶", "爽肤水", "防晒霜", "身体乳"]),
    ("perfume", &["perfume", "eau de parfum", "cologne", "eau de toilette", "body mist", "scented candle"],
        &["香水", "淡香水", "古龙水", "香氛"]),
    ("electronics", &["earbuds", "headphones", "smartphone", "tablet", "charger", "smartwatch", "bluetooth speaker", "game console", "camera", "drone", "power bank", "laptop", "controller"],
        &["耳机", "手机", "平板", "充电器", "智能手表", "蓝牙音箱", "游戏机", "相机", "无人机", "充电宝", "笔记本电脑"]),
    ("toys", &["building blocks set", "doll", "action figure", "plush toy", "die-cast car", "trading cards", "puzzle", "figure set", "toy car track"],
        &["积木", "娃娃", "手办", "毛绒玩具", "玩具车", "卡牌", "拼图"]),
    ("eyewear", &["sunglasses", "aviator sunglasses", "glasses frame", "sports sunglasses", "polarized sunglasses"],
        &["墨镜", "太阳镜", "眼镜框", "偏光镜"]),
    ("home", &["vacuum cleaner", "hair dryer", "tumbler", "coffee mug", "lighter", "insulated bottle", "air purifier", "electric toothbrush", "travel mug", "food jar"],
        &["吸尘器", "吹风机", "保温杯", "马克杯", "打火机", "空气净化器", "电动牙刷", "随行杯"]),
    ("sports", &["yoga pants", "badminton racket", "leggings", "gym bag", "yoga mat", "sports bra", "shuttlecocks", "tennis racket"],
        &["瑜伽裤", "羽毛球拍", "紧身裤", "运动包", "瑜伽垫", "运动内衣", "羽毛球"]),
];

/// Adjectives and details a seller puts in a title.
#[rustfmt::skip]
pub const DETAILS_EN: &[&str] = &[
    "new", "2026 new", "men", "women", "unisex", "black", "white", "red", "navy", "beige", "limited edition",
    "free shipping", "hot sale", "classic", "vintage look", "size 42", "size M", "large", "mini", "premium",
    "original packaging", "gift box", "fast delivery", "best seller", "summer", "winter", "kids", "slim fit",
    "leather", "canvas", "waterproof", "lightweight", "retro", "sport", "casual", "luxury", "official look",
];

#[rustfmt::skip]
pub const DETAILS_ZH: &[&str] = &[
    "新款", "男款", "女款", "包邮", "热卖", "经典", "黑色", "白色", "2026新品", "限量", "礼盒装", "现货",
    "秒发", "同城", "潮流", "百搭", "大码", "情侣款", "学生", "正品保障", "官方", "顺丰",
];

/// Filler for descriptions.
#[rustfmt::skip]
pub const DESCRIPTIONS: &[&str] = &[
    "Ships within 48 hours.", "Please check the size chart before ordering.", "Colour may vary slightly due to lighting.",
    "Contact us for bulk orders.", "Returns accepted within 7 days.", "Packed carefully in a sturdy box.",
    "支持七天无理由退换货。", "下单请备注尺码。", "48小时内发货。", "图片均为实拍。", "有问题请联系客服。",
    "Measurements are taken by hand, allow 1-2 cm difference.", "Stock is limited.", "",
];

/// QWERTY rows, for the keys next to each key (a fact of the layout, not of any code).
pub const QWERTY: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

/// Letters that Unicode's confusables data pairs with each Latin letter, from several
/// scripts (Cyrillic, Greek, Armenian, Cherokee, Latin extensions, IPA, small capitals,
/// mathematical letters), plus accented forms sellers pick to dodge exact matching.
#[rustfmt::skip]
pub const LOOKALIKES: &[(char, &[char])] = &[
    ('a', &['а', 'ɑ', 'α', 'à', 'á', 'ä', 'â', 'ａ', 'ᴀ', '𝐚']),
    ('b', &['Ь', 'ƅ', 'ḃ', '𝐛', 'ｂ']),
    ('c', &['с', 'ϲ', 'ç', 'ċ', 'ｃ', 'ᴄ', '𝐜']),
    ('d', &['ԁ', 'ɗ', 'ḋ', 'ｄ', '𝐝']),
    ('e', &['е', 'є', 'ė', 'é', 'ê', 'ë', 'ｅ', 'ҽ', '𝐞']),
    ('f', &['ſ', 'ƒ', 'ḟ', 'ｆ']),
    ('g', &['ɡ', 'ց', 'ġ', 'ğ', 'ｇ', '𝐠']),
    ('h', &['һ', 'հ', 'ḣ', 'ｈ', 'ʜ']),
    ('i', &['і', 'ı', 'ι', 'í', 'ï', 'ì', 'ｉ', 'ɪ', '𝐢']),
    ('j', &['ј', 'ϳ', 'ｊ']),
    ('k', &['κ', 'ķ', 'ｋ', 'ᴋ', '𝐤']),
    ('l', &['ӏ', 'ⅼ', 'ł', 'ｌ', 'ʟ', 'Ι']),
    ('m', &['м', 'ṃ', 'ｍ', 'ᴍ', '𝐦']),
    ('n', &['ո', 'ń', 'ñ', 'ｎ', 'ɴ', '𝐧']),
    ('o', &['о', 'ο', 'օ', 'ө', 'ó', 'ö', 'ô', 'ｏ', 'ᴏ', '𝐨']),
    ('p', &['р', 'ρ', 'ṗ', 'ｐ', 'ᴘ', '𝐩']),
    ('q', &['ԛ', 'ｑ']),
    ('r', &['г', 'ŕ', 'ｒ', 'ʀ', '𝐫']),
    ('s', &['ѕ', 'ś', 'ş', 'ｓ', 'ꜱ', '𝐬']),
    ('t', &['τ', 'ţ', 'ｔ', 'ᴛ', '𝐭']),
    ('u', &['υ', 'ս', 'ü', 'ú', 'ｕ', 'ᴜ', '𝐮']),
    ('v', &['ν', 'ѵ', 'ｖ', 'ᴠ']),
    ('w', &['ԝ', 'ѡ', 'ｗ', 'ᴡ']),
    ('x', &['х', 'χ', 'ｘ']),
    ('y', &['у', 'γ', 'ý', 'ÿ', 'ｙ', 'ʏ']),
    ('z', &['ᴢ', 'ż', 'ź', 'ｚ']),
];

/// Digits and symbols that stand for letters, as leetspeak is written: more than one
/// each, and some that take two characters.
#[rustfmt::skip]
pub const LEET: &[(char, &[&str])] = &[
    ('a', &["4", "@", "/-\\"]),
    ('b', &["8", "6"]),
    ('c', &["(", "<", "¢"]),
    ('e', &["3", "€"]),
    ('g', &["9", "6"]),
    ('h', &["#"]),
    ('i', &["1", "!", "|"]),
    ('l', &["1", "|", "7"]),
    ('o', &["0", "()"]),
    ('s', &["5", "$", "z"]),
    ('t', &["7", "+"]),
    ('z', &["2"]),
];

/// Characters that show nothing.
pub const INVISIBLE: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{034F}', '\u{FE0F}',
    '\u{FE0E}', '\u{FE00}', '\u{180E}', '\u{2061}', '\u{2063}',
];

/// What sellers put between the letters or words of a mark.
pub const SEPARATORS: &[&str] = &[
    " ", ".", "-", "_", "*", "/", "|", "·", "  ", "..", "--", " - ", " . ", "__", "**", " / ", "•",
    "~", "+", ",",
];

/// Knock-off names on record: seized by customs, sold in markets and reported in the press,
/// or coined the same way (a letter or a syllable changed, the shape and sound kept).
#[rustfmt::skip]
pub const KNOCKOFFS: &[(&str, &[&str])] = &[
    ("Nike", &["Nkie", "Nikee", "Naike", "Nlke", "Niké"]),
    ("adidas", &["Abibas", "Adibas", "Adidos", "Adidaz", "Addidas", "Adiads", "Adadis"]),
    ("Puma", &["Pmua", "Pumma", "Pumah"]),
    ("Reebok", &["Reebak", "Rebook", "Reebuk", "Reebock"]),
    ("New Balance", &["New Barlun", "New Balence", "New Bailun", "Nev Balance"]),
    ("Converse", &["Convorse", "Converce", "Conversse", "Kenverse"]),
    ("Skechers", &["Sketchers", "Skechars", "Skeckers"]),
    ("The North Face", &["The North Fake", "The Nerth Face", "The Nort Face", "The North Faces"]),
    ("Moncler", &["Monclear", "Monkler", "Moncller", "Mancler"]),
    ("Canada Goose", &["Canada Gosse", "Kanada Goose", "Canada Goos"]),
    ("Calvin Klein", &["Calvin Klain", "Kalvin Klein", "Calvin Kline", "Calvim Klein"]),
    ("Tommy Hilfiger", &["Tommy Hilfigger", "Tomy Hilfiger", "Tommy Hifiger"]),
    ("Ralph Lauren", &["Ralph Loren", "Ralf Lauren", "Raplh Lauren"]),
    ("Lacoste", &["Lacost", "Lacosta", "Lacostte"]),
    ("Burberry", &["Burbery", "Burberri", "Berberry", "Burburry"]),
    ("Versace", &["Versachi", "Versaci", "Vesace", "Versase"]),
    ("Armani", &["Armoni", "Amani", "Armanii"]),
    ("Louis Vuitton", &["Louis Vuiton", "Luis Vitton", "Louis Vitton", "Louls Vuitton", "Lois Vuitton"]),
    ("Gucci", &["Guuci", "Gucchi", "Guchi", "Gucii", "Cucci"]),
    ("Chanel", &["Chanell", "Chanal", "Chamel", "Chanei"]),
    ("Hermès", &["Hermess", "Hermez", "Hernes"]),
    ("Prada", &["Prado", "Pradda", "Prahda"]),
    ("Fendi", &["Fendy", "Fendii", "Fandi"]),
    ("Balenciaga", &["Balenciagga", "Balanciaga", "Balenciaca", "Belenciaga"]),
    ("Givenchy", &["Givency", "Givenchi", "Givanchy"]),
    ("Michael Kors", &["Michael Kros", "Micheal Kors", "Michael Korrs"]),
    ("Longchamp", &["Longchamps", "Longcham", "Lonchamp"]),
    ("Rolex", &["Rolax", "Rollex", "Relox", "Rolexx", "Ролекс"]),
    ("Omega", &["Omaga", "Omegga"]),
    ("Cartier", &["Cartiar", "Cartieer", "Catier"]),
    ("Swarovski", &["Swarowski", "Swarovsky", "Swarovksi"]),
    ("Patek Philippe", &["Patek Phillipe", "Patek Philipe", "Patek Phillippe"]),
    ("Casio", &["Casi0", "Cassio", "Caiso"]),
    ("Samsung", &["Samsong", "Sumsung", "Samsang", "Sansung"]),
    ("Sony", &["Sonny", "Soony"]),
    ("PlayStation", &["PolyStation", "PlayStaion", "Play Statian"]),
    ("Huawei", &["Huawai", "Hauwei", "Huawel"]),
    ("Xiaomi", &["Xiaomy", "Xioami", "Xaiomi"]),
    ("Dyson", &["Dysen", "Dysson", "Dison"]),
    ("Philips", &["Philipps", "Phillips", "Philps"]),
    ("Nintendo", &["Nintenda", "Nitendo", "Nintedo"]),
    ("iPhone", &["HiPhone", "iPhome", "iFone"]),
    ("LEGO", &["LEPIN", "LEGQ", "LECO"]),
    ("Pokémon", &["Pokemen", "Pokemom", "Pokeman"]),
    ("Hello Kitty", &["Hello Kity", "Hello Kittty", "Helo Kitty"]),
    ("Disney", &["Disny", "Dinsey", "Disnep"]),
    ("Estée Lauder", &["Estee Louder", "Estee Lauda"]),
    ("Lancôme", &["Lancome", "Lancom", "Lancme"]),
    ("Shiseido", &["Shisedo", "Shiseidoo", "Shisiedo"]),
    ("Maybelline", &["Maybeline", "Maybellin", "Maybelene"]),
    ("Gillette", &["Gilette", "Gillete", "Gilletta"]),
    ("Ray-Ban", &["Ray-Bon", "Ray Bam", "Rey-Ban", "Ray-Ben"]),
    ("Oakley", &["Oakly", "Oackley", "Oakey"]),
    ("Starbucks", &["Starbuck", "Starbacks", "Sturbucks"]),
    ("Timberland", &["Timberlan", "Timberlandd", "Tinberland"]),
    ("Birkenstock", &["Birkenstok", "Birkenstoc", "Birckenstock"]),
    ("Lululemon", &["Lulumelon", "Lululemen", "Lulelemon"]),
    ("Montblanc", &["Montblank", "Mont Blank", "Montbanc"]),
    ("Swatch", &["Swach", "Swatsh"]),
];

/// Pinyin syllables and characters that read the same (tone aside), for homophone names.
#[rustfmt::skip]
pub const SYLLABLES: &[(&str, &str)] = &[
    ("nai", "耐奈乃氖"), ("ke", "克刻客科可课柯"), ("a", "阿啊"), ("di", "迪笛帝敌底地蒂滴"),
    ("da", "达答打大哒"), ("si", "斯司思丝撕寺四"), ("biao", "彪标镖表"), ("ma", "马玛码妈麻"),
    ("rui", "锐瑞睿蕊"), ("bu", "步布部埠"), ("xin", "新心欣鑫辛"), ("bai", "百柏白佰拜"),
    ("lun", "伦仑轮论"), ("ya", "亚雅鸭压牙"), ("se", "瑟色涩"), ("shi", "士仕世诗施石时"),
    ("kuang", "匡框狂矿"), ("wei", "威维为伟卫薇唯"), ("fan", "范梵凡帆饭"), ("kai", "凯开铠楷"),
    ("qi", "奇琪其棋骑"), ("fei", "斐菲飞非费翡"), ("le", "乐勒"), ("tian", "添天田甜"),
    ("lan", "岚兰蓝澜"), ("bo", "勃博柏波伯"), ("ken", "肯垦恳"), ("luo", "骆洛罗落络"),
    ("chi", "驰池弛迟持"), ("an", "安按岸"), ("de", "德得"), ("bei", "北贝倍"),
    ("mian", "面棉免眠"), ("meng", "盟梦蒙萌孟"), ("lai", "睐莱来赖"), ("jia", "加佳家嘉茄"),
    ("na", "拿娜纳那"), ("e", "鹅额俄娥"), ("ba", "巴芭吧八"), ("ta", "塔他她踏"),
    ("ge", "哥格歌戈鸽"), ("ni", "尼妮泥倪"), ("li", "李利力丽莉立"), ("ka", "卡咖"),
    ("er", "尔儿耳二"), ("wen", "文温闻"), ("en", "恩嗯"), ("tang", "汤堂唐糖"),
    ("mi", "米迷蜜谜密"), ("xi", "希西喜溪"), ("fu", "夫福芙富府"), ("lao", "劳老捞"),
    ("te", "特忒"), ("you", "优尤友悠"), ("yi", "衣依易意伊"), ("ku", "库酷裤苦"),
    ("yu", "雨宇羽玉"), ("guo", "果国郭过"), ("zhe", "哲折者浙"), ("lu", "路露鹿陆璐"),
    ("deng", "登灯等邓"), ("gu", "古谷股鼓骨"), ("xiang", "香想湘祥"), ("pu", "普浦朴谱"),
    ("ao", "奥澳傲"), ("fen", "芬分粉纷"), ("bao", "葆宝保包堡"), ("die", "蝶碟迭叠"),
    ("sheng", "圣生声胜"), ("mai", "迈麦买卖"), ("gao", "高糕搞"), ("kou", "蔻扣口"),
    ("long", "珑龙隆笼"), ("lin", "琳林淋霖"), ("ou", "欧鸥偶"), ("pan", "潘盘攀"),
    ("duo", "多朵哆"), ("hua", "华花画滑"), ("zhou", "周州洲舟"), ("ping", "苹平萍瓶"),
    ("san", "三叁伞"), ("xing", "星兴幸形"), ("suo", "索所锁"), ("xiao", "小晓笑肖"),
    ("dai", "戴黛代带"), ("sen", "森"), ("neng", "能"), ("kang", "康抗慷"),
    ("jiang", "疆江姜将"), ("ren", "任人仁忍"), ("feng", "风丰峰枫"), ("huo", "火伙活"),
    ("mao", "猫毛茂帽"), ("man", "漫曼满蔓"), ("zi", "资姿紫子"), ("qian", "倩千钱谦"),
    ("mei", "美梅魅媚"), ("lian", "莲连联恋"), ("xue", "雪学薛"), ("xiu", "秀修袖"),
    ("hai", "海嗨亥"), ("zhi", "之芝知支"), ("zu", "祖组足"), ("lie", "列烈猎"),
    ("lei", "雷蕾磊"), ("peng", "朋鹏彭"), ("wan", "万湾弯"), ("shan", "膳善山杉"),
    ("mo", "魔摩莫墨"), ("ji", "纪吉基集"), ("tai", "泰太台"), ("hao", "豪好浩"),
    ("wo", "沃握卧"), ("ai", "爱艾哀"), ("bi", "彼比碧必"),
];

/// Brands and names that are not registered in the evaluation: they must never be read
/// as one of its marks.
#[rustfmt::skip]
pub const OTHER_BRANDS: &[&str] = &[
    "Anker", "Baseus", "Ugreen", "Logitech", "Lenovo", "Asus", "Acer", "Dell", "Sonos", "Garmin",
    "Fitbit", "Kindle", "Razer", "Corsair", "Xbox", "Nokia", "Oppo", "Vivo", "Realme", "OnePlus",
    "Tecno", "Haier", "Midea", "Gree", "Bosch", "Makita", "Stanley", "Kärcher", "Braun", "Rowenta",
    "Tefal", "Zwilling", "Ikea", "Muji", "Hanes", "Fruit of the Loom", "Carhartt", "Dickies",
    "Columbia", "Salomon", "Merrell", "Keen", "Hoka", "Brooks", "Saucony", "Mizuno", "Kappa",
    "Umbro", "Diadora", "Anta", "Li-Ning", "Xtep", "Peak", "Erke", "Semir", "Bosideng", "Heilan",
    "Pull&Bear", "Bershka", "Mango", "Shein", "Primark", "Benetton", "Esprit", "Superdry",
    "Fossil", "Timex", "Citizen", "Seagull", "Tissot", "Orient", "Bulova", "Nixon", "Daniel Wellington",
    "Mikimoto", "Pandahall", "Kate Spade", "Tory Burch", "Furla", "Marni", "Nina Ricci", "Mulberry",
    "Samsonite", "Herschel", "Kipling", "Eastpak", "Jansport", "Osprey", "Deuter", "Fjallraven",
    "Innisfree", "Laneige", "Cosrx", "Perfect Diary", "Florasis", "Proya", "Winona", "Cetaphil",
    "CeraVe", "Neutrogena", "Garnier", "Rimmel", "Revlon", "NYX", "Benefit", "Clarins", "Sisley",
    "Playmobil", "Bandai", "Tamiya", "Hasbro", "Mattel", "Schleich", "Ravensburger", "Jellycat",
    "Nikko", "Mika", "Nile", "Miko", "Sonya", "Rolo", "Cassia", "Bosco",
];

/// Words that a listing names right before a mark to say what a part fits.
#[rustfmt::skip]
pub const FITS_EN: &[&str] = &[
    "for", "compatible with", "fits", "works with", "replacement for", "designed for", "suitable for",
    "for use with", "made for", "to fit", "fit for", "compatible for",
];

#[rustfmt::skip]
pub const FITS_ZH: &[&str] = &["适用于", "适用", "兼容", "适配", "专用于", "配"];

/// Accessories by the goods they fit.
#[rustfmt::skip]
pub const ACCESSORIES: &[(&str, &[&str])] = &[
    ("shoes", &["replacement laces", "insoles", "shoe cleaning kit", "crease protectors", "shoe trees", "display box", "sole protector film"]),
    ("clothing", &["iron-on patch remover", "garment bag", "hanger set", "lint roller"]),
    ("bags", &["bag organizer insert", "purse base shaper", "replacement strap", "dust bag", "chain strap extender", "bag charm hook"]),
    ("watches", &["watch strap", "watch winder", "bezel protector", "watch box", "link removal tool", "screen protector"]),
    ("jewelry", &["jewelry cleaning cloth", "display stand", "charm spacer", "ring box"]),
    ("cosmetics", &["makeup organizer", "refill case", "applicator sponge set", "travel bottles"]),
    ("perfume", &["refill atomizer", "perfume travel bottle", "atomizer pump"]),
    ("electronics", &["phone case", "screen protector", "charging cable", "wall charger", "ear tips", "silicone cover", "stand", "carrying case", "remote control", "battery", "controller grip", "propeller guards"]),
    ("toys", &["storage box", "display case", "baseplate", "doll clothes", "track extension"]),
    ("eyewear", &["replacement lenses", "glasses case", "nose pads", "lens cloth"]),
    ("home", &["replacement filter", "brush heads", "spare battery", "wall mount", "silicone lid", "flint wheel"]),
    ("sports", &["grip tape", "racket strings", "mat strap", "shoe bag"]),
];

/// What a genuine reseller says: condition, proof, reason, and how it was bought.
#[rustfmt::skip]
pub const RESALE_EN: &[&str] = &[
    "pre-owned", "preloved", "pre-loved", "gently used", "used twice", "worn a few times", "barely worn",
    "like new", "excellent condition", "good used condition", "lightly used", "second hand",
    "secondhand", "used, in great shape", "vintage", "from my closet", "closet clean-out",
    "unwanted gift", "gift, never used", "received as a gift", "moving sale", "selling my own",
    "personal collection", "no longer needed", "outgrown", "bought in 2023", "open box",
    "minor scuffs", "small signs of wear", "comes with receipt", "with original receipt",
    "proof of purchase included", "authenticity card included", "with dust bag and box",
    "bought at the boutique", "purchased from the official store", "receipt from the store",
    "used condition", "tried on once", "worn once", "slightly used", "well kept",
];

#[rustfmt::skip]
pub const RESALE_ZH: &[&str] = &[
    "闲置", "二手", "自用闲置", "九成新", "95新", "99新", "八成新", "几乎全新", "只用过一次", "专柜购入",
    "有小票", "附购物小票", "搬家转让", "个人闲置", "低价转", "朋友送的", "全新未拆 送礼多余", "出闲置",
    "穿过两次", "正常使用痕迹",
];

/// Dictionary words that are also marks, and what they mean in ordinary listings:
/// (the word as used, categories of those listings, ordinary phrases with `{}` for it).
#[rustfmt::skip]
pub const ORDINARY: &[(&str, &str, &[&str])] = &[
    ("apple", "food|home|crafts|clothing", &["fresh {} slices", "{} cider vinegar 500ml", "green {} scented candle", "{} pie baking dish", "dried {} chips snack", "{} juice 1L", "{} print summer dress", "{} shaped silicone mold", "red {} ornament set", "{} tree seedling", "toffee {} lollipop", "{} corer and slicer"]),
    ("coach", "travel|sports|books|toys", &["{} bus seat cover", "football {} whistle", "{} travel pillow", "life {} journal", "{} trip luggage tag", "basketball {} clipboard", "toy {} bus model", "{} class seat cushion"]),
    ("guess", "toys|books|home", &["{} who board game", "{} the word card game", "{} my age party game", "{} the song quiz cards"]),
    ("puma", "toys|books|home|crafts", &["{} plush toy", "mountain lion {} poster", "{} cub figurine", "{} wildlife book", "{} cross stitch kit"]),
    ("converse", "books|toys|home", &["{} in spanish phrasebook", "learn to {} flash cards", "{} with locals travel guide"]),
    ("vans", "toys|auto|home", &["camper {} toy set", "{} roof rack", "delivery {} model kit", "food {} sign", "{} seat covers set"]),
    ("omega", "food|health|home|books", &["{} 3 fish oil capsules", "{} 3 softgels", "{} symbol pendant charm", "{} 6 supplement"]),
    ("pandora", "home|books|toys", &["{} box of tricks game", "{} myth storybook", "{} box decorative chest"]),
    ("swatch", "crafts|home|clothing", &["fabric {} book", "paint {} card set", "color {} sample cards", "upholstery {} kit"]),
    ("dove", "home|crafts|party", &["white {} wedding decoration", "{} grey wall paint", "peace {} ornament", "{} feather craft set"]),
    ("marvel", "home|crafts|books", &["{} of nature wall art", "engineering {} model kit", "{} bridge puzzle"]),
    ("crocs", "toys|books|garden", &["{} and alligators picture book", "wooden {} puzzle", "pond {} garden statue"]),
    ("supreme", "food|home|books", &["{} pizza seasoning", "chicken {} ready meal", "{} court history book"]),
    ("canon", "books|music|crafts", &["pachelbel {} sheet music", "{} law textbook", "{} in d piano book"]),
    ("thermos", "home", &["stainless {} flask", "{} style lunch box"]),
    ("beats", "music|home|sports", &["drum {} practice pad", "lo-fi {} vinyl", "heart {} monitor strap", "{} per minute metronome"]),
    ("barbie", "food|home", &["{} pink paint", "{} grill tongs set"]),
    ("xiaomi", "food", &["{} porridge pack"]),
    ("苹果", "food|home", &["烟台红富士{} 5斤装", "新鲜{}脆甜", "{}醋 饮料", "{}形状 抱枕", "{}干 零食"]),
    ("小米", "food", &["东北{} 5斤 新米", "黄{}粥 杂粮", "{}锅巴 零食", "有机{} 月子米"]),
    ("三星", "food|home|books", &["{}堆 考古 图书", "{}级 酒店 床品"]),
    ("北面", "home", &["房屋{}朝向 装修图纸"]),
];

/// Ordinary listings' goods: (English noun, Chinese noun).
#[rustfmt::skip]
pub const PLAIN_GOODS: &[(&str, &str)] = &[
    ("phone stand", "手机支架"), ("desk lamp", "台灯"), ("storage box", "收纳盒"), ("yoga mat", "瑜伽垫"),
    ("kitchen knife set", "刀具套装"), ("rain jacket", "雨衣"), ("cotton socks", "棉袜"), ("bed sheet set", "床单四件套"),
    ("water bottle", "水杯"), ("notebook", "笔记本"), ("gel pens", "中性笔"), ("tea set", "茶具"), ("plant pot", "花盆"),
    ("dog leash", "狗绳"), ("cat toy", "猫玩具"), ("wall clock", "挂钟"), ("LED strip lights", "灯带"),
    ("bike helmet", "头盔"), ("hair clips", "发夹"), ("wool scarf", "羊毛围巾"), ("sun hat", "遮阳帽"),
    ("running shorts", "运动短裤"), ("laptop sleeve", "电脑内胆包"), ("USB hub", "扩展坞"), ("mouse pad", "鼠标垫"),
    ("throw pillow", "抱枕"), ("shower curtain", "浴帘"), ("tool kit", "工具箱"), ("fishing rod", "鱼竿"),
    ("camping lantern", "露营灯"), ("kids raincoat", "儿童雨衣"), ("baby bottle", "奶瓶"), ("phone lanyard", "手机挂绳"),
    ("leather belt", "皮带"), ("canvas tote", "帆布袋"), ("silk pillowcase", "真丝枕套"), ("bamboo cutting board", "竹砧板"),
    ("mechanical keyboard", "机械键盘"), ("wireless mouse", "无线鼠标"), ("face towel", "毛巾"), ("hand cream", "护手霜"),
    ("wallet", "钱包"), ("sneakers", "运动鞋"), ("hoodie", "卫衣"), ("handbag", "手提包"), ("watch", "手表"),
];

/// Words an ordinary title adds: some of them a letter away from a mark.
#[rustfmt::skip]
pub const PLAIN_WORDS: &[&str] = &[
    "nice", "like", "bike", "hike", "mike", "nuke", "pump", "logo", "song", "door", "fans", "couch", "press",
    "relax", "channel", "parade", "love", "file", "film", "cassia", "mega", "apply", "zebra", "rocks", "boats",
    "nose", "pose", "rose", "hose", "dylan", "cannon", "canyon", "switch", "watch", "coast", "unique", "oak",
    "gusset", "fender", "celina", "lower", "yard", "marble", "dinky", "barber", "versa", "verse", "hawaii",
    "xiamen", "vanes", "basics", "asian", "nieve", "nova", "ponies", "nick", "nine", "giga", "pradera", "solex",
    "premium", "quality", "durable", "portable", "cotton", "wooden", "steel", "ceramic", "handmade", "washable",
    "model", "version", "pro", "max", "plus", "lite", "mini", "series", "edition", "set", "kit", "pack", "pcs",
];
