//! The clinic in structured data: a schema.org `MedicalClinic` with its address, telephone,
//! opening hours, position, specialties and logo, the publisher of every page. It has an
//! `@id`, so search engines read the clinic on every page as one and the same.

use serde_json::{Value, json};

use crate::config::Config;
use crate::config::hours::DAYS;

/// schema.org's day names, in the order of [`DAYS`].
const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The clinic as publisher: a `MedicalClinic` when it has a name, else an `Organization`
/// named after the blog.
pub fn publisher(config: &Config) -> Value {
    let c = &config.clinic;
    let url = c.url.clone().unwrap_or_else(|| config.base_url.to_string());
    let Some(name) = &c.name else {
        return json!({"@type": "Organization", "name": config.title, "url": url});
    };
    let mut org = json!({
        "@type": "MedicalClinic",
        "@id": format!("{url}#clinic"),
        "name": name,
        "url": url,
    });
    if let Some(a) = &c.address {
        org["address"] = address(a);
    }
    if let Some(p) = &c.phone {
        org["telephone"] = json!(p);
    }
    if let (Some(lat), Some(lon)) = (c.latitude, c.longitude) {
        org["geo"] = json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon});
    }
    if let Some(hours) = &config.hours {
        org["openingHoursSpecification"] = opening_hours(hours);
    }
    let specialties: Vec<&str> = c
        .departments
        .iter()
        .flat_map(|d| specialties(d).iter().copied())
        .collect();
    let mut unique: Vec<String> = Vec::new();
    for s in specialties {
        let s = format!("https://schema.org/{s}");
        if !unique.contains(&s) {
            unique.push(s);
        }
    }
    if !unique.is_empty() {
        org["medicalSpecialty"] = json!(unique);
    }
    if let Some(logo) = &config.brand.logo {
        let logo = config.absolute_url(&clinote_markdown::links::encode_path(logo.trim()));
        org["logo"] = json!({"@type": "ImageObject", "url": logo});
    }
    if let Some(map) = &c.map_url {
        org["hasMap"] = json!(map);
    }
    org
}

/// A Japanese address as a `PostalAddress`: `〒123-4567` becomes its postal code.
fn address(written: &str) -> Value {
    let trimmed = written.trim();
    let postal = trimmed
        .strip_prefix('〒')
        .and_then(|rest| rest.split_once(char::is_whitespace))
        .filter(|(code, _)| code.len() == 8 && code.as_bytes()[3] == b'-');
    match postal {
        Some((code, street)) => json!({
            "@type": "PostalAddress",
            "postalCode": code,
            "streetAddress": street.trim(),
            "addressCountry": "JP",
        }),
        None => json!({"@type": "PostalAddress", "streetAddress": trimmed}),
    }
}

/// One `OpeningHoursSpecification` per distinct range, with every day it applies to.
fn opening_hours(hours: &crate::config::hours::Hours) -> Value {
    let mut specs: Vec<(String, String, Vec<String>)> = Vec::new();
    for (i, ranges) in hours.days.iter().enumerate() {
        debug_assert_eq!(DAYS.len(), DAY_NAMES.len());
        for r in ranges {
            let (opens, closes) = (r.opens.iso(), r.closes.iso());
            let day = format!("https://schema.org/{}", DAY_NAMES[i]);
            match specs.iter_mut().find(|s| s.0 == opens && s.1 == closes) {
                Some(s) => s.2.push(day),
                None => specs.push((opens, closes, vec![day])),
            }
        }
    }
    specs
        .into_iter()
        .map(|(opens, closes, days)| {
            json!({
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": days,
                "opens": opens,
                "closes": closes,
            })
        })
        .collect()
}

