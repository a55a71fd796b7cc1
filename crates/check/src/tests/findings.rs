//! What is reported on hand-written texts: page-level disclosures, before/after photos,
//! teasers, contact details, My Number, consent, and what is skipped.

use super::*;

#[test]
fn self_pay_page_with_and_without_disclosures() {
    let clinic = Clinic::default(); // no phone or e-mail: the contact must be on the page
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let bare =
        "## AGA治療\n\n当院では、自由診療でAGA治療を行っています。お気軽にご相談ください。\n";
    let found = body(bare, &c);
    let f = find(&found, "missing-self-pay-disclosure").expect("reported");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.category, Category::Disclosure);
    let missing = |f: &Finding| {
        f.message
            .split_once("見当たらないもの：")
            .unwrap()
            .1
            .to_string()
    };
    assert_eq!(
        missing(f),
        "標準的な費用、治療期間と回数、主なリスクと副作用）"
    );
    assert_eq!((f.line, f.column), (5, 6));

    let full = "## AGA治療\n\n当院のAGA治療は自由診療（保険適用外）です。\n\n- 費用：1か月 8,800円（税込）\n- 期間：効果の判定まで6か月ほど続けます\n- 主な副作用：性欲の低下、肝機能の異常\n\nお問い合わせはお電話で。\n";
    assert!(find(&body(full, &c), "missing-self-pay-disclosure").is_none());

    // A passing mention is not an offer; a denied one neither.
    for text in [
        "抗がん剤の副作用で、脱毛が起こることがあります。",
        "当院では、自由診療は行っていません。",
        // Care that is often self-pay, done here under insurance.
        "まぶたのけいれんに対するボツリヌス療法は、保険適用の治療として当院でも行っています。",
    ] {
        assert!(body(text, &c).is_empty(), "{text}");
    }
    // With the clinic's phone configured, the footer is the contact point.
    let with_phone = demo_clinic();
    let found = body(bare, &ctx(with_phone, &config));
    let f = find(&found, "missing-self-pay-disclosure").unwrap();
    assert!(!missing(f).contains("問い合わせ先"));
    // Without a contact anywhere, it is missing too.
    let no_contact = "当院では、自由診療でAGA治療を行っています。\n";
    let f = body(no_contact, &c)
        .into_iter()
        .find(|f| f.rule == "missing-self-pay-disclosure")
        .unwrap();
    assert!(missing(&f).contains("問い合わせ先"), "{}", f.message);
}

#[test]
fn unapproved_drug_page_needs_five_disclosures() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let found = body(
        "当院では、GLP-1受容体作動薬を使ったダイエット外来を始めました。",
        &c,
    );
    let f = find(&found, "unapproved-drug-without-disclosure").expect("reported");
    assert!(
        f.message
            .contains("医薬品副作用被害救済制度の対象外であること")
    );
    // The same drug for its approved use is not flagged.
    assert!(
        body(
            "2型糖尿病の治療で、GLP-1受容体作動薬を使うことがあります。",
            &c
        )
        .is_empty()
    );
    // Nor a page that explains the drug and says the clinic does not give it for weight.
    let declined = "## よくいただく質問\n\nGLP-1受容体作動薬のダイエット目的の使用について、一般的な情報をまとめます。当院ではこの薬をダイエットの目的では処方していません。\n\n## 承認されていない使い方の問題\n\n体重を落とす目的で使うことは、国内では承認されていない使い方です。\n";
    let found = body(declined, &c);
    assert!(
        find(&found, "unapproved-drug-without-disclosure").is_none(),
        "{found:?}"
    );
}

#[test]
fn a_vaccine_s_name_is_no_run_of_kanji_to_reword() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let found = body(
        "- 高齢者肺炎球菌ワクチン（65歳になる年度の方）：自己負担4,000円\n",
        &c,
    );
    assert!(find(&found, "kanji-run").is_none(), "{found:?}");
    let found = body("高齢者肺炎球菌感染症予防対策を行います。\n", &c);
    assert!(find(&found, "kanji-run").is_some(), "{found:?}");
}

