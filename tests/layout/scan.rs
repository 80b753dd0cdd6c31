//! The layout checker's scan: every module of a tree, what each imports
//! (resolved to the module it names), and the import edges between the
//! siblings of each folder.

use std::collections::{BTreeMap, BTreeSet};

use super::circles::{Circle, Edges, cycle_through, strongly_connected};
use super::lex::{is_ident, strip, tokens};

/// A module by its path from the crate root (`["report", "sheets"]`).
pub type Module = Vec<String>;

/// One import: the module that makes it, the file and the path as written.
#[derive(Debug, Clone)]
struct Import {
    from: Module,
    file: String,
    path: Vec<String>,
}

/// What the files of a tree declare and import, before resolving.
#[derive(Default)]
struct Read {
    /// Every module (file modules and inline ones).
    modules: BTreeSet<Module>,
    /// Every import, in file order.
    imports: Vec<Import>,
    /// Names a module re-exports (`pub use`), with the path they come from.
    reexports: BTreeMap<Module, BTreeMap<String, Import>>,
    /// The modules a module imports every name of (`use super::*`).
    globs: BTreeMap<Module, Vec<Import>>,
}

/// The modules of a tree, what each imports, and the import edges between
/// siblings of each folder.
pub struct Scan {
    read: Read,
    /// Folder (as `a::b`) -> its import edges.
    pub edges: BTreeMap<String, Edges>,
}

impl Scan {
    pub fn new(files: &BTreeMap<String, String>) -> Scan {
        let mut read = Read::default();
        for (file, text) in files {
            if file != "main.rs" {
                read_module(file, &module_of(file), &tokens(&strip(text)), &mut read);
            }
        }
        let mut scan = Scan {
            read,
            edges: BTreeMap::new(),
        };
        for import in &scan.read.imports {
            let Some(to) = scan.resolve(&import.from, &import.path, 0) else {
                continue;
            };
            // The innermost folder holding both, and the siblings in it.
            let common = import
                .from
                .iter()
                .zip(&to)
                .take_while(|(a, b)| a == b)
                .count();
            if common < import.from.len() && common < to.len() {
                scan.edges
                    .entry(import.from[..common].join("::"))
                    .or_default()
                    .entry(import.from[common].clone())
                    .or_default()
                    .entry(to[common].clone())
                    .or_insert_with(|| (import.file.clone(), import.path.join("")));
            }
        }
        scan
    }

    /// Whether `a` imports `b` in `folder`.
    pub fn imports(&self, folder: &str, a: &str, b: &str) -> bool {
        self.edges
            .get(folder)
            .and_then(|e| e.get(a))
            .is_some_and(|e| e.contains_key(b))
    }

    /// The module a path names, from module `from`: the longest run of
    /// modules it walks, a re-exported name followed to where it comes
    /// from; a path starting with a plain name starts at a child of `from`
    /// or at a module a glob import of `from` brings in.
    fn resolve(&self, from: &Module, path: &[String], depth: usize) -> Option<Module> {
        if depth > 8 {
            return None;
        }
        let mut segments = path.iter().filter(|s| *s != "::");
        let first = segments.next()?;
        let mut at: Module = match first.as_str() {
            "crate" => Vec::new(),
            "self" => from.clone(),
            "super" => from[..from.len().checked_sub(1)?].to_vec(),
            name => self.plain_name(from, name, depth)?,
        };
        for segment in segments {
            if segment == "super" {
                at.pop();
                continue;
            }
            match self.name_in(&at, segment, depth) {
                Some(Ok(child)) => at = child,
                Some(Err(via)) => return Some(via),
                None => break,
            }
        }
        Some(at)
    }

    /// What `name` is in module `at`: a child module (`Ok`), a name it
    /// re-exports, followed to its module (`Err`), or neither.
    fn name_in(&self, at: &Module, name: &str, depth: usize) -> Option<Result<Module, Module>> {
        let mut child = at.clone();
        child.push(name.to_string());
        if self.read.modules.contains(&child) {
            return Some(Ok(child));
        }
        let via = self.read.reexports.get(at)?.get(name)?;
        self.resolve(&via.from, &via.path, depth + 1).map(Err)
    }

    /// Where a path's first, plain name (not `crate`, `self`, `super`)
    /// leads from `from`: its child, or a name a glob import brings in.
    fn plain_name(&self, from: &Module, name: &str, depth: usize) -> Option<Module> {
        if let Some(Ok(child)) = self.name_in(from, name, depth) {
            return Some(child);
        }
        self.read.globs.get(from)?.iter().find_map(|glob| {
            let globbed = self.resolve(&glob.from, &glob.path, depth + 1)?;
            match self.name_in(&globbed, name, depth)? {
                Ok(module) | Err(module) => Some(module),
            }
        })
    }

    /// Every circle: the strongly connected sets of siblings, by folder.
    pub fn circles(&self) -> Vec<Circle> {
        let mut circles = Vec::new();
        for (folder, edges) in &self.edges {
            for set in strongly_connected(edges) {
                let path = cycle_through(edges, &set);
                let steps = path
                    .windows(2)
                    .map(|w| {
                        let (file, import) = &edges[&w[0]][&w[1]];
                        format!("{} -> {}: {file} `{import}`", w[0], w[1])
                    })
                    .collect();
                circles.push(Circle {
                    folder: folder.clone(),
                    modules: set,
                    path,
                    steps,
                });
            }
        }
        circles
    }
}

