//! Reference photos copied into listings: found after resizing, mirroring, turning, borders and
//! re-compression; unrelated photos are not; a bad listing image is a reject and the
//! listing is still scanned; a photo with a patch covered or blurred is the platform's own
//! complaint, with the patch's box.

use std::fmt::Write;

use image::imageops;
use ippscan::synth::obscure::{Method, obscure_at};
use ippscan::synth::product_photo;

use crate::helpers::{Fixture, HEADER, Scan, evidence, flag, ippscan};

const IMAGES_CSV: &str = "image_id,rights_holder,path,kind,jurisdictions,categories,registration_no\n\
    P1,Acme,p1.png,copyright,CN,,\n\
    P2,Acme,p2.png,design_patent,CN,,D-1\n";

fn setup() -> Fixture {
    let f = Fixture::new();
    product_photo(501, 640, 640)
        .save(f.file("refs/p1.png"))
        .unwrap();
    product_photo(502, 640, 480)
        .save(f.file("refs/p2.png"))
        .unwrap();
    f.write("refs/images.csv", IMAGES_CSV.as_bytes());
    let p1 = product_photo(501, 640, 640);
    imageops::resize(&p1, 300, 300, imageops::FilterType::Triangle)
        .save(f.file("dump/img/resized.jpg"))
        .unwrap();
    imageops::flip_horizontal(&product_photo(502, 640, 480))
        .save(f.file("dump/img/mirrored.jpg"))
        .unwrap();
    imageops::rotate90(&imageops::resize(
        &p1,
        300,
        300,
        imageops::FilterType::Triangle,
    ))
    .save(f.file("dump/img/turned.jpg"))
    .unwrap();
    let mut framed = image::RgbImage::from_pixel(760, 760, image::Rgb([255, 255, 255]));
    imageops::overlay(&mut framed, &p1, 60, 60);
    framed.save(f.file("dump/img/framed.jpg")).unwrap();
    for seed in 0..20 {
        product_photo(9000 + seed, 500, 500)
            .save(f.file(&format!("dump/img/other{seed}.jpg")))
            .unwrap();
    }
    f.write("dump/img/broken.jpg", b"\xff\xd8\xff\xe0 not a jpeg at all");
    f.write("dump/img/empty.png", b"");
    let others: Vec<String> = (0..20).map(|s| format!("img/other{s}.jpg")).collect();
    f.write(
        "dump/listings.csv",
        format!(
            "{HEADER}\n\
             A1,s1,taobao,bags,canvas tote,,,,img/resized.jpg\n\
             A2,s1,taobao,bags,canvas tote,,,,img/mirrored.jpg\n\
             A3,s1,taobao,bags,canvas tote,,,,img/framed.jpg\n\
             A4,s1,taobao,bags,canvas tote,,,,{}\n\
             A5,s1,taobao,bags,Nike canvas tote,,,,img/broken.jpg|img/empty.png|img/missing.jpg\n\
             A6,s1,aliexpress,bags,canvas tote,,,,img/resized.jpg\n\
             A7,s1,taobao,bags,canvas tote,,,,img/turned.jpg\n",
            others.join("|")
        )
        .as_bytes(),
    );
    f
}

