//! The code's layout holds: no two top-level modules of the library import
//! each other, so the data's path (input -> rules -> evaluate -> advice ->
//! report -> deliver, with the routine above them) stays one-way.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text without comments: doc links name modules without importing them.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |end| &after[end + 2..]);
        } else if rest.starts_with("//") {
            rest = rest.find('\n').map_or("", |end| &rest[end..]);
        } else if rest.starts_with('"') {
            // A string literal is kept whole, so `"https://..."` is not a comment.
            let mut end = 1;
            let bytes = rest.as_bytes();
            while end < bytes.len() && bytes[end] != b'"' {
                end += if bytes[end] == b'\\' { 2 } else { 1 };
            }
            let end = (end + 1).min(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else {
            let ch = rest.chars().next().expect("not empty");
            out.push(ch);
            rest = &rest[ch.len_utf8()..];
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

/// The top-level modules a file names through `crate::`: `crate::a::b` and
/// each head of a group, `use crate::{a, b::c, d::{e, f}}`.
fn crate_paths(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let after = &text[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 1;
            let mut expect = true;
            let mut chars = group.char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => expect = true,
                    c if depth == 1 && expect && (c.is_alphabetic() || c == '_') => {
                        let name = ident(&group[i..]);
                        found.push(name.to_string());
                        expect = false;
                        for _ in 1..name.chars().count() {
                            chars.next();
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(after);
            if !name.is_empty() {
                found.push(name.to_string());
            }
        }
    }
    found
}

#[test]
fn no_two_top_level_modules_import_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // module -> module it imports -> the files that do
    let mut imports: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src/");
        let first = rel.components().next().expect("a path");
        let top = first.as_os_str().to_string_lossy();
        let top = top.strip_suffix(".rs").unwrap_or(&top).to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        let text = strip_comments(&std::fs::read_to_string(file).expect("readable"));
        for other in crate_paths(&text) {
            if other != top && other != "self" && other != "super" {
                imports
                    .entry(top.clone())
                    .or_default()
                    .entry(other)
                    .or_default()
                    .insert(rel.display().to_string());
            }
        }
    }
    assert!(
        imports.contains_key("report") && imports["report"].contains_key("model"),
        "the scan finds imports at all: {imports:?}"
    );
    let mut cycles = Vec::new();
    for (a, theirs) in &imports {
        for (b, a_files) in theirs {
            if a < b
                && let Some(b_files) = imports.get(b).and_then(|m| m.get(a))
            {
                cycles.push(format!("{a} <-> {b}: {a_files:?} and {b_files:?}"));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "modules importing each other:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_scan_sees_grouped_imports_and_ignores_comments() {
    let text = strip_comments(
        "use crate::{model::Level, text::{self, en}};\n\
         // crate::routine in a comment\n\
         /// [`crate::deliver`] in a doc link\n\
         let url = \"https://example.com\"; let x = crate::advice::route(1);\n",
    );
    assert_eq!(crate_paths(&text), ["model", "text", "advice"]);
}