/// The module a file holds: `a/b.rs` and `a/b/mod.rs` are `a::b`; `lib.rs`
/// is the crate root.
fn module_of(file: &str) -> Module {
    let stem = file.strip_suffix(".rs").expect("a .rs file");
    let stem = stem.strip_suffix("/mod").unwrap_or(stem);
    if stem == "lib" || stem == "mod" {
        return Vec::new();
    }
    stem.split('/').map(String::from).collect()
}

/// Reads one file's tokens: its inline modules (`mod tests { .. }`, in
/// which `super` is the file's module), its `use` trees and the paths in
/// its code (`crate::a::f`, `super::b::T`, `c::g` with `c` a child module
/// or a name a glob import brings in).
fn read_module(file: &str, module: &Module, tokens: &[String], read: &mut Read) {
    read.modules.insert(module.clone());
    // The inline modules open at this point, with the brace depth each opened at.
    let mut scope: Vec<(String, usize)> = Vec::new();
    let mut depth: usize = 0;
    let mut i = 0;
    let current = |scope: &[(String, usize)]| {
        let mut m = module.clone();
        m.extend(scope.iter().map(|(name, _)| name.clone()));
        m
    };
    while i < tokens.len() {
        let t = tokens[i].as_str();
        match t {
            "{" => depth += 1,
            "}" => {
                depth = depth.checked_sub(1).unwrap_or_else(|| {
                    panic!("{file}: the checker read a closing brace with none open")
                });
                if scope.last().is_some_and(|(_, d)| *d == depth) {
                    scope.pop();
                }
            }
            "mod" if tokens.get(i + 1).is_some_and(|n| is_ident(n)) => {
                let name = tokens[i + 1].clone();
                let mut child = current(&scope);
                child.push(name.clone());
                read.modules.insert(child);
                if tokens.get(i + 2).is_some_and(|t| t == "{") {
                    scope.push((name, depth));
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            // An import starts an item (`+ use<'a>` in a return type is not one).
            "use"
                if tokens.get(i + 1).is_none_or(|t| t != "<")
                    && (i == 0
                        || matches!(
                            tokens[i - 1].as_str(),
                            ";" | "{" | "}" | "]" | "pub" | ")"
                        )) =>
            {
                let public = i > 0 && (tokens[i - 1] == "pub" || tokens[i - 1] == ")");
                let end = tokens[i..]
                    .iter()
                    .position(|t| t == ";")
                    .map_or(tokens.len(), |e| i + e);
                let from = current(&scope);
                for (path, binds) in use_tree(&tokens[i + 1..end]) {
                    let import = Import {
                        from: from.clone(),
                        file: file.to_string(),
                        path,
                    };
                    match binds {
                        Binds::Name(name) if public => {
                            let names = read.reexports.entry(from.clone()).or_default();
                            names.insert(name, import.clone());
                        }
                        Binds::Glob => {
                            let globs = read.globs.entry(from.clone()).or_default();
                            globs.push(import.clone());
                        }
                        _ => {}
                    }
                    read.imports.push(import);
                }
                i = end + 1;
                continue;
            }
            // A path in code: from its first segment (not one in the middle).
            word if is_ident(word)
                && tokens.get(i + 1).is_some_and(|t| t == "::")
                && (i == 0 || tokens[i - 1] != "::") =>
            {
                let mut end = i + 1;
                while tokens.get(end).is_some_and(|t| t == "::")
                    && tokens.get(end + 1).is_some_and(|t| is_ident(t))
                {
                    end += 2;
                }
                read.imports.push(Import {
                    from: current(&scope),
                    file: file.to_string(),
                    path: tokens[i..end].to_vec(),
                });
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

/// What a leaf of a `use` tree brings into scope.
enum Binds {
    /// One name (the last segment, or its `as` alias).
    Name(String),
    /// Every name of a module (`*`).
    Glob,
    /// Nothing nameable (`as _`).
    Nothing,
}

/// The leaves of a `use` tree, each as its path (with `::` between the
/// segments) and what it brings into scope.
fn use_tree(tokens: &[String]) -> Vec<(Vec<String>, Binds)> {
    fn walk(tokens: &[String], prefix: &[String], out: &mut Vec<(Vec<String>, Binds)>) -> usize {
        let mut path = prefix.to_vec();
        let mut i = 0;
        while i < tokens.len() {
            match tokens[i].as_str() {
                "::" => path.push("::".into()),
                "{" => {
                    i += 1;
                    loop {
                        i += walk(&tokens[i..], &path, out);
                        match tokens.get(i).map(String::as_str) {
                            Some(",") => i += 1,
                            _ => break,
                        }
                        if tokens.get(i).is_some_and(|t| t == "}") {
                            break;
                        }
                    }
                    // Past the closing brace.
                    return i + 1;
                }
                "," | "}" => break,
                "as" => {
                    let binds = match tokens.get(i + 1) {
                        Some(alias) if alias != "_" => Binds::Name(alias.clone()),
                        _ => Binds::Nothing,
                    };
                    out.push((trim_self(&path), binds));
                    return i + 2;
                }
                "*" => {
                    out.push((trim_self(&path), Binds::Glob));
                    return i + 1;
                }
                word => path.push(word.to_string()),
            }
            i += 1;
        }
        if path.len() > prefix.len() {
            let path = trim_self(&path);
            let name = path.last().cloned().unwrap_or_default();
            out.push((path, Binds::Name(name)));
        }
        i
    }
    let mut out = Vec::new();
    walk(tokens, &[], &mut out);
    out
}

/// A path without a trailing `::self` or `::`.
fn trim_self(path: &[String]) -> Vec<String> {
    let mut path = path.to_vec();
    while path.last().is_some_and(|s| s == "self" || s == "::") && path.len() > 1 {
        path.pop();
    }
    path
}
