//! The config file: parsing, flags over the file, rules names, one-line errors.

use super::*;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn the_template_parses_and_resolves_against_its_folder() {
    let config = Config::parse(CONFIG_TEMPLATE, "t", Path::new("/srv/cr")).unwrap();
    assert_eq!(config.inbox, vec![PathBuf::from("/srv/cr/inbox")]);
    assert_eq!(config.reports, Some(PathBuf::from("/srv/cr/reports")));
    assert_eq!(config.archive, Some(PathBuf::from("/srv/cr/archive")));
    assert!(config.email.is_none());
}

#[test]
fn an_email_table_is_kept_raw_and_unknown_keys_are_refused() {
    let text =
        "inbox = \"in\"\n[email]\noperators = [\"a@example.com\"]\nsmtp = { host = \"x\" }\n";
    let config = Config::parse(text, "t", Path::new("/b")).unwrap();
    assert_eq!(config.inbox, vec![PathBuf::from("/b/in")]);
    let email = config.email.unwrap();
    assert!(email.contains_key("operators") && email.contains_key("smtp"));
    let err = Config::parse("inbx = \"in\"\n", "t", Path::new("/")).unwrap_err();
    assert!(err.to_string().contains("inbx"), "{err}");
    let err = Config::parse("at_risk_margin = 3\n", "t", Path::new("/")).unwrap_err();
    assert!(err.to_string().contains("at_risk_margin"), "{err}");
}

#[test]
fn a_mistake_is_one_line_naming_the_file_and_the_line() {
    let text =
        "inbox = \"in\"\nreports = \"r\"\n\n[email]\noperators = []\nform = \"a@example.com\"\n";
    let err = Config::parse(text, "/srv/cr/competency-report.toml", Path::new("/srv/cr"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("config file /srv/cr/competency-report.toml, line 6: unknown field `form`"),
        "{err}"
    );
    assert!(!err.contains('\n'), "{err}");
    let err = Config::parse("inbox = \"in\"\nstrict = maybe\n", "c.toml", Path::new("/"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("config file c.toml, line 2: "), "{err}");
    assert!(!err.contains('\n'), "{err}");
}

#[test]
fn rules_may_name_several_rule_sets_reported_together() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::parse(
        "rules = [\"solutions-partner-modern-work\", \"solutions-partner-business-applications\"]\n",
        "c.toml",
        dir.path(),
    )
    .unwrap();
    assert_eq!(
        config.rules,
        [
            PathBuf::from("solutions-partner-modern-work"),
            PathBuf::from("solutions-partner-business-applications")
        ]
    );
}

#[test]
fn rules_name_a_shipped_rule_set_or_a_file_beside_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let rules_of =
        |text: &str| Config::parse(text, "c.toml", dir.path()).map(|c| c.rules[0].clone());
    // A shipped name, as on the command line: not a path under the
    // config's folder.
    assert_eq!(
        rules_of("rules = \"solutions-partner-modern-work\"\n").unwrap(),
        PathBuf::from("solutions-partner-modern-work")
    );
    // What `init` writes, uncommented, and the older example.
    let template = CONFIG_TEMPLATE.replace("# rules = ", "rules = ");
    assert_eq!(
        Config::parse(&template, "c.toml", dir.path())
            .unwrap()
            .rules,
        [PathBuf::from("cloud-productivity")]
    );
    assert_eq!(
        rules_of("rules = \"cloud-productivity.toml\"\n").unwrap(),
        PathBuf::from("cloud-productivity.toml")
    );
    // A file of that name beside the config wins.
    std::fs::write(dir.path().join("cloud-productivity.toml"), "x").unwrap();
    assert_eq!(
        rules_of("rules = \"cloud-productivity.toml\"\n").unwrap(),
        dir.path().join("cloud-productivity.toml")
    );
    // A path is a path, missing or not.
    assert_eq!(
        rules_of("rules = \"rules/custom.toml\"\n").unwrap(),
        dir.path().join("rules/custom.toml")
    );
    // Neither: the error says what was written and lists the names.
    let err = rules_of("rules = \"modern-work\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("rules = \"modern-work\" names no file in"),
        "{err}"
    );
    assert!(err.contains("solutions-partner-modern-work"), "{err}");
    for name in ["cloud-productivity", "solutions-partner-modern-work"] {
        let (rules, _) = crate::families::AnyRuleSet::load(Some(Path::new(name))).unwrap();
        assert!(!rules.rules().competency.name.is_empty());
    }
}

