//! The code's layout holds:
//!
//! - the crate root only declares: `lib.rs` holds module declarations and
//!   nothing else, and `main.rs` reaches the code only through the library
//!   (no `mod`, no `#[path]`, no `include!`);
//! - no modules import each other in a circle, at any level: not the
//!   top-level modules of `src/` (so the data's path, input -> rules ->
//!   evaluate -> advice -> report -> deliver with the routine above them,
//!   stays one-way), and not the modules inside any folder (`a.rs -> b.rs
//!   -> a.rs`, or longer).
//!
//! What counts as an import of module `m` by module `n`: a `use` of `m` or
//! of anything inside it (`use super::m`, `use crate::folder::m::f`, each
//! leaf of a grouped `use crate::{a, b::{c, d}}`), and a path to it in code
//! (`super::m::f()`, `crate::folder::m::T`). A name a folder's `mod.rs`
//! re-exports (`pub use self::m::T`) counts as the module it comes from.
//! Comments, doc links and string literals do not count, nor does a test
//! module's `use super::*` of the module it tests (it is inside it).
//!
//! The checker runs over the real `src/` and over small planted trees,
//! which show it finds what it should.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Circles on main that issue 18 removes: each is a folder (as a module
/// path; "" is `src/` itself) and the modules of one circle in it. The
/// list may only shrink: the test fails for any circle not on it, and for
/// an entry that is no longer a circle (delete it then).
const KNOWN_CIRCLES: &[(&str, &[&str])] = &[
    // The Summary sheet and its points-scored columns (issue 18, the lead).
    ("report::sheets", &["summary", "summary_points"]),
    // Composing a message and the views it calls back (issue 18, the lead).
    ("deliver::email", &["compose", "html", "operator", "plain"]),
    // Sending, its settings and the OAuth token (issue 22, branch issue-22).
    ("deliver::email", &["send", "settings", "token"]),
    // The at-risk words: findings defines AlertTexts, which the en and de
    // tables fill, and calls the English table (its tests the German one).
    // Found by this checker (issue 18, the lead: text/ holds tables only).
    ("text", &["de", "en", "findings"]),
];

#[test]
fn the_crate_root_only_declares_and_no_modules_import_each_other_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = read_tree(&src, &src);
    let scan = Scan::new(&files);
    // The scan sees imports at all: the report reads the domain types.
    assert!(
        scan.imports("", "report", "model"),
        "the scan finds no import of model by report"
    );
    let failures = check(&files, KNOWN_CIRCLES);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_planted_circle_is_found_in_any_folder_however_it_is_imported() {
    let mut tree = planted();
    assert_eq!(
        check(&tree, &[]),
        [
            "circle in crate::f: a -> b -> a (a -> b: f/a.rs `super::b`; b -> a: f/b.rs `super::a::make`)",
            "circle in crate::g: x -> y -> z -> x (x -> y: g/x.rs `crate::g::y::Y`; y -> z: g/y.rs `crate::g::z::go`; z -> x: g/z.rs `super::x`)",
            "circle in crate::h: m -> n -> m (m -> n: h/m.rs `super::n::f`; n -> m: h/n.rs `super::Mx`)",
        ]
    );
    // A circle on the list passes; one no longer there fails.
    let known: &[(&str, &[&str])] = &[
        ("f", &["a", "b"]),
        ("g", &["x", "y", "z"]),
        ("h", &["m", "n"]),
        ("q", &["p", "q"]),
    ];
    assert_eq!(
        check(&tree, known),
        ["crate::q: p -> q is on KNOWN_CIRCLES but is no longer a circle: take it off the list"]
    );
    // Top-level modules in a circle of three.
    tree.insert(
        "lib.rs".into(),
        "pub mod f; pub mod g; pub mod h; pub mod q; pub mod s; pub mod t; pub mod u;".into(),
    );
    tree.insert("s.rs".into(), "use crate::t::T;".into());
    tree.insert("t.rs".into(), "pub fn t() { crate::u::u() }".into());
    tree.insert("u.rs".into(), "use crate::{f, s::{self, S}};".into());
    assert_eq!(
        check(&tree, known)[0],
        "circle in crate: s -> t -> u -> s (s -> t: s.rs `crate::t::T`; t -> u: t.rs `crate::u::u`; u -> s: u.rs `crate::s`)"
    );
}

#[test]
fn comments_strings_and_a_test_modules_own_parent_are_no_imports() {
    let tree = planted();
    let scan = Scan::new(&tree);
    // q.rs imports p; p names q only in comments, a string and its tests.
    assert!(scan.imports("q", "q", "p"), "{:?}", scan.edges.get("q"));
    assert!(!scan.imports("q", "p", "q"), "{:?}", scan.edges.get("q"));
}

