//! After an edit: reading the changed articles and pages again and rendering them, with the
//! articles whose HTML depends on what changed (a link target, an image).

use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;
use rayon::prelude::*;

use clinote_diagnostic::{Diagnostic, display_path};
use clinote_site::content::Article;
use clinote_site::outputs::plan::{Reach, reach_of};
use clinote_site::stage;

use super::classify::Touched;
use super::{Preview, Update};

/// What reading and rendering again found.
#[derive(Default)]
pub(super) struct Reread {
    /// How far the widest change reaches; `None` when nothing published changed.
    pub reach: Option<Reach>,
    /// Each article or page rendered again: its last version (none when new) and its new one.
    pub articles: Vec<(Option<Arc<Article>>, Arc<Article>)>,
}

impl Preview {
    /// Reads the changed files again, keeping the last good version of any that fail, and
    /// renders them and the articles that depend on them into the pool.
    pub(super) fn reread(
        &mut self,
        touched: &Touched,
        update: &mut Update,
        now: Timestamp,
    ) -> Reread {
        let root = self.opts.root.clone();
        let mut out = Reread::default();
        let Some(model) = self.model.as_mut() else {
            return out;
        };
        // Files whose link target (address, title, description, cover) changed, appeared or
        // went, and images that changed: the articles whose HTML depends on them are rendered
        // again.
        let mut inputs_changed: Vec<PathBuf> = touched.static_files.clone();
        for dir in &touched.removed_dirs {
            let before = model.pool.len();
            model.pool.retain(|p, _| !p.starts_with(dir));
            if model.pool.len() != before {
                out.reach = Some(Reach::Structure);
                update.causes.push(display_path(&root, dir));
            }
            model.targets.retain(|p, _| {
                let gone = p.starts_with(dir);
                if gone {
                    inputs_changed.push(p.clone());
                }
                !gone
            });
            self.errors
                .retain(|file, _| !root.join(file).starts_with(dir));
            self.link_errors
                .retain(|file, _| !root.join(file).starts_with(dir));
        }
        let parsed: Vec<(PathBuf, Option<Article>, Vec<Diagnostic>)> = touched
            .entries
            .iter()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(path, entry)| {
                let mut diags = Vec::new();
                let article = if path.is_file() {
                    Article::read(entry, &root, &model.config, &model.static_dirs, &mut diags)
                } else {
                    None
                };
                (path.clone(), article, diags)
            })
            .collect();
        let mut to_render: Vec<(PathBuf, Article)> = Vec::new();
        for (path, article, diags) in parsed {
            let file = display_path(&root, &path);
            let (errors, warnings): (Vec<_>, Vec<_>) =
                diags.into_iter().partition(Diagnostic::is_error);
            update.warnings.extend(warnings);
            if !errors.is_empty() {
                self.errors.insert(file, errors);
                continue;
            }
            self.errors.remove(&file);
            match article {
                Some(a) => {
                    let target = a.link_target();
                    if model.targets.get(&path) != Some(&target) {
                        inputs_changed.push(path.clone());
                        model.targets.insert(path.clone(), target);
                    }
                    to_render.push((path, a));
                }
                None => {
                    self.link_errors.remove(&file);
                    if model.pool.remove(&path).is_some() {
                        out.reach = Some(Reach::Structure);
                    }
                    if model.targets.remove(&path).is_some() {
                        inputs_changed.push(path);
                    }
                }
            }
        }
        if !inputs_changed.is_empty() {
            for (path, a) in &model.pool {
                let depends = a
                    .rendered
                    .depends_on
                    .iter()
                    .any(|d| inputs_changed.contains(d));
                if depends && !to_render.iter().any(|(p, _)| p == path) {
                    to_render.push((path.clone(), (**a).clone()));
                }
            }
        }
        let env = stage::RenderEnv {
            config: &model.config,
            static_dirs: &model.static_dirs,
            targets: &model.targets,
        };
        let rendered: Vec<(PathBuf, Article, Vec<Diagnostic>)> = to_render
            .into_par_iter()
            .map(|(path, mut a)| {
                let diags = stage::render(&mut a, &env);
                (path, a, diags)
            })
            .collect();
        for (path, a, diags) in rendered {
            update.warnings.extend(diags);
            let old = model.pool.get(&path).cloned();
            let new = Arc::new(a);
            let r = match &old {
                Some(old) => reach_of(old, &new, now),
                None => Reach::Structure,
            };
            out.reach = out.reach.max(Some(r));
            model.pool.insert(path, new.clone());
            out.articles.push((old, new));
        }
        out
    }
}
