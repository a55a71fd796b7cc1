//! The render cache (`.clinote/cache/render/`): a rebuild reuses what did not change, gives
//! exactly the output of a build without it, and never shows a stale page.

use clinote_site::stage::cache::PACK_FILE;
use clinote_site::stage::cache_pack::Pack;

use crate::support::{TempSite, stdout, tree};

const ENTRY_DIR: &str = ".clinote/cache/render";
const PREVIEW_DIR: &str = ".clinote/cache/render-preview";

/// The keys of the entries in a cache folder, sorted.
fn keys_in(site: &TempSite, dir: &str) -> Vec<u128> {
    let mut keys: Vec<u128> = Pack::open(&site.root().join(dir).join(PACK_FILE))
        .map(|p| p.keys().collect())
        .unwrap_or_default();
    keys.sort_unstable();
    keys
}

fn entries(site: &TempSite) -> Vec<u128> {
    keys_in(site, ENTRY_DIR)
}

/// Every file in a cache folder (the pack, and anything left beside it).
fn files_in(site: &TempSite, dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.root().join(dir))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// "9 / 10 本は前回の結果を使いました" → (9, 10); (0, 0) when nothing was reused.
fn reused(out: &std::process::Output) -> (usize, usize) {
    let text = stdout(out);
    let Some(line) = text.lines().find(|l| l.contains("前回の結果を使いました")) else {
        return (0, 0);
    };
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

fn two_articles() -> TempSite {
    let site = TempSite::new();
    site.article(
        "winter",
        "title = \"冬の手洗い\"\ndate = 2026-01-10\ntags = [\"感染症\"]",
        "## 手順\n\n石けんで30秒洗います。\n",
    );
    site.article(
        "fever",
        "title = \"子どもの発熱\"\ndate = 2026-01-12",
        "## 目安\n\n手洗いは[冬の手洗い](winter.md)をご覧ください。\n",
    );
    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"当院について\"\n+++\n内科です。\n",
    );
    site
}

#[test]
fn a_rebuild_reuses_everything_and_writes_the_same_bytes() {
    let site = two_articles();
    let first = site.build_ok(&[]);
    assert_eq!(reused(&first), (0, 0), "{}", stdout(&first));
    assert_eq!(entries(&site).len(), 3, "one entry per article and page");
    let cold = tree(&site.public());
    let pack = site.root().join(ENTRY_DIR).join(PACK_FILE);
    let modified = std::fs::metadata(&pack).unwrap().modified().unwrap();

    let second = site.build_ok(&[]);
    assert_eq!(reused(&second), (3, 3), "{}", stdout(&second));
    assert_eq!(tree(&site.public()), cold);
    // Nothing changed, so the cache was not written again.
    assert_eq!(
        std::fs::metadata(&pack).unwrap().modified().unwrap(),
        modified
    );
    assert_eq!(files_in(&site, ENTRY_DIR), [PACK_FILE]);

    // And the same as a build that neither reads nor writes the cache.
    std::fs::remove_dir_all(site.root().join(ENTRY_DIR)).unwrap();
    let out = site.build_ok(&["--no-cache"]);
    assert_eq!(reused(&out), (0, 0));
    assert!(entries(&site).is_empty(), "--no-cache writes no entries");
    assert_eq!(tree(&site.public()), cold);
}

#[test]
fn an_edited_article_is_rendered_again_and_its_old_entry_removed() {
    let site = two_articles();
    site.build_ok(&[]);
    let before = entries(&site);
    site.article(
        "winter",
        "title = \"冬の手洗い\"\ndate = 2026-01-10\ntags = [\"感染症\"]",
        "## 手順\n\n石けんで60秒洗います。\n",
    );
    let out = site.build_ok(&[]);
    assert_eq!(reused(&out), (2, 3), "{}", stdout(&out));
    assert!(site.read("articles/winter/index.html").contains("60秒"));
    let after = entries(&site);
    assert_eq!(after.len(), 3, "the old entry is pruned");
    assert_eq!(before.iter().filter(|e| after.contains(e)).count(), 2);
}

