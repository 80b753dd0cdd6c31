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
//! (`super::m::f()`, `crate::folder::m::T`, or `m::f()` where `m` came in
//! through a glob import such as `use super::*`). A name a folder's
//! `mod.rs` re-exports (`pub use self::m::T`) counts as the module it comes
//! from. Comments, doc links and string literals do not count, nor does a
//! test module's `use super::*` of the module it tests (it is inside it);
//! a test module's imports of other modules do.
//!
//! The checker runs over the real `src/` and over small planted trees,
//! which show it finds what it should.

use std::collections::BTreeMap;
use std::path::Path;

/// Circles known to be on main while they are being removed: each is a
/// folder (as a module path; "" is `src/` itself) and the modules of one
/// circle in it, sorted. The list may only shrink: the test fails for any
/// circle not on it, and for an entry that is no longer a circle (delete it
/// then). Empty since issue 18 removed the last ones (report family ->
/// layout -> sheets; deliver::email send -> settings -> token, issue 22).
const KNOWN_CIRCLES: &[(&str, &[&str])] = &[];

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
            "circle in crate::w: c -> d -> c (c -> d: w/c.rs `d::go`; d -> c: w/d.rs `super::c::C`)",
        ]
    );
    // A circle on the list passes; one no longer there fails.
    let known: &[(&str, &[&str])] = &[
        ("f", &["a", "b"]),
        ("g", &["x", "y", "z"]),
        ("h", &["m", "n"]),
        ("q", &["p", "q"]),
        ("w", &["c", "d"]),
    ];
    assert_eq!(
        check(&tree, known),
        ["crate::q: p -> q is on KNOWN_CIRCLES but is no longer a circle: take it off the list"]
    );
    // Top-level modules in a circle of three.
    tree.insert(
        "lib.rs".into(),
        "pub mod f; pub mod g; pub mod h; pub mod q; pub mod s; pub mod t; pub mod u; pub mod w;"
            .into(),
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

/// A small planted tree: circles in four folders, each made another way,
/// and a folder without one whose modules name each other in comments, a
/// string and a test module.
fn planted() -> BTreeMap<String, String> {
    let files: &[(&str, &str)] = &[
        (
            "lib.rs",
            "pub mod f;\npub mod g;\npub mod h;\npub mod q;\npub mod w;\n",
        ),
        ("main.rs", "use competency_report::f::a;\nfn main() {}\n"),
        // a -> b by `use super::b`, b -> a by a path in code.
        ("f/mod.rs", "mod a;\nmod b;\n"),
        ("f/a.rs", "use super::b;\npub fn make() -> b::B { b::B }\n"),
        (
            "f/b.rs",
            "pub struct B;\n\
             pub fn bytes<'a>(x: &'a [u8]) -> impl Iterator<Item = &'a u8> + use<'a> { x.iter() }\n\
             fn f() { let _ = super::a::make(); }\n",
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
        // c -> d by a plain path through `use super::*`; d -> c by a use.
        ("w/mod.rs", "mod c;\nmod d;\n"),
        (
            "w/c.rs",
            "use super::*;\npub struct C;\nfn c() { d::go() }\n",
        ),
        ("w/d.rs", "use super::c::C;\npub fn go() {}\n"),
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

// --- The checker: lex.rs reads source, scan.rs finds the imports,
// circles.rs the circles, root.rs the crate root's rules.

#[path = "layout/circles.rs"]
mod circles;
#[path = "layout/lex.rs"]
mod lex;
#[path = "layout/root.rs"]
mod root;
#[path = "layout/scan.rs"]
mod scan;

use circles::shown;
use root::{lib_only_declares, main_only_uses_the_library};
use scan::Scan;

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
        if !known
            .iter()
            .any(|(folder, modules)| circle.is(folder, modules))
        {
            failures.push(circle.to_string());
        }
    }
    for (folder, modules) in known {
        let found = circles.iter().any(|c| c.is(folder, modules));
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
