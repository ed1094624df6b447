//! The layering of ARCHITECTURE.md, checked on the source: no reference from a file to a module
//! of a higher layer, and no cycle between file modules. Reads `src/` and ARCHITECTURE.md only.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level module → layer index (0 is the bottom), from ARCHITECTURE.md's `layers` block.
fn layers() -> BTreeMap<String, usize> {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let block = doc
        .split("<!-- layers -->")
        .nth(1)
        .and_then(|b| b.split("<!-- /layers -->").next())
        .expect("ARCHITECTURE.md has a layers block");
    let mut out = BTreeMap::new();
    for (i, line) in block.lines().filter(|l| l.starts_with("- ")).enumerate() {
        let (_, mods) = line[2..].split_once(':').expect("`- name: modules`");
        for m in mods.split_whitespace() {
            assert!(out.insert(m.to_string(), i).is_none(), "{m} listed twice");
        }
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `src/a/b.rs` → `a::b`; `src/a/mod.rs` → `a`; `src/lib.rs` → `` (the crate root).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The source without comments and string literals (a path in a doc comment or a message is
/// not a reference).
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i += 2;
            while i + 1 < b.len() && !b[i..].starts_with(b"*/") {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'r' && (b[i..].starts_with(b"r\"") || b[i..].starts_with(b"r#")) {
            // raw string: r"..." or r#"..."#
            let mut j = i + 1;
            let mut hashes = 0;
            while j < b.len() && b[j] == b'#' {
                hashes += 1;
                j += 1;
            }
            if j < b.len() && b[j] == b'"' {
                let end = format!("\"{}", "#".repeat(hashes));
                match text[j + 1..].find(&end) {
                    Some(k) => i = j + 1 + k + end.len(),
                    None => i = b.len(),
                }
                out.push_str("\"\"");
            } else {
                out.push(b[i] as char);
                i += 1;
            }
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') {
            // a char literal ('"', '\n'); a lifetime has no closing quote
            let close = text[i + 1..].find('\'').map_or(b.len(), |k| i + 1 + k + 1);
            i = close;
            out.push_str("' '");
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

struct Graph {
    /// Every file module.
    modules: BTreeSet<Vec<String>>,
    /// File module → the file modules it names, with the first place it does.
    edges: BTreeMap<Vec<String>, BTreeMap<Vec<String>, String>>,
}

fn graph() -> Graph {
    let src = root().join("src");
    let mut files = Vec::new();
    rs_files(&src, &mut files);
    files.sort();
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
    let path_re =
        regex::Regex::new(r"\b(crate|super|self)((?:::(?:[A-Za-z_][A-Za-z0-9_]*|\{))+)").unwrap();
    let mut edges: BTreeMap<Vec<String>, BTreeMap<Vec<String>, String>> = BTreeMap::new();
    for f in &files {
        let me = module_of(&src, f);
        let is_dir = matches!(
            f.file_name().and_then(|n| n.to_str()),
            Some("mod.rs" | "lib.rs" | "main.rs")
        );
        let text = code_only(&std::fs::read_to_string(f).unwrap());
        for (n, line) in text.lines().enumerate() {
            for c in path_re.captures_iter(line) {
                let mut segs: Vec<String> = c[2]
                    .split("::")
                    .filter(|s| !s.is_empty() && *s != "{")
                    .map(str::to_string)
                    .collect();
                // the module this path starts from
                let mut base: Vec<String> = match &c[1] {
                    "crate" => Vec::new(),
                    "self" if is_dir => me.clone(),
                    // `self` in a file module is that module; `super` its parent (for a mod.rs,
                    // the parent of the directory's module)
                    "self" => me.clone(),
                    _ => me[..me.len().saturating_sub(1)].to_vec(),
                };
                while segs.first().is_some_and(|s| s == "super") {
                    base.pop();
                    segs.remove(0);
                }
                base.extend(segs);
                // the longest prefix that is a file module
                let target = (1..=base.len())
                    .rev()
                    .map(|i| base[..i].to_vec())
                    .find(|m| modules.contains(m));
                let Some(target) = target else { continue };
                // itself, or one of its ancestors (a file sharing its parent's items)
                if target == me || me.starts_with(&target) {
                    continue;
                }
                edges
                    .entry(me.clone())
                    .or_default()
                    .entry(target)
                    .or_insert_with(|| {
                        format!("{}:{}", f.strip_prefix(root()).unwrap().display(), n + 1)
                    });
            }
        }
    }
    Graph { modules, edges }
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

#[test]
fn no_reference_runs_to_a_higher_layer() {
    let layers = layers();
    let g = graph();
    let layer = |m: &Vec<String>| -> usize {
        let top = m.first().map(String::as_str).unwrap_or("lib");
        *layers
            .get(top)
            .unwrap_or_else(|| panic!("module `{top}` is in no layer of ARCHITECTURE.md"))
    };
    for m in &g.modules {
        layer(m);
    }
    let mut upward = Vec::new();
    for (from, tos) in &g.edges {
        for (to, at) in tos {
            if layer(to) > layer(from) {
                upward.push(format!("{at}: {} names {}", name(from), name(to)));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "references to a higher layer (ARCHITECTURE.md):\n{}",
        upward.join("\n")
    );
    // the check sees references at all: the session names the station
    assert!(
        g.edges[&vec!["session".to_string()]]
            .keys()
            .any(|t| t[0] == "station")
    );
}

#[test]
fn no_cycle_between_file_modules() {
    let g = graph();
    // Tarjan's strongly connected components
    struct St<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on: BTreeSet<&'a Vec<String>>,
        next: usize,
        cycles: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut St<'a>, v: &'a Vec<String>) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on.insert(v);
        if let Some(tos) = s.g.edges.get(v) {
            for w in tos.keys() {
                let w = s.g.modules.get(w).unwrap();
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let lw = s.low[w];
                    let lv = s.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if s.on.contains(w) {
                    let iw = s.index[w];
                    let lv = s.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on.remove(w);
                comp.push(name(w));
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.cycles.push(comp);
            }
        }
    }
    let mut s = St {
        g: &g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        cycles: Vec::new(),
    };
    for m in &g.modules {
        if !s.index.contains_key(m) {
            visit(&mut s, m);
        }
    }
    let shown: Vec<String> = s
        .cycles
        .iter()
        .map(|c| {
            let places: Vec<String> = c
                .iter()
                .flat_map(|a| {
                    g.edges
                        .iter()
                        .filter(move |(f, _)| name(f) == *a)
                        .flat_map(|(_, tos)| tos.iter())
                        .filter(|(t, _)| c.contains(&name(t)))
                        .map(|(t, at)| format!("    {at} -> {}", name(t)))
                })
                .collect();
            format!("{}\n{}", c.join(", "), places.join("\n"))
        })
        .collect();
    assert!(shown.is_empty(), "import cycles:\n{}", shown.join("\n"));
    assert!(
        g.modules.len() > 50,
        "the source was read: {}",
        g.modules.len()
    );
}

#[test]
fn comments_and_strings_are_not_references() {
    // the comment and string stripping keeps code and drops words
    let code = code_only("use crate::a; // crate::b\nlet s = \"crate::c\"; let c = '\"'; x::<'a>");
    assert!(code.contains("crate::a") && !code.contains("crate::b") && !code.contains("crate::c"));
    assert!(code.contains("x::<'a>"), "{code}");
}
