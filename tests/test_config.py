from pathlib import Path

import pytest

from pbbatch.core.config import ConfigError, load_config, parse_config


def problems(data, tmp_path=Path("/work")):
    with pytest.raises(ConfigError) as info:
        parse_config(data, tmp_path)
    return info.value.shown()


def test_every_default_when_the_file_is_empty(tmp_path):
    (tmp_path / "config.toml").write_text("", encoding="utf-8")
    config = load_config(tmp_path / "config.toml")
    assert config.locale == "zh-Hant"
    assert config.inbox == tmp_path / "inbox" and config.history == tmp_path / "output/history.sqlite"
    assert config.registry == tmp_path / "名冊.xlsx"
    assert config.department_weights == {"target": 0.40, "leader": 0.30, "service": 0.15, "mutual": 0.15}
    assert config.branch_weights == {"self": 0.10, "department": 0.40, "democratic": 0.25, "spot_check": 0.25}
    assert [i.code for i in config.branch_items] == [f"K{i:02d}" for i in range(1, 11)]
    assert sum(i.points for i in config.branch_items) == 100
    assert config.band_shares == (0.2, 0.7, 0.1) and config.band_coefficients == (1.2, 1.0, 0.8)
    assert config.band_rounding == "half_up" and config.trim_above == 5
    assert config.democratic_points == {"excellent": 100, "good": 80, "fair": 60, "poor": 40}
    assert config.min_turnout == 0.5 and config.low_share == 0.1
    assert config.reward_amounts == (3000, 2000, 1000)
    assert config.adjustment_caps == {"safety": (-20, 5), "business": (-10, 5), "other": (-10, 5)}
    assert config.veto_categories == ("三違幫教", "精神文明", "安全目標")
    assert config.rank_branches_by_block is False
    assert (config.max_file_mb, config.max_unpacked_mb, config.max_ratio) == (20, 200, 200)  # [limits], ours
    assert config.require_letter is False
    assert (config.fix_default_days, config.overdue_deduction, config.require_verification) == (30, 2, True)
    assert config.staff_shares == (0.2, 0.7, 0.1) and config.staff_coefficients == (1.1, 1.0, 0.9)
    assert (config.excellent_departments, config.advanced_branches, config.excellent_staff) == (1, 0.2, 0.1)
    assert config.max_c_months == 2 and config.site_title == "黨建信息網"


def test_the_tables_of_sections_7_to_11():
    assert problems({"locale": "en", "staff": {"shares": [0.5, 0.5, 0.5]}}) == [
        "staff.shares: must add up to 1; they add up to 1.5."]
    assert problems({"locale": "en", "annual": {"advanced_branches": 2.5, "excellent_departments": 0.5}}) == [
        "annual.excellent_departments: must be between 0 and ∞.",
        "annual.advanced_branches: below 1 it is a share (such as 0.2); 1 and above it must be a whole number "
        "(a count).",
    ]
    assert problems({"locale": "en", "targets": {"require_letter": "yes"}, "site": {"title": " "}}) == [
        "targets.require_letter: must be true or false.", "site.title: must be text."]
    assert problems({"locale": "en", "rectification": {"default_days": 0, "grace": 1}}) == [
        "rectification.default_days: must be between 1 and ∞.", "rectification.grace: unknown key."]
    config = parse_config({"annual": {"advanced_branches": 3}, "rectification": {"require_verification": False}},
                          Path("/work"))
    assert config.advanced_branches == 3 and config.require_verification is False


def test_limits_are_checked_like_every_other_key():
    assert problems({"locale": "en", "limits": {"file_mb": 0}}) == ["limits.file_mb: must be between 0.001 and ∞."]
    assert problems({"locale": "en", "limits": {"pages": 5}}) == ["limits.pages: unknown key."]
    assert problems({"locale": "en", "limits": {"rows": 2.5}}) == ["limits.rows: must be between 1 and ∞."]


def test_paths_are_relative_to_the_config_file(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "config.toml").write_text('[paths]\ninbox = "../drop"\n', encoding="utf-8")
    assert load_config(tmp_path / "sub" / "config.toml").inbox == tmp_path / "sub" / ".." / "drop"


def test_unknown_keys_are_named():
    assert problems({"locale": "en", "colour": "red", "banding": {"share": [0.2]}}) == [
        "colour: unknown key.", "banding.share: unknown key."
    ]


def test_bad_values_are_named_in_the_configured_locale():
    assert problems({"banding": {"rounding": "nearest"}}) == ["banding.rounding：應為 half_up, floor, ceil 之一。"]
    assert problems({"locale": "en", "ratings": {"trim_above": "five"}}) == ["ratings.trim_above: must be a number."]
    assert problems({"locale": "en", "ratings": {"trim_above": 2.5}}) == ["ratings.trim_above: must be between 2 and ∞."]


