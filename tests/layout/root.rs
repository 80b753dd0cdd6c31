//! The crate root's rules: `lib.rs` only declares modules; `main.rs`
//! only uses the library.

use super::lex::{ident, is_ident, strip, tokens};

/// `lib.rs` may hold attributes and module declarations only.
pub fn lib_only_declares(text: &str) -> Vec<String> {
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
pub fn main_only_uses_the_library(text: &str) -> Vec<String> {
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