#[test]
fn a_link_to_a_renamed_article_follows_it() {
    let site = two_articles();
    site.build_ok(&[]);
    assert!(
        site.read("articles/fever/index.html")
            .contains("articles/winter/")
    );
    // The linked article moves to another address: the linking article's page must follow
    // even though its own file did not change.
    site.article(
        "winter",
        "title = \"冬の手洗い\"\ndate = 2026-01-10\nslug = \"hand-washing\"",
        "## 手順\n\n石けんで30秒洗います。\n",
    );
    site.build_ok(&[]);
    let fever = site.read("articles/fever/index.html");
    assert!(fever.contains("articles/hand-washing/"), "{fever}");
    assert!(!fever.contains("articles/winter/"), "{fever}");
}

#[test]
fn a_config_change_renders_everything_again() {
    let site = two_articles();
    site.build_ok(&[]);
    let config = std::fs::read_to_string(site.root().join("clinote.toml")).unwrap();
    site.write(
        "clinote.toml",
        &config.replace("https://example.jp/blog/", "https://clinic.example/"),
    );
    let out = site.build_ok(&[]);
    assert_eq!(reused(&out), (0, 0), "{}", stdout(&out));
    assert!(
        site.read("feed.xml")
            .contains("https://clinic.example/articles/winter/")
    );
}

#[test]
fn a_replaced_image_gets_its_new_size() {
    let site = TempSite::new();
    site.write_bytes("static/images/a.png", &png(4, 3));
    site.article(
        "photo",
        "title = \"写真\"\ndate = 2026-01-10",
        "![手洗い](/images/a.png)\n",
    );
    site.build_ok(&[]);
    assert!(
        site.read("articles/photo/index.html")
            .contains("width=\"4\" height=\"3\"")
    );
    site.write_bytes("static/images/a.png", &png(8, 6));
    site.build_ok(&[]);
    let html = site.read("articles/photo/index.html");
    assert!(html.contains("width=\"8\" height=\"6\""), "{html}");
}

#[test]
fn a_damaged_cache_is_rendered_again() {
    let site = two_articles();
    site.build_ok(&[]);
    let cold = tree(&site.public());
    let pack = site.root().join(ENTRY_DIR).join(PACK_FILE);
    let whole = std::fs::read(&pack).unwrap();

    // Entries' bytes scrambled (the index intact): each entry fails to decode.
    let mut scrambled = whole.clone();
    // The trailer's first number is where the index starts, after the records.
    let at = scrambled.len() - 24;
    let records = u64::from_le_bytes(scrambled[at..at + 8].try_into().unwrap()) as usize;
    for b in &mut scrambled[..records] {
        *b = 0xff;
    }
    std::fs::write(&pack, &scrambled).unwrap();
    let out = site.build_ok(&[]);
    assert_eq!(reused(&out), (0, 0), "{}", stdout(&out));
    assert_eq!(tree(&site.public()), cold);

    // A pack cut short (a write interrupted): no entry at all, and a whole one written.
    std::fs::write(&pack, &whole[..whole.len() / 2]).unwrap();
    let out = site.build_ok(&[]);
    assert_eq!(reused(&out), (0, 0), "{}", stdout(&out));
    assert_eq!(tree(&site.public()), cold);
    assert_eq!(entries(&site).len(), 3);
    assert_eq!(reused(&site.build_ok(&[])), (3, 3));
}

#[test]
fn entries_of_the_old_one_file_each_cache_are_removed() {
    let site = two_articles();
    let old = site.root().join(ENTRY_DIR);
    std::fs::create_dir_all(&old).unwrap();
    let stale = old.join(format!("{:032x}.bin", 7));
    std::fs::write(&stale, b"old entry").unwrap();
    // Not clinote's: left alone.
    std::fs::write(old.join("notes.txt"), b"mine").unwrap();
    site.build_ok(&[]);
    assert_eq!(files_in(&site, ENTRY_DIR), ["entries.pack", "notes.txt"]);
}