#[test]
fn before_after_photo_needs_details_in_its_section() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let bare = "## 症例\n\n![](case-before.jpg)\n![](case-after.jpg)\n";
    let found = body(bare, &c);
    let f = find(&found, "before-after-photo").expect("reported");
    assert_eq!((f.line, f.column), (5, 1));
    let detailed = "## 症例\n\n![治療前](case-before.jpg)\n![治療後](case-after.jpg)\n\n治療：シミ取りレーザー（自由診療）。期間と回数：3か月・3回。費用：1回 11,000円。主なリスク：赤み、色素沈着。\n\n## 次の節\n\n本文です。\n";
    assert!(find(&body(detailed, &c), "before-after-photo").is_none());
    // The details must be in the photo's section, not elsewhere on the page.
    let apart = "## 費用\n\n費用：1回 11,000円。期間：3か月・3回。主なリスク：赤み。\n\n## 症例\n\n3か月前(左)と現在(右)です。\n";
    assert!(find(&body(apart, &c), "before-after-photo").is_some());
    // A question that asks the reader to look shows the photos; one about photos does not.
    let look = "左が初回、右が3回目の照射後です。くすみの違い、わかりますか？";
    assert!(find(&body(look, &c), "before-after-photo").is_some());
    let ask = "左が初回、右が3回目の照射後の写真を、ブログに載せてもいいですか？";
    assert!(find(&body(ask, &c), "before-after-photo").is_none());
    // One person at two times, however the moments are named.
    let same = "上が春、下が今朝の、同じ方のお肌です。";
    assert!(find(&body(same, &c), "before-after-photo").is_some());
}

#[test]
fn teasers_are_checked_more_strictly() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let text = "他院よりも丁寧な説明を心がけています。";
    let article = body(text, &c);
    assert_eq!(
        find(&article, "comparison-with-others").unwrap().severity,
        Severity::Warning
    );
    let post = check_teaser(text, &c);
    let f = find(&post, "comparison-with-others").unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert_eq!((f.line, f.column, f.end_line, f.end_column), (0, 1, 0, 5));

    // A plain price is fine in an article and an error in a post.
    let price = "インフルエンザの予防接種は、13歳以上の方は1回3,800円です。";
    assert!(body(price, &c).is_empty());
    let post = check_teaser(price, &c);
    let f = find(&post, "price-in-post").unwrap();
    assert_eq!((f.severity, f.column), (Severity::Error, 25));
    // A self-pay offer cannot be disclosed in a post at all.
    let full = "AGA治療（自由診療）：1か月8,800円、6か月ほど。副作用は性欲の低下など。";
    assert!(find(&check_teaser(full, &c), "missing-self-pay-disclosure").is_some());
    // Trend hashtags that have nothing to do with the post.
    let post = check_teaser("インフルエンザの予防接種を始めました。 #美容 #予防接種", &c);
    assert_eq!(rules_of(&post), ["trend-hashtag"]);
    assert!(check_teaser("ダイエット中の食事のコツ。 #ダイエット", &c).is_empty());
    // Clean posts stay clean.
    assert!(check_teaser("夜中に子どもが熱を出したときのポイントをまとめました。", &c).is_empty());
}