def test_an_unknown_locale_is_an_error():
    assert problems({"locale": "fr"}) == ["locale：應為 zh-Hant, zh-Hans, en 之一。"]


def test_weights_must_add_up_to_one():
    assert problems({"locale": "en", "departments": {"weights": {"target": 0.5}}}) == [
        "departments.weights: must add up to 1; they add up to 1.1."
    ]
    ok = parse_config({"departments": {"weights": {"target": 0.7, "leader": 0.1, "service": 0.1, "mutual": 0.1}}},
                      Path("."))
    assert ok.department_weights["target"] == 0.7  # 0.7 + 0.1 + 0.1 + 0.1 is 1 exactly, not 0.9999999


def test_band_shares_and_caps():
    assert problems({"locale": "en", "banding": {"shares": [0.2, 0.7]}}) == ["banding.shares: must be a list of 3 values."]
    assert problems({"locale": "en", "adjustments": {"caps": {"safety": [5, -20]}}}) == [
        "adjustments.caps.safety: the minimum cannot exceed the maximum."
    ]


def test_branch_items_points_must_add_up_to_100_and_codes_be_unique():
    items = [{"code": "K01", "name": "A", "points": 60, "owner": "D01"},
             {"code": "k01", "name": "B", "points": 30, "owner": "D02"}]
    assert problems({"locale": "en", "branches": {"items": items}}) == [
        "branches.items: item code K01 is used twice.", "branches.items: points must add up to 100; they add up to 90."
    ]


def test_missing_file_and_bad_toml(tmp_path):
    with pytest.raises(ConfigError):
        load_config(tmp_path / "nope.toml")
    (tmp_path / "bad.toml").write_text("locale = ", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "bad.toml")
    assert "bad.toml" in info.value.shown()[0]


def test_reward_amounts_are_three_one_for_each_of_the_top_three_ranks():
    """Contract 3: the reward goes to rank ≤ 3, by rank: a list of another length has no meaning."""
    assert problems({"locale": "en", "branches": {"reward_amounts": [3000, 2000]}}) == [
        "branches.reward_amounts: must be a list of 3 values."]
    assert problems({"locale": "en", "branches": {"reward_amounts": [4, 3, 2, 1]}}) == [
        "branches.reward_amounts: must be a list of 3 values."]


def _numeric_keys(node, prefix=""):
    """(path into the TOML data, key as messages name it) for every number in a config."""
    if isinstance(node, dict):
        for name, value in node.items():
            yield from ((((name,) + path), key) for path, key in _numeric_keys(value, f"{prefix}{name}."))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            for path, key in _numeric_keys(value, f"{prefix[:-1]}[{i}]."):
                yield (i,) + path, key
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield (), prefix[:-1]


def _every_key_of_the_written_config():
    import tomllib

    from pbbatch.core.config import Config
    from pbbatch.setup.workspace import render_config

    data = tomllib.loads(render_config(Config(base_dir=Path("/work"))))
    return data, list(_numeric_keys(data))


def test_the_written_config_holds_every_numeric_key():
    _, keys = _every_key_of_the_written_config()
    names = {key for _, key in keys}
    assert {"branches.low_share", "branches.reward_amounts[2]", "banding.coefficients[0]", "banding.shares[1]",
            "democratic.points.excellent", "democratic.min_turnout", "limits.file_mb", "limits.unpacked_mb",
            "limits.ratio", "limits.rows", "limits.columns", "limits.cells", "limits.problems", "ratings.trim_above", "adjustments.caps.safety[0]", "branches.items[9].points",
            "departments.weights.target", "branches.weights.spot_check"} <= names
    assert {"rectification.default_days", "staff.shares[2]", "staff.coefficients[0]", "annual.max_c_months",
            "annual.advanced_branches", "annual.excellent_staff", "annual.excellent_departments"} <= names
    assert len(names) == 59  # 8 weights, 10 items, 6 caps, 5 lists of 3, 4 grade points, 16 single keys


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")], ids=["nan", "inf", "-inf"])
def test_every_numeric_key_must_be_a_finite_number(bad):
    """TOML reads `nan` and `inf` as floats; a range check lets NaN through, and inf through an open range."""
    import copy

    data, keys = _every_key_of_the_written_config()
    for path, key in keys:
        spoiled = copy.deepcopy(data)
        spoiled["locale"] = "en"
        node = spoiled
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = bad
        with pytest.raises(ConfigError) as info:
            parse_config(spoiled, Path("/work"))
        assert f"{key}: must be a finite number, not {bad}." in info.value.shown(), key


def test_nan_in_a_config_file_is_named(tmp_path):
    (tmp_path / "config.toml").write_text("[limits]\nfile_mb = nan\n[democratic.points]\nexcellent = inf\n",
                                          encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "config.toml")
    assert info.value.shown() == ["democratic.points.excellent：應為有限的數字，不能是 inf。",
                                   "limits.file_mb：應為有限的數字，不能是 nan。"]
