//! Circles in an import graph: the strongly connected sets of a folder's
//! modules, and one cycle through each to show.

use std::collections::{BTreeMap, BTreeSet};

/// A folder's sibling -> sibling it imports -> the first import that does
/// (file, path as written).
pub type Edges = BTreeMap<String, BTreeMap<String, (String, String)>>;

/// One circle of siblings in a folder.
pub struct Circle {
    pub folder: String,
    /// Its modules, sorted.
    pub modules: Vec<String>,
    /// A cycle through all of them, back to its first.
    pub path: Vec<String>,
    /// Each step of the cycle and the import that makes it.
    pub steps: Vec<String>,
}

impl Circle {
    /// Whether this is the circle of `modules` (sorted) in `folder`.
    pub fn is(&self, folder: &str, modules: &[&str]) -> bool {
        self.folder == folder
            && modules
                .iter()
                .copied()
                .eq(self.modules.iter().map(String::as_str))
    }
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
pub fn shown(folder: &str) -> String {
    if folder.is_empty() {
        "crate".into()
    } else {
        format!("crate::{folder}")
    }
}

/// The sets of more than one node that reach each other (Tarjan's
/// strongly connected components), each sorted.
pub fn strongly_connected(edges: &Edges) -> Vec<Vec<String>> {
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
pub fn cycle_through(edges: &Edges, set: &[String]) -> Vec<String> {
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
