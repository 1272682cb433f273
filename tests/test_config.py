"""okrsite.toml: the company's severities, guidance and limits; its own mistakes reported."""

from __future__ import annotations

import pytest

from okrsite_gen.config import Guidance, load_settings, parse_settings
from tests.conftest import Company, problems_of, where

CONFIG = "okrsite.toml"
NEW = "content/okrs/2026-Q4/platform/refunds.md"
# No theme and no alignment: a `no-line-to-vision` warning.
UNTHEMED = (
    "---\ntitle: Refunds\nowner: bob\nkey_results:\n  - {title: Bot live, done: false}\n---\n"
)
# An unknown owner: an `unknown-owner` error.
UNOWNED = "---\ntitle: Refunds\nowner: bobby\nthemes: [trust]\nkey_results:\n  - {title: Bot live, done: false}\n---\n"


def test_no_config_means_defaults(company: Company) -> None:
    settings, problems = load_settings(company.root)
    assert problems == []
    assert settings.rules == {}
    assert settings.guidance == Guidance()
    assert settings.limits.max_file_bytes == 1_000_000


def test_a_warning_made_an_error(company: Company) -> None:
    result = company.check({NEW: UNTHEMED, CONFIG: '[rules]\nno-line-to-vision = "error"\n'})
    assert [(p.rule, p.severity) for p in result.problems] == [("no-line-to-vision", "error")]
    assert len(result.errors) == 1


def test_an_error_made_a_warning(company: Company) -> None:
    result = company.check({NEW: UNOWNED, CONFIG: '[rules]\nunknown-owner = "warning"\n'})
    assert [(p.rule, p.severity) for p in result.problems] == [("unknown-owner", "warning")]
    assert result.errors == []


@pytest.mark.parametrize(("files"), [{NEW: UNTHEMED}, {NEW: UNOWNED}], ids=["warning", "error"])
def test_a_rule_turned_off(company: Company, files: dict[str, str]) -> None:
    config = '[rules]\nno-line-to-vision = "off"\nunknown-owner = "off"\n'
    assert company.check(files | {CONFIG: config}).problems == []


def test_guidance_and_limits_are_read(company: Company) -> None:
    company.write(
        {
            CONFIG: """\
                # Acme's OKR policy
                [guidance]
                max_objectives_per_owner = 3
                max_key_results = 4
                untracked_after_days = 45

                [health]
                at_risk_gap = 0.2

                [limits]
                max_file_bytes = 500_000
                max_files = 1_000
                """
        }
    )
    settings, problems = load_settings(company.root)
    assert problems == []
    assert settings.guidance == Guidance(3, 4, 45)
    assert settings.health.at_risk_gap == 0.2
    assert (settings.limits.max_file_bytes, settings.limits.max_files) == (500_000, 1_000)


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        ("[rules\n", 1, 7, "Expected ']' at the end of a table declaration"),
        ('[rules]\nmax-objectives = "error"\nmax-objectives = "off"\n', 3, 23, "Cannot overwrite"),
        ('[rules]\nkind = "error\n', 2, 14, "Illegal character"),
    ],
    ids=["header", "duplicate", "string"],
)
def test_bad_toml(company: Company, text: str, line: int, col: int, message: str) -> None:
    result = company.check({CONFIG: text, NEW: UNTHEMED})
    # Defaults apply to the rest of the run: the warning is still reported.
    assert where(result.problems) == [
        ("no-line-to-vision", NEW, 2, 1),
        ("config-syntax", CONFIG, line, col),
    ]
    assert message in result.problems[1].message


@pytest.mark.parametrize(
    ("text", "line", "col", "says"),
    [
        ('[rules]\nmax-objective = "error"\n', 2, 1, "did you mean `max-objectives`?"),
        ('[rules]\nmax-objectives = "fatal"\n', 2, 1, 'Use "error", "warning" or "off".'),
        ("[guidance]\nmax_objectives = 3\n", 2, 1, "did you mean `max_objectives_per_owner`?"),
        ('[guidance]\nmax_key_results = "five"\n', 2, 1, "`max_key_results = 5`"),
        ("[limit]\nmax_files = 10\n", 1, 1, "did you mean `limits`?"),
        ("\n\nguidance = 5\n", 3, 1, "Known sections: rules, guidance"),
        ('\n[rules]\n  "max-key-results" = "eror"\n', 3, 3, 'Use "error"'),
    ],
    ids=["rule", "setting", "key", "value", "section", "not-a-table", "quoted-key"],
)
def test_unknown_settings(company: Company, text: str, line: int, col: int, says: str) -> None:
    result = company.check({CONFIG: text})
    assert where(result.problems) == [("config-unknown", CONFIG, line, col)]
    problem = result.problems[0]
    assert says in f"{problem.message} {problem.hint}"


def test_good_settings_beside_bad_ones_still_apply(company: Company) -> None:
    result = company.check(
        {NEW: UNTHEMED, CONFIG: '[rules]\nno-line-to-vision = "off"\nno-such-rule = "off"\n'}
    )
    assert where(result.problems) == [("config-unknown", CONFIG, 3, 1)]


def test_config_rules_follow_the_rules_table_too(company: Company) -> None:
    result = company.check({CONFIG: '[rules]\nconfig-unknown = "off"\n[bogus]\n'})
    assert [p.rule for p in result.problems] == []  # the company asked for silence: it gets it


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[guidance]\nuntracked_after_days = 1e20\n", "whole number from 0 to 36,500"),
        ("[guidance]\nmax_key_results = 2.5\n", "whole number from 0"),
        ("[guidance]\nmax_objectives_per_owner = -3\n", "whole number from 0"),
        ("[stale]\ndays = 99999999999\n", "whole number from 0 to 36,500"),
        ("[health]\nat_risk_gap = nan\n", "fraction from 0.0 to 1.0"),
        ("[health]\nlow_confidence = inf\n", "fraction from 0.0 to 1.0"),
        ("[health]\noff_track_gap = 2\n", "fraction from 0.0 to 1.0"),
    ],
    ids=["days-huge", "fraction-count", "negative", "stale-days", "nan", "inf", "above-one"],
)
def test_numbers_out_of_range_are_refused_and_defaults_kept(
    company: Company, text: str, says: str
) -> None:
    result = company.check({CONFIG: text, NEW: UNTHEMED})  # the rules still run: no crash
    assert ("config-unknown", CONFIG, 2, 1) in where(result.problems)
    problem = problems_of(result, "config-unknown")[0]
    assert says in problem.message
    assert result.settings.guidance == Guidance()


def test_whole_numbers_may_be_written_as_floats(company: Company) -> None:
    settings, problems = parse_settings(
        b"[guidance]\nmax_key_results = 4.0\n[health]\nat_risk_gap = 0\n"
    )
    assert problems == []
    assert settings.guidance.max_key_results == 4 and isinstance(
        settings.guidance.max_key_results, int
    )
    assert settings.health.at_risk_gap == 0.0