#[test]
fn clinic_contact_details_are_not_flagged_but_others_are() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let own = "ご予約は０１２－３４５－６７８９、info@midori-clinic.example、〒000-0000 へ。";
    assert!(body(own, &c).is_empty(), "{:?}", body(own, &c));
    let found = body("連絡先は090-1234-5678、自宅は03-9876-5432です。", &c);
    assert_eq!(rules_of(&found), ["personal-phone-number", "phone-number"]);
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[1].severity, Severity::Warning);
    // Business numbers, #8000 and 119 are not personal.
    assert!(body("0120-123-456、#8000、119番にどうぞ。", &c).is_empty());
    // The same number is someone else's on a site of another clinic (`.example` addresses
    // are documentation, never reported).
    let other = Clinic::default();
    assert_eq!(
        rules_of(&body(own, &ctx(other, &config))),
        ["phone-number", "postal-code"]
    );
    let found = body("担当の方のアドレス yamada@clinic-b.jp にも送りました。", &c);
    assert_eq!(rules_of(&found), ["email-address"]);
    let sub = body("採用係 saiyo@recruit.midori-clinic.example まで。", &c);
    assert!(
        sub.is_empty(),
        "a subdomain of the clinic's is the clinic's"
    );
}

#[test]
fn my_number_needs_a_valid_check_digit() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let found = body("マイナンバーは 1234 5678 9018 です。", &c);
    assert_eq!(rules_of(&found), ["my-number"]);
    assert_eq!(found[0].severity, Severity::Error);
    assert!(body("マイナンバーは 1234 5678 9012 です。", &c).is_empty());
    // Without the word, a valid number is a warning (1 in 10 random numbers pass).
    let found = body("注文番号 123456789018 の件。", &c);
    assert_eq!(found[0].severity, Severity::Warning);
}

#[test]
fn written_consent_softens_privacy_but_not_testimonials() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let text = "中村さんは、3年前に大腸がんの手術を受けました。中村さんは、この治療で糖尿病がすっかり良くなりました。";
    let found = body(text, &ctx(clinic, &config));
    assert_eq!(
        find(&found, "patient-name").unwrap().severity,
        Severity::Error
    );
    let c = ArticleContext {
        patient_consent: Some("written"),
        ..ctx(clinic, &config)
    };
    let found = body(text, &c);
    assert_eq!(
        find(&found, "patient-name").unwrap().severity,
        Severity::Info
    );
    assert_eq!(
        find(&found, "patient-testimonial").unwrap().severity,
        Severity::Error
    );
    // Oral consent is not enough to soften it.
    let c = ArticleContext {
        patient_consent: Some("oral"),
        ..ctx(clinic, &config)
    };
    assert_eq!(
        find(&body(text, &c), "patient-name").unwrap().severity,
        Severity::Error
    );
}

#[test]
fn skips_code_urls_and_comments_but_checks_link_text() {
    let clinic = demo_clinic();
    let config = CheckConfig::default();
    let c = ctx(clinic, &config);
    let text = "`必ず治る`\n\n```\n090-1234-5678 必ず治ります\n```\n\n<!-- 必ず治ります -->\n\nhttps://example.jp/必ず治る\n\n[必ず治ります](https://example.jp/)\n";
    let found = body(text, &c);
    assert_eq!(rules_of(&found), ["guaranteed-effect"]);
    assert_eq!(found[0].line, 13);
}

#[test]
fn a_word_glossed_in_brackets_is_a_definition_not_a_claim() {
    let config = CheckConfig::default();
    let c = ctx(demo_clinic(), &config);
    let gloss = "肌のターンオーバー（生まれ変わり）を整えることをめざします。";
    assert!(find(&body(gloss, &c), "hype-wording").is_none());
    let claim = "治療のあと、肌が生まれ変わりました。";
    assert!(!body(claim, &c).is_empty());
}

#[test]
fn a_page_about_advertising_offers_nothing_and_a_banned_thing_is_rule_talk() {
    let config = CheckConfig::default();
    let c = ctx(demo_clinic(), &config);
    let ads = "最近、スマートフォンで美容医療やダイエットの広告を見る機会が増えました。\n\n体験談は、その人には合っても、あなたに合うとは限りません。医療機関が自分で載せる体験談は禁止されています。\n";
    let found = body(ads, &c);
    assert!(
        find(&found, "missing-self-pay-disclosure").is_none(),
        "{found:?}"
    );
    assert!(find(&found, "patient-testimonial").is_none(), "{found:?}");
}
