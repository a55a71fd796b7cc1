//! After an edit that leaves the site's order alone: putting the new versions in place and
//! making again only the outputs that show them, as [`plan::reached`] says.

use std::collections::HashSet;
use std::sync::Arc;

use jiff::Timestamp;

use clinote_site::content::{Article, Kind};
use clinote_site::og_image::path::{is_card, path_for};
use clinote_site::outputs::plan::{self, Output, Reach, reach_of};
use clinote_site::outputs::{self, Data, OutputFile, pages};
use clinote_site::progress::Silent;
use clinote_site::render::views::Views;

use super::reread::Reread;
use super::{Preview, Update};

impl Preview {
    /// Puts the articles of `reread` in place in the site and makes the outputs that show
    /// them, and the copied files when `statics` (output paths) changed. Errors of templates
    /// leave the served files as they were.
    pub(super) fn make_reached(
        &mut self,
        reread: &Reread,
        statics: &[String],
        update: &mut Update,
        now: Timestamp,
    ) {
        let root = self.opts.root.clone();
        let Some(model) = self.model.as_mut() else {
            return;
        };
        let mut reached: Vec<Output> = Vec::new();
        for (old, new) in &reread.articles {
            let site = &mut model.site;
            let list = match new.kind {
                Kind::Article => &mut site.articles,
                Kind::Page => &mut site.pages,
            };
            // Compared as bytes: `Path` equality parses components, slow over thousands.
            let Some(i) = list
                .iter()
                .position(|a| a.path.as_os_str() == new.path.as_os_str())
            else {
                continue; // an unpublished article that stays unpublished
            };
            list[i] = new.clone();
            let r = old
                .as_ref()
                .map_or(Reach::Structure, |o| reach_of(o, new, now));
            reached.extend(plan::reached(&model.site, new.kind, i, r));
            // The files its last version had beside it go; the new version's come back below.
            if let Some(old) = old {
                for (path, _) in outputs::bundle_files(old) {
                    self.files.remove(&path);
                    update.changed.push(path);
                }
                if let Some(path) = path_for(model.site.config.cards, old) {
                    self.files.remove(&path);
                }
            }
            // A bundle's image may have changed on disk under the same name: its pages reload.
            update
                .changed
                .extend(outputs::bundle_files(new).into_iter().map(|(path, _)| path));
        }
        let mut seen = HashSet::new();
        reached.retain(|o| seen.insert(*o));
        // The search index costs as much as the site is long: it waits until the writer pauses.
        if reached.contains(&Output::SearchIndex) {
            self.search_stale = true;
            reached.retain(|o| *o != Output::SearchIndex);
        }
        if !statics.is_empty() {
            reached.push(Output::Copied);
        }
        let jobs: Vec<pages::Job> = reached
            .iter()
            .filter_map(|o| match o {
                Output::Page(job) => Some(*job),
                _ => None,
            })
            .collect();

        let views = Views {
            site: &model.site,
            now,
        };
        model.theme.set_globals(&views);
        let (pages, errors) = pages::render(&views, &model.theme, &jobs, &Silent);
        if !errors.is_empty() {
            self.errors.insert(String::new(), errors);
            return;
        }
        let others = match plan::make_files(&views, &model.theme, &root, &reached, None, false, &[])
        {
            Ok(files) => files,
            Err(errors) => {
                self.errors.insert(String::new(), errors);
                return;
            }
        };
        self.errors.remove("");
        update.rendered = pages.len();
        // Copies are cheap references: when a static file changed, replace them all (link cards
        // aside: they are generated); report the files that appeared or went, and those the
        // editor touched.
        let is_copied = |p: &str, d: &Data| !matches!(d, Data::Bytes(_)) && !is_card(p);
        let (copied, generated): (Vec<OutputFile>, Vec<OutputFile>) = others
            .into_iter()
            .partition(|f| !statics.is_empty() && is_copied(&f.path, &f.data));
        if !statics.is_empty() {
            let before: HashSet<String> = self
                .files
                .iter()
                .filter(|(p, d)| is_copied(p, d))
                .map(|(p, _)| p.clone())
                .collect();
            self.files.retain(|p, d| !is_copied(p, d));
            for f in copied {
                if !before.contains(&f.path) {
                    update.changed.push(f.path.clone());
                }
                // A generated page wins over a static file at the same path.
                self.files.entry(f.path).or_insert_with(|| Arc::new(f.data));
            }
            update
                .changed
                .extend(before.into_iter().filter(|p| !self.files.contains_key(p)));
            update.changed.extend(
                statics
                    .iter()
                    .filter(|p| self.files.contains_key(*p))
                    .cloned(),
            );
        }
        for f in pages.into_iter().chain(generated) {
            // Only what really differs counts: an open page whose bytes are the same is left alone.
            if self.files.get(&f.path).is_none_or(|old| **old != f.data) {
                update.changed.push(f.path.clone());
                self.files.insert(f.path, Arc::new(f.data));
            }
        }
        // The links of what was rendered again, against the files now served.
        let site = &model.site;
        let published: Vec<&Article> = reread
            .articles
            .iter()
            .map(|(_, new)| new)
            .filter(|new| {
                site.articles
                    .iter()
                    .chain(&site.pages)
                    .any(|a| Arc::ptr_eq(a, new))
            })
            .map(|a| &**a)
            .collect();
        for a in &published {
            self.link_errors.remove(&a.file);
        }
        let broken =
            clinote_site::linkcheck::check(published, site.config.base_path(), &self.files);
        for (file, diags) in clinote_diagnostic::by_file(broken) {
            self.link_errors.entry(file).or_default().extend(diags);
        }
    }
}