#[test]
fn flags_win_over_the_file_and_defaults_fill_the_rest() {
    let config = Config::parse(
        "inbox = \"in\"\nreports = \"rep\"\nstrict = true\nsettle_seconds = 5\njson = \"s.json\"\n",
        "t",
        Path::new("/b"),
    )
    .unwrap();
    let o = resolve(Flags::default(), Some(&config), date("2017-09-30")).unwrap();
    assert_eq!(o.run.inputs, vec![PathBuf::from("/b/in")]);
    assert_eq!(o.run.output, PathBuf::from("/b/rep"));
    assert_eq!(o.run.json, Some(PathBuf::from("/b/s.json")));
    assert!(o.strict && o.history && o.archive.is_none());
    assert_eq!(o.settle_seconds, 5);
    assert_eq!(o.run.as_of, date("2017-09-30"));

    let flags = Flags {
        input: vec![PathBuf::from("x")],
        output: Some(PathBuf::from("out")),
        settle_seconds: Some(0),
        archive: Some(None),
        ..Flags::default()
    };
    let o = resolve(flags, Some(&config), date("2017-09-30")).unwrap();
    assert_eq!(o.run.inputs, vec![PathBuf::from("x")]);
    assert_eq!(o.run.output, PathBuf::from("out"));
    assert_eq!(o.settle_seconds, 0);
    assert_eq!(o.archive, Some(PathBuf::from("archive")));
}

#[test]
fn the_partner_id_comes_from_the_flag_else_the_file() {
    let today = NaiveDate::from_ymd_opt(2017, 9, 30).unwrap();
    let config = |text: &str| Config::parse(text, "c.toml", Path::new("/srv")).unwrap();
    let number = config("inbox = \"in\"\nreports = \"r\"\npartner_id = 1000021\n");
    let o = resolve(Flags::default(), Some(&number), today).unwrap();
    assert_eq!(o.run.partner.as_ref().map(|p| p.as_str()), Some("1000021"));
    let text = config("inbox = \"in\"\nreports = \"r\"\npartner_id = \"0001000022\"\n");
    let o = resolve(Flags::default(), Some(&text), today).unwrap();
    assert_eq!(o.run.partner.as_ref().map(|p| p.as_str()), Some("1000022"));
    let flags = Flags {
        partner_id: Some(parse_partner_id("1000023").unwrap()),
        ..Flags::default()
    };
    let o = resolve(flags, Some(&text), today).unwrap();
    assert_eq!(o.run.partner.as_ref().map(|p| p.as_str()), Some("1000023"));
    let bad = config("inbox = \"in\"\nreports = \"r\"\npartner_id = \"Northwind\"\n");
    let err = resolve(Flags::default(), Some(&bad), today).unwrap_err();
    assert!(err.to_string().contains("partner_id"), "{err}");
    assert!(parse_partner_id("10O0001").is_err());
}

#[test]
fn the_language_and_pdf_come_from_the_flag_else_the_file() {
    use crate::text::Lang;
    let config = Config::parse(
        "inbox = \"in\"\nreports = \"r\"\nlang = \"de\"\npdf = true\n",
        "t",
        Path::new("/b"),
    )
    .unwrap();
    let o = resolve(Flags::default(), Some(&config), date("2017-09-30")).unwrap();
    assert_eq!((o.run.lang, o.run.pdf), (Lang::De, true));
    let flags = Flags {
        lang: Some(Lang::En),
        ..Flags::default()
    };
    let o = resolve(flags, Some(&config), date("2017-09-30")).unwrap();
    assert_eq!(o.run.lang, Lang::En);
    let plain = Config::parse("inbox = \"in\"\nreports = \"r\"\n", "t", Path::new("/b")).unwrap();
    let o = resolve(Flags::default(), Some(&plain), date("2017-09-30")).unwrap();
    assert_eq!((o.run.lang, o.run.pdf), (Lang::En, false));
    let err = Config::parse("lang = \"fr\"\n", "t", Path::new("/")).unwrap_err();
    assert!(err.to_string().contains("fr"), "{err}");
}

#[test]
fn the_settle_default_applies_to_the_inbox_only() {
    let config = Config::parse("inbox = \"in\"\nreports = \"r\"\n", "t", Path::new("/b")).unwrap();
    let o = resolve(Flags::default(), Some(&config), date("2017-09-30")).unwrap();
    assert_eq!(o.settle_seconds, DEFAULT_SETTLE_SECONDS);
    let flags = Flags {
        input: vec![PathBuf::from("x")],
        ..Flags::default()
    };
    let o = resolve(flags, Some(&config), date("2017-09-30")).unwrap();
    assert_eq!(o.settle_seconds, 0);
}

#[test]
fn no_archive_and_missing_folders() {
    let config = Config::parse(
        "inbox = \"in\"\nreports = \"r\"\narchive = \"a\"\n",
        "t",
        Path::new("/b"),
    )
    .unwrap();
    let flags = Flags {
        no_archive: true,
        ..Flags::default()
    };
    assert!(
        resolve(flags, Some(&config), date("2017-09-30"))
            .unwrap()
            .archive
            .is_none()
    );
    let err = resolve(Flags::default(), None, date("2017-09-30")).unwrap_err();
    assert!(err.to_string().contains("--input"), "{err}");
    let flags = Flags {
        input: vec![PathBuf::from("x")],
        ..Flags::default()
    };
    let err = resolve(flags, None, date("2017-09-30")).unwrap_err();
    assert!(err.to_string().contains("--output"), "{err}");
    let flags = Flags {
        input: vec![PathBuf::from("x")],
        output: Some(PathBuf::from("o")),
        at_risk_margin: Some(-1.0),
        ..Flags::default()
    };
    let err = resolve(flags, None, date("2017-09-30")).unwrap_err();
    assert!(err.to_string().contains("--at-risk-margin"), "{err}");
}