#[test]
fn copies_are_found_and_others_are_not() {
    let f = setup();
    let scan = f.scan_with(
        &["dump/listings.csv"],
        &["--images", &f.path("refs/images.csv").display().to_string()],
    );
    assert_eq!(
        scan.code, 1,
        "broken images make exit code 1: {}",
        scan.stderr
    );
    scan.assert_accounted();
    assert_eq!(
        scan.flagged(),
        [
            ("A1".to_string(), "P1".to_string()),
            ("A2".to_string(), "P2".to_string()),
            ("A3".to_string(), "P1".to_string()),
            ("A5".to_string(), "M1".to_string()),
            ("A7".to_string(), "P1".to_string()),
        ],
        "A4's unrelated photos and A6 (CN rights on an international platform) stay clean"
    );
    assert_eq!(flag(&scan, "A1")["reason"], "copyright_photo");
    assert_eq!(flag(&scan, "A2")["reason"], "design_patent_image");
    assert_eq!(flag(&scan, "A2")["detail"], "mirror");
    let ev = evidence(flag(&scan, "A2"));
    assert_eq!(ev["mirrored"], true);
    assert!(ev["distance"].as_u64().unwrap() <= 30);
    assert_eq!(ev["image"], "img/mirrored.jpg");
    assert_eq!(ev["transform"], "flip_h");
    // A quarter turn clockwise is named as one.
    assert_eq!(flag(&scan, "A7")["detail"], "rot90");
    let ev = evidence(flag(&scan, "A7"));
    assert_eq!(
        (&ev["transform"], &ev["mirrored"]),
        (&"rot90".into(), &false.into())
    );
    assert!(evidence(flag(&scan, "A1")).get("transform").is_none());

    let image_rejects: Vec<(String, String)> = scan
        .rejects
        .iter()
        .filter(|r| r["scope"] == "image")
        .map(|r| (r["id"].clone(), r["reason"].clone()))
        .collect();
    assert_eq!(
        image_rejects,
        [
            ("A5".to_string(), "undecodable_image".to_string()),
            ("A5".to_string(), "empty_image".to_string()),
            ("A5".to_string(), "missing_file".to_string()),
        ]
    );
    assert_eq!(scan.count("images_rejected"), 3);
    // Every image the seven listings name: one each, twenty for A4, three for A5.
    assert_eq!(scan.count("images_examined"), 28);
    assert!(scan.summary["throughput"]["images_per_s"].as_f64().unwrap() > 0.0);
}

#[test]
fn a_built_bundle_scans_as_the_uploads_do_and_a_damaged_one_is_refused() {
    let f = setup();
    let images = f.path("refs/images.csv").display().to_string();
    let from_csv = f.scan_with(&["dump/listings.csv"], &["--images", &images]);

    let bundle = f.path("refs.bundle").display().to_string();
    let marks = f.path("marks.csv").display().to_string();
    let built = ippscan(
        &[
            "refs", "build", "--marks", &marks, "--images", &images, "--out", &bundle,
        ],
        &f.path(""),
    );
    assert!(built.status.success(), "{built:?}");
    assert!(String::from_utf8_lossy(&built.stdout).contains("2 images"));

    let scan_refs = |out: &str| {
        let out = f.path(out);
        let output = ippscan(
            &[
                "scan",
                "--quiet",
                "--refs",
                &bundle,
                "--out",
                &out.display().to_string(),
                "--listings",
                &f.path("dump/listings.csv").display().to_string(),
            ],
            &f.path(""),
        );
        Scan::read(&output, &out)
    };
    let from_bundle = scan_refs("out-bundle");
    assert_eq!(from_bundle.flagged(), from_csv.flagged());
    assert_eq!(from_bundle.code, from_csv.code);

    let mut bytes = std::fs::read(&bundle).unwrap();
    let last = bytes.len() - 5;
    bytes[last] ^= 1;
    std::fs::write(&bundle, bytes).unwrap();
    let damaged = scan_refs("out-damaged");
    assert_eq!(damaged.code, 2);
    assert_eq!(
        damaged.stderr.trim().lines().count(),
        1,
        "{}",
        damaged.stderr
    );
    assert!(
        damaged.stderr.contains("checksum mismatch"),
        "{}",
        damaged.stderr
    );
}

/// A PNG whose header claims `width` × `height` pixels, with valid checksums and a few
/// bytes of data: what a decompression bomb looks like before it is inflated.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for chunk in [
        ihdr,
        b"IDAT\x78\x9c\x03\x00\x00\x00\x00\x01".to_vec(),
        b"IEND".to_vec(),
    ] {
        png.extend((chunk.len() as u32 - 4).to_be_bytes());
        png.extend(&chunk);
        png.extend(crc32(&chunk).to_be_bytes());
    }
    png
}

