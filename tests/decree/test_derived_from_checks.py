"""The decree's steps and the officer's reasons take sections and decree 10 § from the
checks' own definitions, so a check changes in one place."""

from __future__ import annotations

from luppa.decree import reasons
from luppa.decree.sections import STEPS, step_for_section
from luppa.quality import CHECK_IDS, CHECKS
from luppa.quality.stored import CHECKS_BY_ID


def test_every_check_belongs_to_exactly_one_step():
    placed = [check_id for step in STEPS for check_id in step.check_ids]
    assert sorted(placed) == sorted(CHECK_IDS)
    for check in CHECKS:
        assert check.id in step_for_section(check.section).check_ids


def test_the_medical_exception_steps_are_those_of_waivable_checks():
    for step in STEPS:
        waivable = {CHECKS_BY_ID[c].waivable for c in step.check_ids}
        assert waivable == {step.medical_exception}, step.number
    assert [s.number for s in STEPS if s.medical_exception] == [2, 3, 4]


def test_a_reason_takes_its_section_and_waiver_from_its_checks():
    for reason in reasons.REASONS:
        for check_id in reason.checks:
            assert check_id in CHECK_IDS, (reason.code, check_id)
        if reason.checks:
            first = CHECKS_BY_ID[reason.checks[0]]
            assert reason.section == first.section.label
            assert reason.waivable is any(CHECKS_BY_ID[c].waivable for c in reason.checks)
    by_code = reasons.BY_CODE
    assert by_code["pose"].waivable and by_code["glasses"].waivable
    assert not by_code["background"].waivable and not by_code["compression"].waivable
    assert by_code["retouched"].section == "8 §" and not by_code["retouched"].waivable
    assert by_code["other"].section == "" and not by_code["other"].waivable


def test_every_step_with_a_reason_offers_it_to_the_officer():
    grouped = {r.code for step in STEPS for r in reasons.REASONS if r.section in step.sections}
    loose = {r.code for r in reasons.REASONS if not r.section}
    assert grouped | loose == set(reasons.BY_CODE)
