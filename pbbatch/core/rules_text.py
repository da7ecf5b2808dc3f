"""The rules in force (rules.py) in words a clerk reads, in the output locale: the briefs' appendix and the
site's rules page both say them with these functions, so the wording lives once."""

from __future__ import annotations

from collections.abc import Callable

from pbbatch.core.catalogue import fold, label, matcher, message
from pbbatch.core.numeric import display_number

DEPARTMENTS, BRANCHES = "departments", "branches"
VETO_CATEGORIES = matcher(["veto_cat.three_violations", "veto_cat.civility", "veto_cat.safety"])


def describe_rules(rules: dict, locale: str, kind: str | None = None) -> list[tuple[str, str]]:
    """(label, text) of each rule, in `locale`: those of the departments' monthly assessment (kind
    "departments"), of the branches' quarterly one ("branches"), or every rule (None). A rule whose keys the
    stored rules lack (stored by an older version) reads 未記錄. The key work items: describe_items."""
    t = _Texts(rules, locale)
    lines = [
        ("rules.dept_weights", {DEPARTMENTS}, t.weights("departments.weights", ("target", "leader", "service", "mutual"))),
        ("rules.branch_weights", {BRANCHES}, t.weights("branches.weights", ("self", "department", "democratic", "spot_check"))),
        ("rules.ranking_scope", {BRANCHES}, t.ranking_scope),
        ("rules.bands", {DEPARTMENTS, BRANCHES}, t.bands),
        ("rules.coefficients", {DEPARTMENTS}, t.coefficients),
        ("rules.trim", {DEPARTMENTS}, t.trim),
        ("rules.democratic", {BRANCHES}, t.democratic),
        ("rules.rewards", {BRANCHES}, t.rewards),
        ("rules.low", {BRANCHES}, t.low),
        ("rules.caps", {DEPARTMENTS, BRANCHES}, t.caps),
        ("rules.vetoes", {DEPARTMENTS, BRANCHES}, t.vetoes),
        ("rules.letters", set(), t.letters),
        ("rules.rectification", set(), t.rectification),
        ("rules.staff", set(), t.staff),
        ("rules.annual", set(), t.annual),
    ]
    return [(label(key, locale), t.text(make)) for key, kinds, make in lines if kind is None or kind in kinds]


def describe_items(rules: dict, locale: str, owner_names: dict[str, str] | None = None) -> list[tuple[str, str, str, str]]:
    """The key work items: (code, name, points, owner), the owner as `D01 組織部` when its name is known."""
    names = owner_names or {}
    return [(str(i.get("code", "")), str(i.get("name", "")), _number(i.get("points")),
             f"{i.get('owner', '')} {names.get(i.get('owner'), '')}".strip())
            for i in rules.get("branches.items") or []]


def percent(share: float) -> str:
    """0.4 as 40%, 0.125 as 12.5%."""
    return f"{display_number(round(share * 100, 6))}%"


def _number(value) -> str:
    return "" if value is None else display_number(value)


class _Texts:
    """The texts of one rules dict in one locale; each method reads the keys it needs (KeyError: not recorded)."""

    def __init__(self, rules: dict, locale: str):
        self.rules, self.locale = rules, locale
        self.sep = message("brief.list_sep", locale)

    def text(self, make: Callable[[], str]) -> str:
        try:
            return make()
        except KeyError:
            return label("rules.not_recorded", self.locale)

    def m(self, code: str, /, **fields) -> str:
        return message(code, self.locale, **fields)

    def abc(self, key: str) -> dict[str, str]:
        """A, B, C's shares or coefficients as the fields a, b, c."""
        return dict(zip("abc", map(percent, self.rules[key])))

    def weights(self, prefix: str, names: tuple[str, ...]) -> Callable[[], str]:
        return lambda: self.sep.join(f"{label(f'out.{n}', self.locale)} {percent(self.rules[f'{prefix}.{n}'])}"
                                     for n in names)

    def ranking_scope(self) -> str:
        return label("rules.by_block" if self.rules["branches.rank_by_block"] else "rules.company_wide", self.locale)

    def bands(self) -> str:
        rounding = label(f"rules.{self.rules['banding.rounding']}", self.locale)
        return self.m("rules.bands_text", **self.abc("banding.shares"), rounding=rounding)

    def coefficients(self) -> str:
        return self.m("rules.abc_text", **self.abc("banding.coefficients"))

    def trim(self) -> str:
        return self.m("rules.trim_text", n=self.rules["ratings.trim_above"], service=label("out.service", self.locale),
                      mutual=label("out.mutual", self.locale))

    def democratic(self) -> str:
        points = self.sep.join(
            self.m("rules.points_item", grade=label(f"democratic.{g}", self.locale),
                   points=_number(self.rules[f"democratic.points.{g}"]))
            for g in ("excellent", "good", "fair", "poor"))
        return self.m("rules.democratic_text", points=points, turnout=percent(self.rules["democratic.min_turnout"]))

    def rewards(self) -> str:
        return self.m("rules.sep").join(self.m("rules.reward_item", rank=n, amount=_amount(a))
                             for n, a in enumerate(self.rules["branches.reward_amounts"], start=1))

    def low(self) -> str:
        return self.m("rules.low_text", share=percent(self.rules["branches.low_share"]))

    def caps(self) -> str:
        caps = [(key.removeprefix("adjustments.caps."), value) for key, value in self.rules.items()
                if key.startswith("adjustments.caps.")]
        if not caps:
            raise KeyError("adjustments.caps")
        items = self.m("rules.sep").join(
            self.m("rules.cap_item", category=label(f"adj_cat.{c}", self.locale), low=f"{low:+g}", high=f"{high:+g}")
            for c, (low, high) in caps)
        return self.m("rules.caps_text", caps=items)

    def vetoes(self) -> str:
        def shown(category: str) -> str:
            key = VETO_CATEGORIES.get(fold(category))
            return label(key, self.locale) if key else category

        return self.sep.join(map(shown, self.rules["veto.categories"]))

    def letters(self) -> str:
        return self.m("rules.letters_required" if self.rules["targets.require_letter"] else "rules.letters_optional")

    def rectification(self) -> str:
        closing = "rules.closing_verified" if self.rules["rectification.require_verification"] else "rules.closing_reported"
        return self.m("rules.rectification_text", days=self.rules["rectification.default_days"],
                      deduction=_number(self.rules["rectification.overdue_deduction"]), closing=self.m(closing))

    def staff(self) -> str:
        x, y, z = map(percent, self.rules["staff.coefficients"])
        return self.m("rules.staff_text", **self.abc("staff.shares"), x=x, y=y, z=z)

    def annual(self) -> str:
        return self.m("rules.annual_text", departments=self.rules["annual.excellent_departments"],
                      branches=self.quota(self.rules["annual.advanced_branches"], "rules.count"),
                      staff=self.quota(self.rules["annual.excellent_staff"], "rules.people"),
                      months=self.rules["annual.max_c_months"])

    def quota(self, value: float, code: str) -> str:
        """Below 1 a share of the candidates, else a whole number of them (config._quota)."""
        return percent(value) if value < 1 else self.m(code, n=_number(value))


def _amount(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