#[test]
fn decompression_bombs_and_other_unusable_files_are_rejected_before_decoding() {
    let f = Fixture::new();
    product_photo(7, 300, 300)
        .save(f.file("refs/p.png"))
        .unwrap();
    f.write(
        "refs/images.csv",
        b"image_id,rights_holder,path,kind,jurisdictions\nP,Acme,p.png,copyright,CN\n",
    );
    // A JPEG frame header claiming 65,535 x 65,535, and nothing else.
    f.write(
        "dump/img/bomb.jpg",
        b"\xff\xd8\xff\xc0\x00\x11\x08\xff\xff\xff\xff\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xff\xd9",
    );
    f.write("dump/img/bomb.png", &png_claiming(100_000, 100_000));
    f.write("dump/img/notes.png", b"just some text, not an image");
    f.write(
        "dump/listings.csv",
        format!(
            "{HEADER}\nB1,s1,taobao,bags,canvas tote,,,,img/bomb.jpg|img/bomb.png|img/notes.png\n"
        )
        .as_bytes(),
    );
    let scan = scan_with_uploaded_images(&f);
    let reasons: Vec<String> = scan
        .rejects
        .iter()
        .filter(|r| r["scope"] == "image")
        .map(|r| r["reason"].clone())
        .collect();
    assert_eq!(
        reasons,
        ["image_too_large", "image_too_large", "undecodable_image"],
        "{:?}",
        scan.rejects
    );
    assert_eq!(
        scan.count("scanned"),
        1,
        "the listing itself is still scanned"
    );
}

/// A photo of grass with a patch hidden by `method`, as a listing image, and the patch.
fn grass_with(method: Method) -> (image::RgbImage, (u32, u32, u32, u32)) {
    let grass = image::open(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/eval/photos/others/mate-GreenMeadow.jpg"),
    )
    .unwrap()
    .to_rgb8();
    let region = (420, 300, 180, 100);
    (obscure_at(&grass, method, region, 7), region)
}