#[test]
fn findings_and_warnings_come_back_from_the_cache() {
    let site = TempSite::new();
    site.write(
        "clinote.toml",
        &format!(
            "{}\n[check]\nfail_build = false\n",
            crate::support::MINIMAL_CONFIG
        ),
    );
    site.article(
        "cure",
        "title = \"必ず治る治療\"\ndate = 2026-01-10",
        "この治療で必ず治ります。\n",
    );
    let first = site.build_ok(&[]);
    let second = site.build_ok(&[]);
    assert_eq!(reused(&second), (1, 1));
    let warnings = |o: &std::process::Output| crate::support::stderr(o);
    assert!(warnings(&first).contains("content/articles/cure.md:"));
    assert_eq!(warnings(&first), warnings(&second));
}

/// A tiny valid PNG of the given size (the image's header is all clinote reads).
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_image_data(&vec![0; (width * height * 3) as usize])
            .unwrap();
    }
    out
}

#[test]
fn the_preview_keeps_its_own_entries_which_a_build_leaves_alone() {
    let site = two_articles();
    site.build_ok(&[]);
    let built = entries(&site);
    {
        let server = crate::support::Server::start(site.root(), &[]);
        let (status, _) = server.get("/articles/winter/");
        assert_eq!(status, 200);
    }
    let preview = keys_in(&site, PREVIEW_DIR);
    assert_eq!(preview.len(), 3, "one preview entry per article and page");
    // The preview's config differs (local address), so its entries are its own: building
    // again neither reuses nor removes them, and the build's entries are all still used.
    let out = site.build_ok(&[]);
    assert_eq!(reused(&out), (3, 3), "{}", stdout(&out));
    assert_eq!(entries(&site), built);
    assert_eq!(keys_in(&site, PREVIEW_DIR), preview);
}

#[test]
fn a_preview_on_another_port_starts_from_the_same_entries() {
    let site = two_articles();
    let pack = site.root().join(PREVIEW_DIR).join(PACK_FILE);
    let mut seen = Vec::new();
    for _ in 0..2 {
        // Port 0: the system picks a new free port each time.
        let server = crate::support::Server::start(site.root(), &[]);
        let (status, _) = server.get("/articles/winter/");
        assert_eq!(status, 200);
        drop(server);
        seen.push((
            keys_in(&site, PREVIEW_DIR),
            std::fs::metadata(&pack).unwrap().modified().unwrap(),
        ));
    }
    assert_eq!(seen[0].0.len(), 3);
    assert_eq!(
        seen[0], seen[1],
        "the second preview reused every entry and wrote none"
    );
}

const SEARCH_CACHE: &str = ".clinote/cache/search.bin";

/// The search index's files of the last build.
fn search_files(site: &TempSite) -> std::collections::BTreeMap<String, Vec<u8>> {
    tree(&site.public())
        .into_iter()
        .filter(|(p, _)| p.starts_with("search/") && p.ends_with(".json"))
        .collect()
}

#[test]
fn the_search_index_comes_back_from_its_cache_and_follows_an_edit() {
    let site = two_articles();
    site.build_ok(&[]);
    let kept = site.root().join(SEARCH_CACHE);
    let modified = std::fs::metadata(&kept).unwrap().modified().unwrap();
    let first = search_files(&site);

    // Nothing changed: the same index, and the kept shards are not written again.
    site.build_ok(&[]);
    assert_eq!(search_files(&site), first);
    assert_eq!(
        std::fs::metadata(&kept).unwrap().modified().unwrap(),
        modified
    );

    // A new word in one article: it is found, and the index is the one a build without any
    // cache makes.
    site.article(
        "winter",
        "title = \"冬の手洗い\"\ndate = 2026-01-10\ntags = [\"感染症\"]",
        "## 手順\n\n石けんで30秒洗い、蛇口も拭きます。\n",
    );
    site.build_ok(&[]);
    let edited = search_files(&site);
    assert_ne!(edited, first);
    let shards = String::from_utf8(edited["search/s/0.json"].clone()).unwrap();
    assert!(shards.contains("\"蛇口\""), "{shards}");
    std::fs::remove_dir_all(site.root().join(".clinote/cache")).unwrap();
    site.build_ok(&["--no-cache"]);
    assert_eq!(search_files(&site), edited);
    assert!(!kept.exists(), "--no-cache keeps no search index");

    // Kept shards that do not decode are made again.
    site.build_ok(&[]);
    std::fs::write(&kept, b"not a search cache").unwrap();
    site.build_ok(&[]);
    assert_eq!(search_files(&site), edited);
}