#[test]
fn the_crate_root_may_only_declare_modules_and_main_only_use_the_library() {
    let mut tree = planted();
    tree.insert(
        "lib.rs".into(),
        "//! Docs.\n#![warn(missing_docs)]\npub mod f;\n#[doc(hidden)]\npub(crate) mod g;\nmod h;\npub fn helper() {}\npub use f::a::make;\n".into(),
    );
    tree.insert(
        "main.rs".into(),
        "use competency_report::f;\nmod cli;\n#[path = \"x.rs\"] mod x;\nfn main() { include!(\"y.rs\"); }\n".into(),
    );
    let failures = check(&tree, &[]);
    let root: Vec<&String> = failures
        .iter()
        .filter(|f| f.starts_with("lib.rs") || f.starts_with("main.rs"))
        .collect();
    assert_eq!(
        root,
        [
            "lib.rs may only declare modules, not `pub fn helper() {}`",
            "lib.rs may only declare modules, not `pub use f::a::make`",
            "main.rs may only use the library, not declare a module: `mod cli`",
            "main.rs may only use the library, not declare a module: `mod x`",
            "main.rs may only use the library, not include source: `#[path`",
            "main.rs may only use the library, not include source: `include!`",
        ]
    );
}

/// A small planted tree: circles in three folders, each made another way,
/// and a folder without one whose modules name each other in comments, a
/// string and a test module.
fn planted() -> BTreeMap<String, String> {
    let files: &[(&str, &str)] = &[
        ("lib.rs", "pub mod f;\npub mod g;\npub mod h;\npub mod q;\n"),
        ("main.rs", "use competency_report::f::a;\nfn main() {}\n"),
        // a -> b by `use super::b`, b -> a by a path in code.
        ("f/mod.rs", "mod a;\nmod b;\n"),
        ("f/a.rs", "use super::b;\npub fn make() -> b::B { b::B }\n"),
        (
            "f/b.rs",
            "pub struct B;\nfn f() { let _ = super::a::make(); }\n",
        ),
        // x -> y -> z -> x through a grouped import, a path and a plain use.
        ("g/mod.rs", "pub mod x;\npub mod y;\npub mod z;\n"),
        (
            "g/x.rs",
            "use crate::g::{y::Y, z as _};\npub struct X(Y);\n",
        ),
        ("g/y.rs", "pub struct Y;\nfn y() { crate::g::z::go() }\n"),
        (
            "g/z.rs",
            "use super::x;\npub fn go() {}\nfn z(_: x::X) {}\n",
        ),
        // n -> m through the folder's re-export; m -> n by a path.
        ("h/mod.rs", "mod m;\nmod n;\npub use self::m::Mx;\n"),
        ("h/m.rs", "pub struct Mx;\nfn m() { super::n::f() }\n"),
        ("h/n.rs", "use super::Mx;\npub fn f() {}\n"),
        // q -> p only: p names q in comments, a string and its tests.
        ("q/mod.rs", "mod p;\nmod q;\n"),
        (
            "q/p.rs",
            "//! See [`super::q`].\n/* super::q::Q */\npub struct P;\n\
             fn p() -> &'static str { let _c = '\"'; \"super::q::Q\" }\n\
             #[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn t() { let _ = P; }\n}\n",
        ),
        (
            "q/q.rs",
            "/// Uses [`super::p::P`].\npub struct Q(super::p::P);\nconst R: &str = r#\"super::p\"#;\n",
        ),
    ];
    files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

// --- The checker ------------------------------------------------------

/// Every `.rs` file under `dir`, by its path relative to `root` (with `/`).
fn read_tree(root: &Path, dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            files.extend(read_tree(root, &path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).expect("under src/");
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let text = std::fs::read_to_string(&path).expect("readable");
            files.insert(rel.join("/"), text);
        }
    }
    files
}

/// Every failure: the crate root's rules, then each circle not on `known`,
/// then each entry of `known` that is no longer a circle.
fn check(files: &BTreeMap<String, String>, known: &[(&str, &[&str])]) -> Vec<String> {
    let mut failures = Vec::new();
    if let Some(lib) = files.get("lib.rs") {
        failures.extend(lib_only_declares(lib));
    }
    if let Some(main) = files.get("main.rs") {
        failures.extend(main_only_uses_the_library(main));
    }
    let scan = Scan::new(files);
    let circles = scan.circles();
    for circle in &circles {
        let listed = known.iter().any(|(folder, modules)| {
            *folder == circle.folder
                && modules
                    .iter()
                    .copied()
                    .eq(circle.modules.iter().map(String::as_str))
        });
        if !listed {
            failures.push(circle.to_string());
        }
    }
    for (folder, modules) in known {
        let found = circles.iter().any(|c| {
            c.folder == *folder
                && modules
                    .iter()
                    .copied()
                    .eq(c.modules.iter().map(String::as_str))
        });
        if !found {
            failures.push(format!(
                "{}: {} is on KNOWN_CIRCLES but is no longer a circle: take it off the list",
                shown(folder),
                modules.join(" -> ")
            ));
        }
    }
    failures
}

