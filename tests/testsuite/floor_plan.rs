//! The crate's floor plan, checked: no module longer than a reader can
//! hold, and no import cycle among the modules of one parent. Each file
//! under `src/` is parsed with syn; every path it names through `crate::`,
//! `super::`, `self::` or a child module is an edge from the file's module
//! to the sibling (below their nearest common parent) that holds the
//! target. A child using its parent's items, or a parent its children's,
//! is the ordinary shape of a module tree and not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use syn::visit::Visit;

use super::support::repo_root;

/// The longest a module (its file, tests included) may be.
const MAX_LINES: usize = 600;

/// A module's path below the crate root: `["render", "views"]`.
type ModulePath = Vec<String>;

/// Every library source file, by module path. The binary's `main.rs`
/// reaches the library only through its public name, so is left out.
fn modules() -> BTreeMap<ModulePath, String> {
    let src = repo_root().join("src");
    walkdir::WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .filter(|e| e.path() != src.join("main.rs"))
        .map(|e| {
            let path = module_path(e.path().strip_prefix(&src).unwrap());
            (path, fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

fn module_path(file: &Path) -> ModulePath {
    let mut parts: ModulePath = file
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// Collects the absolute paths a file names, skipping `#[cfg(test)]` items.
struct Names<'m> {
    module: &'m [String],
    children: BTreeSet<String>,
    found: Vec<ModulePath>,
}

impl Names<'_> {
    fn absolute(&self, segments: &[String]) -> Option<ModulePath> {
        let (first, rest) = segments.split_first()?;
        let mut path = match first.as_str() {
            "crate" => Vec::new(),
            "self" => self.module.to_vec(),
            "super" => self.module.split_last()?.1.to_vec(),
            child if self.children.contains(child) => [self.module, &[child.to_owned()]].concat(),
            _ => return None,
        };
        for segment in rest {
            if segment == "super" {
                path.pop();
            } else {
                path.push(segment.clone());
            }
        }
        Some(path)
    }

    fn note(&mut self, segments: &[String]) {
        if let Some(path) = self.absolute(segments) {
            self.found.push(path);
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                self.note(&prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                self.note(&prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Glob(_) => self.note(&prefix.clone()),
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(prefix, tree);
                }
            }
        }
    }
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && matches!(&a.meta, syn::Meta::List(list) if list.tokens.to_string().contains("test"))
    })
}

impl<'ast> Visit<'ast> for Names<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Use(u) => &u.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if !is_test_only(attrs) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.note(&segments);
        syn::visit::visit_path(self, path);
    }
}

/// The child modules a file declares (`mod x;`), test modules aside.
fn children(file: &syn::File) -> BTreeSet<String> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(m) if m.content.is_none() && !is_test_only(&m.attrs) => {
                Some(m.ident.to_string())
            }
            _ => None,
        })
        .collect()
}

/// Edges between sibling modules, grouped by their parent.
fn sibling_edges(
    modules: &BTreeMap<ModulePath, String>,
) -> BTreeMap<ModulePath, BTreeSet<(String, String)>> {
    let mut edges: BTreeMap<ModulePath, BTreeSet<(String, String)>> = BTreeMap::new();
    for (module, text) in modules {
        let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{module:?}: {e}"));
        let mut names = Names {
            module,
            children: children(&file),
            found: Vec::new(),
        };
        names.visit_file(&file);
        for target in names.found {
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            let (Some(from), Some(to)) = (module.get(common), target.get(common)) else {
                continue;
            };
            let mut sibling = module[..=common].to_vec();
            sibling[common] = to.clone();
            if modules.contains_key(&sibling) {
                edges
                    .entry(module[..common].to_vec())
                    .or_default()
                    .insert((from.clone(), to.clone()));
            }
        }
    }
    edges
}

/// The cycles among `edges`, each as the modules on it: the strongly
/// connected components of more than one module, found by reachability.
fn cycles(edges: &BTreeSet<(String, String)>) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = edges.iter().flat_map(|(a, b)| [a, b]).collect();
    let mut reach: BTreeMap<&String, BTreeSet<&String>> = BTreeMap::new();
    for (a, b) in edges {
        reach.entry(a).or_default().insert(b);
    }
    loop {
        let mut grew = false;
        for node in &nodes {
            let next: BTreeSet<&String> = reach
                .get(node)
                .into_iter()
                .flatten()
                .flat_map(|n| reach.get(n).into_iter().flatten())
                .copied()
                .collect();
            let own = reach.entry(node).or_default();
            let before = own.len();
            own.extend(next);
            grew |= own.len() > before;
        }
        if !grew {
            break;
        }
    }
    let mut seen: BTreeSet<&String> = BTreeSet::new();
    let mut found = Vec::new();
    for node in &nodes {
        if seen.contains(node) || !reach[node].contains(node) {
            continue;
        }
        let component: Vec<String> = nodes
            .iter()
            .filter(|other| reach[node].contains(*other) && reach[*other].contains(node))
            .map(|n| (*n).clone())
            .collect();
        seen.extend(nodes.iter().filter(|n| component.contains(n)));
        found.push(component);
    }
    found
}

#[test]
fn no_module_is_longer_than_a_reader_can_hold() {
    let long: Vec<String> = modules()
        .iter()
        .map(|(module, text)| (module.join("::"), text.lines().count()))
        .filter(|(_, lines)| *lines > MAX_LINES)
        .map(|(module, lines)| format!("{module}: {lines} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn no_modules_import_each_other_in_a_cycle() {
    let mut found = Vec::new();
    for (parent, edges) in sibling_edges(&modules()) {
        for cycle in cycles(&edges) {
            let parent = if parent.is_empty() {
                "crate".to_owned()
            } else {
                parent.join("::")
            };
            let between: Vec<String> = edges
                .iter()
                .filter(|(a, b)| cycle.contains(a) && cycle.contains(b))
                .map(|(a, b)| format!("{a} -> {b}"))
                .collect();
            found.push(format!("in {parent}: {}", between.join(", ")));
        }
    }
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

#[test]
fn the_cycle_check_sees_a_cycle() {
    let edges: BTreeSet<(String, String)> = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(cycles(&edges), vec![vec!["a", "b", "c"]]);
}