#[test]
fn an_obscured_patch_is_flagged_for_the_platform_with_its_box() {
    let f = Fixture::new();
    let (covered, truth) = grass_with(Method::Cover(0));
    covered.save(f.file("dump/img/covered.jpg")).unwrap();
    grass_with(Method::Blur(8))
        .0
        .save(f.file("dump/img/blurred.jpg"))
        .unwrap();
    image::open(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/eval/photos/others/mate-GreenMeadow.jpg"),
    )
    .unwrap()
    .save(f.file("dump/img/untouched.jpg"))
    .unwrap();
    f.write(
        "dump/listings.csv",
        format!(
            "{HEADER}\n\
             O1,s1,taobao,shoes,Nike running shoes,,199,CNY,img/covered.jpg\n\
             O2,s1,taobao,shoes,running shoes,,199,CNY,img/covered.jpg\n\
             O3,s1,taobao,shoes,running shoes,,199,CNY,img/blurred.jpg\n\
             O4,s1,taobao,shoes,running shoes,,199,CNY,img/untouched.jpg\n\
             O5,s2,taobao,electronics,phone stand,,59,CNY,img/covered.jpg\n"
        )
        .as_bytes(),
    );
    let scan = f.scan(&["dump/listings.csv"]);
    scan.assert_accounted();
    let obscured = |id: &str| scan.flag_of(id, "deceptive_obscured_mark");
    let with_mark = obscured("O1").expect("the covered photo under a mark's name");
    let alone = obscured("O2").expect("the covered photo alone");
    assert_eq!(with_mark["detail"], "cover");
    assert_eq!(with_mark["ref_id"], "", "the platform's own complaint");
    assert_eq!(with_mark["rights_holder"], "");
    let ev = evidence(with_mark);
    assert_eq!(ev["image"], "img/covered.jpg");
    assert_eq!(ev["mark"], "Nike");
    let found: Vec<u64> = ev["box"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let near = |got: u64, want: u32| got.abs_diff(u64::from(want)) <= 12;
    assert!(
        near(found[0], truth.0)
            && near(found[1], truth.1)
            && near(found[2], truth.2)
            && near(found[3], truth.3),
        "box {found:?}, covered {truth:?}"
    );
    let score = |f: &std::collections::HashMap<String, String>| f["score"].parse::<f32>().unwrap();
    assert!(
        score(with_mark) > score(alone) + 0.1,
        "a mark in the title makes it stronger: {} vs {}",
        score(with_mark),
        score(alone)
    );
    assert_eq!(obscured("O3").expect("the blurred photo")["detail"], "blur");
    assert!(
        obscured("O4").is_none(),
        "the untouched photo is not flagged"
    );

    // Alone, the flag stays out of the platform's queue; what backs it is named.
    let backing = |id: &str| evidence(obscured(id).unwrap())["corroborated_by"].clone();
    assert!(score(alone) < 0.5, "alone: {}", score(alone));
    assert!(backing("O2").is_null(), "{}", backing("O2"));
    assert_eq!(
        backing("O1"),
        serde_json::json!([{"by": "text", "detail": "Nike"}])
    );
    assert_eq!(
        backing("O5"),
        serde_json::json!([{"by": "category", "detail": "electronics"}]),
        "Apple is registered for electronics"
    );
    let queued: Vec<String> = f
        .queue_export()
        .into_iter()
        .filter(|c| c["reasons"].contains("deceptive_obscured_mark"))
        .map(|c| c["listing_id"].clone())
        .collect();
    assert!(queued.contains(&"O1".to_string()), "{queued:?}");
    assert!(queued.contains(&"O5".to_string()), "{queued:?}");
    assert!(!queued.contains(&"O2".to_string()), "{queued:?}");
    assert!(!queued.contains(&"O3".to_string()), "{queued:?}");
}

/// `gen --images`: the dump, its photos and the references they copy make a scan in which
/// exactly the copies are found, and the same seed writes the same files.
#[test]
fn generated_photos_copy_their_references_and_only_those() {
    let f = Fixture::new();
    let gen_into = |dir: &str| {
        let out = ippscan(
            &[
                "gen",
                "--listings",
                "300",
                "--images",
                "60",
                "--image-side",
                "320",
                "--marks",
                "marks.csv",
                "--seed",
                "5",
                "--out",
            ]
            .into_iter()
            .map(String::from)
            .chain([format!("{dir}/listings.jsonl")])
            .collect::<Vec<_>>(),
            f.dir.path(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    gen_into("a");
    gen_into("b");
    for file in ["listings.jsonl", "images/g5-0000013.jpg", "refs/images.csv"] {
        assert_eq!(
            std::fs::read(f.path(&format!("a/{file}"))).unwrap(),
            std::fs::read(f.path(&format!("b/{file}"))).unwrap(),
            "{file}"
        );
    }
    let out = f.path("out");
    let scan = Scan::read(
        &ippscan(
            &[
                "scan",
                "--quiet",
                "--no-queue",
                "--no-report",
                "--marks",
                "marks.csv",
                "--images",
                "a/refs/images.csv",
                "--listings",
                "a/listings.jsonl",
                "--out",
                "out",
            ],
            f.dir.path(),
        ),
        &out,
    );
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    // Photos 0, 10, … 50 copy references 0–2 (resized ×0.3–2, JPEG q50).
    let copied: std::collections::BTreeSet<String> = scan
        .flags
        .iter()
        .filter(|f| f["reason"] == "copyright_photo")
        .map(|f| evidence(f)["image"].as_str().unwrap().to_string())
        .collect();
    let want: std::collections::BTreeSet<String> = (0..6)
        .map(|k| format!("images/g5-{:07}.jpg", k * 10))
        .collect();
    assert_eq!(copied, want);
}

/// A brand's photo copied at two-thirds size with a patch hidden (covered, blurred), and
/// the same copy untouched: the hidden patch is flagged with the reference and where it is
/// in it, and enters the queue (the copy itself backs it); the untouched copy hides nothing.
#[test]
fn a_copy_that_hides_part_of_its_reference_is_flagged_with_both_boxes() {
    let f = Fixture::new();
    let photo = image::open(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/eval/photos/refs/skimage-astronaut.jpg"),
    )
    .unwrap()
    .to_rgb8();
    photo.save(f.file("refs/astronaut.jpg")).unwrap();
    f.write(
        "refs/images.csv",
        b"image_id,rights_holder,path,kind,jurisdictions\nA,NASA,astronaut.jpg,copyright,CN\n",
    );
    let (width, height) = photo.dimensions();
    let copy = imageops::resize(
        &photo,
        width * 2 / 3,
        height * 2 / 3,
        imageops::FilterType::Triangle,
    );
    // The badge on the suit's shoulder, where a logo would be: about 4% of the photo.
    let region = (
        width * 2 / 3 * 55 / 100,
        height * 2 / 3 * 45 / 100,
        130,
        110,
    );
    for (name, method) in [("covered", Method::Cover(0)), ("blurred", Method::Blur(8))] {
        obscure_at(&copy, method, region, 3)
            .save(f.file(&format!("dump/img/{name}.jpg")))
            .unwrap();
    }
    copy.save(f.file("dump/img/untouched.jpg")).unwrap();
    f.write(
        "dump/listings.csv",
        format!(
            "{HEADER}\n\
             H1,s1,taobao,posters,space poster,,,,img/covered.jpg\n\
             H2,s1,taobao,posters,space poster,,,,img/blurred.jpg\n\
             H3,s1,taobao,posters,space poster,,,,img/untouched.jpg\n"
        )
        .as_bytes(),
    );
    let scan = scan_with_uploaded_images(&f);
    let obscured = |id: &str| scan.flag_of(id, "deceptive_obscured_mark");
    for id in ["H1", "H2"] {
        let flag = obscured(id).unwrap_or_else(|| panic!("{id}: {:?}", scan.flags));
        let ev = evidence(flag);
        assert!(
            ev["reference"].as_str().unwrap().ends_with("astronaut.jpg"),
            "{ev}"
        );
        let numbers = |v: &serde_json::Value| -> Vec<f64> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_f64().unwrap())
                .collect()
        };
        let b = numbers(&ev["box"]);
        let centre = (b[0] + b[2] / 2.0, b[1] + b[3] / 2.0);
        let truth = (
            f64::from(region.0 + region.2 / 2),
            f64::from(region.1 + region.3 / 2),
        );
        assert!(
            (centre.0 - truth.0).abs() < 60.0 && (centre.1 - truth.1).abs() < 60.0,
            "{id}: box {b:?}, hidden around {truth:?}"
        );
        // The same place as a share of the reference.
        let r = numbers(&ev["reference_box"]);
        let share = (r[0] + r[2] / 2.0, r[1] + r[3] / 2.0);
        let (cw, ch) = (f64::from(width * 2 / 3), f64::from(height * 2 / 3));
        assert!(
            (share.0 - truth.0 / cw).abs() < 0.08 && (share.1 - truth.1 / ch).abs() < 0.08,
            "{id}: reference box {r:?}"
        );
        assert!(flag["score"].parse::<f32>().unwrap() >= 0.9, "{flag:?}");
        assert_eq!(ev["corroborated_by"][0]["by"], "image_match", "{ev}");
    }
    assert!(obscured("H3").is_none(), "{:?}", obscured("H3"));
    // The report shows each hidden part twice: on the listing photo and on the reference.
    let report = std::fs::read_to_string(f.path("out/report.html")).unwrap();
    assert_eq!(
        report.matches("what it shows there").count(),
        2,
        "a reference figure per flag"
    );
    assert!(
        report.matches("<rect class=\"box\"").count() >= 4,
        "both boxes drawn"
    );
}

/// A rights holder's own photo may hold a place as flat as a cover (a blank label, a
/// sticker): its copies show that place as the reference does, and the reference is the
/// better witness of the two, so they are copies and nothing is hidden in them.
#[test]
fn a_copy_keeping_a_flat_place_of_its_reference_hides_nothing() {
    let f = Fixture::new();
    let (labelled, _) = grass_with(Method::Cover(0));
    labelled.save(f.file("refs/labelled.jpg")).unwrap();
    f.write(
        "refs/images.csv",
        b"image_id,rights_holder,path,kind,jurisdictions\nG,Acme,labelled.jpg,copyright,CN\n",
    );
    let (width, height) = labelled.dimensions();
    imageops::resize(
        &labelled,
        width * 2 / 3,
        height * 2 / 3,
        imageops::FilterType::Triangle,
    )
    .save(f.file("dump/img/copy.jpg"))
    .unwrap();
    f.write(
        "dump/listings.csv",
        format!("{HEADER}\nG1,s1,taobao,shoes,running shoes,,199,CNY,img/copy.jpg\n").as_bytes(),
    );
    let alone = f.scan(&["dump/listings.csv"]);
    assert!(
        alone.flag_of("G1", "deceptive_obscured_mark").is_some(),
        "on the photo alone its flat place looks covered: {:?}",
        alone.flags
    );
    let scan = scan_with_uploaded_images(&f);
    assert_eq!(scan.flagged(), [("G1".to_string(), "G".to_string())]);
    assert_eq!(flag(&scan, "G1")["reason"], "copyright_photo");
}

/// Copies that hide a part of their reference under a large cover, which once ranked
/// their own reference below photos of like layout: each is found against six references,
/// and untouched copies are not flagged.
#[test]
fn hidden_parts_under_large_covers_are_found() {
    let f = Fixture::new();
    let photos = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eval/photos");
    let references = [
        "others/mate-Wood",
        "others/ukui-rhythm",
        "refs/mate-Garden",
        "refs/skimage-chelsea",
        "refs/skimage-coffee",
        "refs/plasma-EveningGlow",
    ];
    let mut csv = String::from("image_id,rights_holder,path,kind,jurisdictions\n");
    let mut loaded = Vec::new();
    for (i, stem) in references.iter().enumerate() {
        let photo = image::open(photos.join(format!("{stem}.jpg")))
            .unwrap()
            .to_rgb8();
        let name = stem.rsplit('/').next().unwrap();
        photo.save(f.file(&format!("refs/{name}.jpg"))).unwrap();
        writeln!(csv, "R{i},Holder,{name}.jpg,copyright,CN").unwrap();
        loaded.push((name, photo));
    }
    f.write("refs/images.csv", csv.as_bytes());
    let photo = |name: &str| &loaded.iter().find(|(n, _)| *n == name).unwrap().1;
    // (listing, reference, what hides which share of it: x, y, width, height)
    let cases: [(&str, &str, Method, [f32; 4]); 2] = [
        (
            "W1",
            "mate-Wood",
            Method::Cover(0),
            [0.55, 0.55, 0.33, 0.34],
        ),
        (
            "C1",
            "skimage-chelsea",
            Method::Cover(0),
            [0.2, 0.15, 0.25, 0.45],
        ),
    ];
    let mut rows = String::from(HEADER);
    for (id, name, method, [x, y, w, h]) in cases {
        let reference = photo(name);
        let (rw, rh) = reference.dimensions();
        let (cw, ch) = (rw * 3 / 4, rh * 3 / 4);
        let copy = imageops::resize(reference, cw, ch, imageops::FilterType::Triangle);
        let at = |share: f32, side: u32| (share * side as f32) as u32;
        let region = (at(x, cw), at(y, ch), at(w, cw), at(h, ch));
        obscure_at(&copy, method, region, 7)
            .save(f.file(&format!("dump/img/{id}.jpg")))
            .unwrap();
        copy.save(f.file(&format!("dump/img/{id}-untouched.jpg")))
            .unwrap();
        write!(
            rows,
            "\n{id},s1,taobao,posters,poster,,,,img/{id}.jpg\n\
             {id}U,s1,taobao,posters,poster,,,,img/{id}-untouched.jpg"
        )
        .unwrap();
    }
    f.write("dump/listings.csv", rows.as_bytes());
    let scan = scan_with_uploaded_images(&f);
    let obscured = |id: &str| scan.flag_of(id, "deceptive_obscured_mark");
    for (id, name, _, _) in cases {
        let flag = obscured(id).unwrap_or_else(|| panic!("{id}: {:?}", scan.flags));
        let reference = evidence(flag)["reference"].as_str().unwrap().to_string();
        assert!(
            reference.ends_with(&format!("{name}.jpg")),
            "{id}: {reference}"
        );
        let untouched = format!("{id}U");
        assert!(
            obscured(&untouched).is_none(),
            "{untouched}: {:?}",
            obscured(&untouched)
        );
    }
}

/// The scan of `dump/listings.csv` against the fixture's `refs/images.csv`, every row
/// accounted for.
fn scan_with_uploaded_images(f: &Fixture) -> Scan {
    let images = f.path("refs/images.csv").display().to_string();
    let scan = f.scan_with(&["dump/listings.csv"], &["--images", &images]);
    scan.assert_accounted();
    scan
}
