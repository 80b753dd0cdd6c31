//! The short fuzz run CI makes: the same targets and checks as `fuzz/`
//! (cargo fuzz; the checks are `fuzz/checks.rs`, included here), driven by
//! a fixed-seed mutator over the samples and the hostile corpus, so every
//! `cargo test` replays thousands of damaged inputs. It must find nothing:
//! a panic or a broken invariant fails the test.

use std::path::{Path, PathBuf};

use competency_report::rules::Rules;

#[path = "../fuzz/checks.rs"]
mod checks;

/// A small fixed-seed generator (xorshift64*): the run is the same every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One random damage: flipped bytes, a cut, a repeat, an insertion, zeroes.
fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..=rng.below(3) {
        let len = data.len();
        match rng.below(5) {
            0 => {
                for _ in 0..=rng.below(8) {
                    if len > 0 {
                        let i = rng.below(len);
                        data[i] ^= 1 << rng.below(8);
                    }
                }
            }
            1 => data.truncate(rng.below(len + 1)),
            2 if len > 0 => {
                let start = rng.below(len);
                let end = (start + rng.below(256)).min(len);
                let chunk = data[start..end].to_vec();
                let at = rng.below(len);
                data.splice(at..at, chunk);
            }
            3 => {
                let at = rng.below(len + 1);
                let junk: Vec<u8> = (0..rng.below(64)).map(|_| rng.next() as u8).collect();
                data.splice(at..at, junk);
            }
            _ if len > 0 => {
                let start = rng.below(len);
                let end = (start + rng.below(512)).min(len);
                data[start..end].fill(0);
            }
            _ => {}
        }
    }
    data
}

/// The small files of the samples and the corpus whose extension is one of
/// `extensions`, and those in the corpus' partner folders.
fn seeds_with(extensions: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut dirs = vec![root.join("samples"), root.join("tests/corpus/files")];
    for entry in std::fs::read_dir(root.join("tests/corpus/files"))
        .unwrap()
        .flatten()
    {
        if entry.path().is_dir() {
            dirs.push(entry.path());
        }
    }
    for dir in dirs {
        for entry in std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
        {
            let path = entry.path();
            let small = entry.metadata().is_ok_and(|m| m.len() < 64 * 1024);
            let wanted = path
                .extension()
                .is_some_and(|e| extensions.contains(&e.to_string_lossy().as_ref()));
            if small && wanted {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn seeds() -> Vec<PathBuf> {
    seeds_with(&["xlsx", "xls", "ods", "xlsb", "xlsm"])
}

#[test]
fn damaged_workbooks_become_problems_never_crashes() {
    let rules = Rules::default_rules().unwrap();
    let mut rng = Rng(0x5EED_CAFE_F00D_0001);
    let seeds = seeds();
    assert!(
        seeds.len() >= 10,
        "the samples and corpus are there: {seeds:?}"
    );
    let mut executions = 0;
    for path in &seeds {
        let seed = std::fs::read(path).unwrap();
        let ext = match path.extension().and_then(|e| e.to_str()) {
            Some("xls") => 1u8,
            Some("ods") => 2,
            _ => 0,
        };
        for _ in 0..40 {
            let mut data = vec![ext];
            data.extend(mutate(&seed, &mut rng));
            // FUZZ_TRACE=FILE keeps the input about to be read, so a crash
            // that kills the process leaves its cause behind.
            if let Some(trace) = std::env::var_os("FUZZ_TRACE") {
                eprintln!("fuzz smoke: {} mutation {executions}", path.display());
                std::fs::write(trace, &data).unwrap();
            }
            checks::workbook(&data, &rules);
            executions += 1;
        }
    }
    eprintln!("fuzz smoke: {executions} damaged workbooks read without a crash");
}

#[test]
fn random_cells_normalise_or_become_problems() {
    let rules = Rules::default_rules().unwrap();
    let mut rng = Rng(0x5EED_CAFE_F00D_0002);
    let interesting: &[&[u8]] = &[
        b"\x001000001\xFF\x00Fabrikam\xFF\x00tenant\xFF\x00x\xFF\x00Exchange Online\xFF\x001.200\xFF\x00Paid\xFF\x00DAP",
        b"\x00 0001 000 001\xFF\x01\x00\x00\x00\x00\x00\x00\xf0\x7f\xFF\x00=SUM(A1)\xFF\x00\xe2\x80\xae\xFF\x00-5",
        b"\x001\xFF\x00p@x\xFF\x00Dan\xFF\x00Exam 70-346\xFF\x0003.05.2017",
    ];
    let mut executions = 0;
    for seed in interesting {
        checks::normalise(seed, &rules);
        for _ in 0..2000 {
            checks::normalise(&mutate(seed, &mut rng), &rules);
            executions += 1;
        }
    }
    for _ in 0..4000 {
        let len = rng.below(200);
        let data: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        checks::normalise(&data, &rules);
        executions += 1;
    }
    eprintln!("fuzz smoke: {executions} random rows normalised without a crash");
}

#[test]
fn damaged_text_exports_become_problems_never_crashes() {
    let rules = Rules::default_rules().unwrap();
    let mut rng = Rng(0x5EED_CAFE_F00D_0003);
    let seeds = seeds_with(&["csv", "tsv"]);
    assert!(seeds.len() >= 15, "the text corpus is there: {seeds:?}");
    let mut executions = 0;
    for path in &seeds {
        let seed = std::fs::read(path).unwrap();
        for _ in 0..30 {
            // The first byte picks the extension and the delimiter the
            // record check splits on.
            let mut data = vec![rng.next() as u8];
            data.extend(mutate(&seed, &mut rng));
            if let Some(trace) = std::env::var_os("FUZZ_TRACE") {
                eprintln!("fuzz smoke: {} mutation {executions}", path.display());
                std::fs::write(trace, &data).unwrap();
            }
            checks::text(&data, &rules);
            executions += 1;
        }
    }
    for _ in 0..200 {
        let len = rng.below(2000);
        let data: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        checks::text(&data, &rules);
        executions += 1;
    }
    eprintln!("fuzz smoke: {executions} damaged text exports read without a crash");
}

/// Found by the coverage-guided run of the `text` target: a transcript row
/// without a person is read (Run info counts it) but becomes a problem, not
/// a row; the harness took that for a row counted twice.
#[test]
fn a_transcript_row_without_a_person_is_a_problem_not_a_lost_row() {
    let rules = Rules::default_rules().unwrap();
    let tsv = "Partner ID\tPerson ID\tPerson Name\tCredential\tDate Passed\r\n\
               1000099\tdan@proseware.com\tDan Park\tMCSA: Office 365\t2017-06-01\r\n\
               1000099\t\tNo One\tExam 70-346\t2017-06-01\r\n";
    // 1: the first byte picks `.tsv` and the tab for the record check.
    let mut data = vec![1u8];
    data.extend_from_slice(tsv.as_bytes());
    checks::text(&data, &rules);
}