/// `lib.rs` may hold attributes and module declarations only.
fn lib_only_declares(text: &str) -> Vec<String> {
    items(&without_attributes(&strip(text)))
        .into_iter()
        .filter(|item| {
            let words: Vec<&str> = item.split_whitespace().collect();
            let declaration = match words.as_slice() {
                ["mod", name] => ident(name) == *name,
                [vis, "mod", name] => {
                    (*vis == "pub" || vis.starts_with("pub(")) && ident(name) == *name
                }
                _ => false,
            };
            !declaration
        })
        .map(|item| format!("lib.rs may only declare modules, not `{item}`"))
        .collect()
}

/// The items of a module's code: each ends with a `;` or a closing brace
/// outside any other, and is shown on one line.
fn items(code: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    let mut depth = 0;
    for c in code.chars() {
        match c {
            ';' if depth == 0 => items.push(std::mem::take(&mut item)),
            '{' => {
                depth += 1;
                item.push(c);
            }
            '}' => {
                depth -= 1;
                item.push(c);
                if depth == 0 {
                    items.push(std::mem::take(&mut item));
                }
            }
            c => item.push(c),
        }
    }
    items.push(item);
    items
        .iter()
        .map(|i| i.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|i| !i.is_empty())
        .collect()
}

/// `main.rs` declares no module and includes no source: it reaches the
/// code through the library only.
fn main_only_uses_the_library(text: &str) -> Vec<String> {
    let code = strip(text);
    let mut failures = Vec::new();
    let tokens = tokens(&code);
    for pair in tokens.windows(2) {
        if pair[0] == "mod" && is_ident(&pair[1]) {
            failures.push(format!(
                "main.rs may only use the library, not declare a module: `mod {}`",
                pair[1]
            ));
        }
    }
    for include in ["#[path", "include!"] {
        if code.replace(' ', "").contains(include) {
            failures.push(format!(
                "main.rs may only use the library, not include source: `{include}`"
            ));
        }
    }
    failures
}