/// schema.org's `MedicalSpecialty` values for a Japanese department name (診療科), or none
/// when schema.org has no match (眼科: `Optometric` is optometry, not ophthalmology).
pub fn specialties(department: &str) -> &'static [&'static str] {
    const TABLE: &[(&str, &[&str])] = &[
        ("内科", &["PrimaryCare"]),
        ("一般内科", &["PrimaryCare"]),
        ("総合内科", &["PrimaryCare"]),
        ("総合診療科", &["PrimaryCare"]),
        ("家庭医療科", &["PrimaryCare"]),
        ("小児科", &["Pediatric"]),
        ("皮膚科", &["Dermatology"]),
        ("循環器内科", &["Cardiovascular"]),
        ("循環器科", &["Cardiovascular"]),
        ("消化器内科", &["Gastroenterologic"]),
        ("胃腸内科", &["Gastroenterologic"]),
        ("呼吸器内科", &["Pulmonary"]),
        ("糖尿病内科", &["Endocrine"]),
        ("内分泌内科", &["Endocrine"]),
        ("腎臓内科", &["Renal"]),
        ("神経内科", &["Neurologic"]),
        ("脳神経内科", &["Neurologic"]),
        ("精神科", &["Psychiatric"]),
        ("心療内科", &["Psychiatric"]),
        ("血液内科", &["Hematologic"]),
        ("感染症内科", &["Infectious"]),
        ("腫瘍内科", &["Oncologic"]),
        ("老年内科", &["Geriatric"]),
        ("リウマチ科", &["Rheumatologic"]),
        ("産婦人科", &["Obstetric", "Gynecologic"]),
        ("産科", &["Obstetric"]),
        ("婦人科", &["Gynecologic"]),
        ("耳鼻咽喉科", &["Otolaryngologic"]),
        ("耳鼻科", &["Otolaryngologic"]),
        ("整形外科", &["Musculoskeletal"]),
        ("外科", &["Surgical"]),
        ("形成外科", &["PlasticSurgery"]),
        ("泌尿器科", &["Urologic"]),
        ("麻酔科", &["Anesthesia"]),
        ("歯科", &["Dentistry"]),
        ("小児歯科", &["Dentistry"]),
        ("リハビリテーション科", &["Physiotherapy"]),
        ("放射線科", &["Radiography"]),
        ("救急科", &["Emergency"]),
        ("病理診断科", &["Pathology"]),
        ("臨床検査科", &["LaboratoryScience"]),
    ];
    let name = department.trim();
    TABLE
        .iter()
        .find(|(ja, _)| *ja == name)
        .map_or(&[], |(_, values)| values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(extra: &str) -> Config {
        let text = format!(
            "title = \"t\"\nbase_url = \"https://e.jp/blog/\"\n[brand]\nlogo = \"images/logo.svg\"\n[clinic]\nname = \"みどり\"\nurl = \"https://e.jp/\"\naddress = \"〒000-0000 みどり県みどり市1-2-3\"\nphone = \"012-345-6789\"\nlatitude = 35.5\nlongitude = 139.25\ndepartments = [\"内科\", \"小児科\", \"眼科\", \"産婦人科\"]\n{extra}"
        );
        Config::parse(&text).unwrap().0
    }

    #[test]
    fn a_medical_clinic_with_hours_place_and_specialties() {
        let c = config(
            "[clinic.hours]\nmon = [\"09:00-12:30\", \"15:00-18:30\"]\ntue = [\"09:00-12:30\", \"15:00-18:30\"]\nwed = [\"09:00-12:30\"]\nthu = []\nfri = []\nsat = [\"09:00-12:30\"]\nsun = []\n",
        );
        let ld = publisher(&c);
        assert_eq!(ld["@type"], "MedicalClinic");
        assert_eq!(ld["@id"], "https://e.jp/#clinic");
        assert_eq!(ld["address"]["postalCode"], "000-0000");
        assert_eq!(ld["address"]["streetAddress"], "みどり県みどり市1-2-3");
        assert_eq!(ld["telephone"], "012-345-6789");
        assert_eq!(ld["geo"]["latitude"], 35.5);
        assert_eq!(
            ld["medicalSpecialty"],
            json!([
                "https://schema.org/PrimaryCare",
                "https://schema.org/Pediatric",
                "https://schema.org/Obstetric",
                "https://schema.org/Gynecologic"
            ])
        );
        assert_eq!(ld["logo"]["url"], "https://e.jp/blog/images/logo.svg");
        let specs = ld["openingHoursSpecification"].as_array().unwrap();
        assert_eq!(specs.len(), 2);
        assert_eq!(specs[0]["opens"], "09:00");
        assert_eq!(specs[0]["closes"], "12:30");
        assert_eq!(
            specs[0]["dayOfWeek"],
            json!([
                "https://schema.org/Monday",
                "https://schema.org/Tuesday",
                "https://schema.org/Wednesday",
                "https://schema.org/Saturday"
            ])
        );
        assert_eq!(specs[1]["opens"], "15:00");
        assert_eq!(specs[1]["dayOfWeek"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn without_a_name_it_is_the_blog() {
        let c = Config::parse("title = \"t\"\nbase_url = \"https://e.jp/\"\n")
            .unwrap()
            .0;
        assert_eq!(
            publisher(&c),
            json!({"@type": "Organization", "name": "t", "url": "https://e.jp/"})
        );
    }
}