/// The text without attributes (`#[...]`, `#![...]`).
fn without_attributes(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let after = rest[at + 1..].trim_start_matches('!').trim_start();
        if let Some(inner) = after.strip_prefix('[') {
            let mut depth = 1;
            let end = inner
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '[' => 1,
                        ']' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(inner.len(), |(i, _)| i + 1);
            rest = &inner[end..];
        } else {
            out.push('#');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// The text without comments, and with the insides of string and character
/// literals blanked: doc links and messages name modules without importing
/// them. Line breaks are kept.
fn strip(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let after_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            // Block comments nest.
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if !after_ident && (c == 'r' || (c == 'b' && next == Some('r'))) && {
            let start = i + if c == 'b' { 2 } else { 1 };
            let hashes = chars[start..].iter().take_while(|&&h| h == '#').count();
            chars.get(start + hashes) == Some(&'"')
        } {
            // A raw string: r"..", r#".."#, br#".."#.
            let start = i + if c == 'b' { 2 } else { 1 };
            let hashes = chars[start..].iter().take_while(|&&h| h == '#').count();
            out.push('"');
            i = start + hashes + 1;
            while i < chars.len() {
                if chars[i] == '"'
                    && chars[i + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&h| h == '#')
                        .count()
                        == hashes
                {
                    i += 1 + hashes;
                    break;
                }
                blank(&mut out, chars[i]);
                i += 1;
            }
            out.push('"');
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
                if i < chars.len() {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal ('x', '\n', '\''), not a lifetime.
            out.push('\'');
            i += if next == Some('\\') { 3 } else { 2 };
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            out.push('\'');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The leading identifier of `text`.
fn ident(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

fn is_ident(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// The code as tokens: identifiers (a `$crate` as `crate`), `::`, and
/// every other character on its own.
fn tokens(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code.trim_start();
    while !rest.is_empty() {
        let word = ident(rest);
        let taken = if !word.is_empty() {
            out.push(word.to_string());
            word.len()
        } else if rest.starts_with("::") {
            out.push("::".into());
            2
        } else if rest.starts_with("$crate") {
            out.push("crate".into());
            6
        } else {
            let c = rest.chars().next().expect("not empty");
            out.push(c.to_string());
            c.len_utf8()
        };
        rest = rest[taken..].trim_start();
    }
    out
}

/// A module by its path from the crate root (`["report", "sheets"]`).
type Module = Vec<String>;

/// One import: the module that makes it, the file and the path as written.
#[derive(Debug, Clone)]
struct Import {
    from: Module,
    file: String,
    path: Vec<String>,
}

/// The modules of a tree, what each imports, and the import edges between
/// siblings of each folder.
struct Scan {
    /// Every module (file modules and inline ones).
    modules: BTreeSet<Module>,
    /// Names a module re-exports (`pub use`), with the path they come from.
    reexports: BTreeMap<Module, BTreeMap<String, Import>>,
    /// Folder (as `a::b`) -> sibling -> sibling it imports -> the first
    /// import that does (file, path).
    edges: BTreeMap<String, BTreeMap<String, BTreeMap<String, (String, String)>>>,
}

impl Scan {
    fn new(files: &BTreeMap<String, String>) -> Scan {
        let mut modules = BTreeSet::new();
        let mut imports = Vec::new();
        let mut reexports: BTreeMap<Module, BTreeMap<String, Import>> = BTreeMap::new();
        for (file, text) in files {
            if file == "main.rs" {
                continue;
            }
            let module = module_of(file);
            let tokens = tokens(&strip(text));
            read_module(
                file,
                &module,
                &tokens,
                &mut modules,
                &mut imports,
                &mut reexports,
            );
        }
        let mut scan = Scan {
            modules,
            reexports,
            edges: BTreeMap::new(),
        };
        for import in &imports {
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
    fn imports(&self, folder: &str, a: &str, b: &str) -> bool {
        self.edges
            .get(folder)
            .and_then(|e| e.get(a))
            .is_some_and(|e| e.contains_key(b))
    }

    /// The module a path names, from module `from`: the longest run of
    /// modules it walks, a re-exported name followed to where it comes from.
    fn resolve(&self, from: &Module, path: &[String], depth: usize) -> Option<Module> {
        let mut segments = path.iter().filter(|s| *s != "::");
        let first = segments.next()?;
        let mut at: Module = match first.as_str() {
            "crate" => Vec::new(),
            "self" => from.clone(),
            "super" => from[..from.len().checked_sub(1)?].to_vec(),
            name => {
                let mut child = from.clone();
                child.push(name.to_string());
                if !self.modules.contains(&child) {
                    return None;
                }
                child
            }
        };
        for segment in segments {
            if segment == "super" {
                at.pop();
                continue;
            }
            let mut child = at.clone();
            child.push(segment.clone());
            if self.modules.contains(&child) {
                at = child;
            } else {
                let via = self.reexports.get(&at).and_then(|r| r.get(segment));
                if let Some(via) = via.filter(|_| depth < 8) {
                    return self.resolve(&via.from, &via.path, depth + 1);
                }
                break;
            }
        }
        Some(at)
    }

    /// Every circle: the strongly connected sets of siblings, by folder.
    fn circles(&self) -> Vec<Circle> {
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
/// which `super` is the file's module), its `use` trees and the `crate::`,
/// `super::` and `self::` paths in its code.
fn read_module(
    file: &str,
    module: &Module,
    tokens: &[String],
    modules: &mut BTreeSet<Module>,
    imports: &mut Vec<Import>,
    reexports: &mut BTreeMap<Module, BTreeMap<String, Import>>,
) {
    modules.insert(module.clone());
    // The inline modules open at this point, with the brace depth each opened at.
    let mut scope: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
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
                depth -= 1;
                if scope.last().is_some_and(|(_, d)| *d == depth) {
                    scope.pop();
                }
            }
            "mod" if tokens.get(i + 1).is_some_and(|n| is_ident(n)) => {
                let name = tokens[i + 1].clone();
                let mut child = current(&scope);
                child.push(name.clone());
                modules.insert(child);
                if tokens.get(i + 2).is_some_and(|t| t == "{") {
                    scope.push((name, depth));
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            "use" => {
                let public = i > 0 && (tokens[i - 1] == "pub" || tokens[i - 1] == ")");
                let end = tokens[i..]
                    .iter()
                    .position(|t| t == ";")
                    .map_or(tokens.len(), |e| i + e);
                let from = current(&scope);
                for (path, name) in use_tree(&tokens[i + 1..end]) {
                    let import = Import {
                        from: from.clone(),
                        file: file.to_string(),
                        path,
                    };
                    if public && let Some(name) = name {
                        reexports
                            .entry(from.clone())
                            .or_default()
                            .insert(name, import.clone());
                    }
                    imports.push(import);
                }
                i = end + 1;
                continue;
            }
            "crate" | "super" | "self" if tokens.get(i + 1).is_some_and(|t| t == "::") => {
                let mut end = i + 1;
                while tokens.get(end).is_some_and(|t| t == "::")
                    && tokens.get(end + 1).is_some_and(|t| is_ident(t))
                {
                    end += 2;
                }
                imports.push(Import {
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

/// The leaves of a `use` tree, each as its path (with `::` between the
/// segments) and the name it binds (none for `*` and `_`).
fn use_tree(tokens: &[String]) -> Vec<(Vec<String>, Option<String>)> {
    fn walk(
        tokens: &[String],
        prefix: &[String],
        out: &mut Vec<(Vec<String>, Option<String>)>,
    ) -> usize {
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
                    let alias = tokens.get(i + 1).cloned().filter(|a| a != "_");
                    out.push((trim_self(&path), alias));
                    return i + 2;
                }
                "*" => {
                    out.push((trim_self(&path), None));
                    return i + 1;
                }
                word => path.push(word.to_string()),
            }
            i += 1;
        }
        if path.len() > prefix.len() {
            let name = path.last().filter(|n| *n != "self").cloned().or_else(|| {
                path.iter()
                    .rev()
                    .find(|s| *s != "::" && *s != "self")
                    .cloned()
            });
            out.push((trim_self(&path), name));
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

/// One circle of siblings in a folder.
struct Circle {
    folder: String,
    /// Its modules, sorted.
    modules: Vec<String>,
    /// A cycle through all of them, back to its first.
    path: Vec<String>,
    /// Each step of the cycle and the import that makes it.
    steps: Vec<String>,
}

impl std::fmt::Display for Circle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "circle in {}: {} ({})",
            shown(&self.folder),
            self.path.join(" -> "),
            self.steps.join("; ")
        )
    }
}

/// A folder as the failures name it.
fn shown(folder: &str) -> String {
    if folder.is_empty() {
        "crate".into()
    } else {
        format!("crate::{folder}")
    }
}

type Edges = BTreeMap<String, BTreeMap<String, (String, String)>>;

/// The sets of more than one node that reach each other (Tarjan's
/// strongly connected components), each sorted.
fn strongly_connected(edges: &Edges) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a Edges,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        for w in s.edges.get(v).into_iter().flat_map(|e| e.keys()) {
            if !s.index.contains_key(w.as_str()) {
                visit(s, w);
                let low = s.low[v].min(s.low[w.as_str()]);
                s.low.insert(v, low);
            } else if s.stack.contains(&w.as_str()) {
                let low = s.low[v].min(s.index[w.as_str()]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let at = s.stack.iter().rposition(|x| *x == v).expect("on the stack");
            let mut set: Vec<String> = s.stack.drain(at..).map(String::from).collect();
            if set.len() > 1 {
                set.sort();
                s.out.push(set);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out.sort();
    s.out
}

/// A cycle from the set's first module through every module of it, back
/// to the first: the shortest walk found breadth-first, step by step.
fn cycle_through(edges: &Edges, set: &[String]) -> Vec<String> {
    let mut path = vec![set[0].clone()];
    let mut left: BTreeSet<&String> = set[1..].iter().collect();
    while let Some(last) = path.last().cloned() {
        // The nearest module still to visit (or the start, when none is left).
        let goal = |m: &String| {
            if left.is_empty() {
                *m == set[0]
            } else {
                left.contains(m)
            }
        };
        let mut came: BTreeMap<String, String> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([last.clone()]);
        let mut found = None;
        while let Some(at) = queue.pop_front() {
            for next in edges.get(&at).into_iter().flat_map(|e| e.keys()) {
                if !set.contains(next) || came.contains_key(next) {
                    continue;
                }
                came.insert(next.clone(), at.clone());
                if goal(next) {
                    found = Some(next.clone());
                    break;
                }
                queue.push_back(next.clone());
            }
            if found.is_some() {
                break;
            }
        }
        let found = found.expect("a strongly connected set reaches every member");
        let mut steps = vec![found.clone()];
        while let Some(prev) = came
            .get(steps.last().expect("a step"))
            .filter(|p| **p != last)
        {
            steps.push(prev.clone());
        }
        steps.reverse();
        for step in steps {
            left.remove(&step);
            path.push(step);
        }
        if path.last() == Some(&set[0]) && left.is_empty() {
            break;
        }
    }
    path
}
