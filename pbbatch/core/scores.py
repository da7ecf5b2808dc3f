"""The names of the scores and bands every stage speaks of, declared once (contract section 3)."""

DEPARTMENT_COMPONENTS = ("target", "leader", "service", "mutual")  # T, L, S, M
BRANCH_COMPONENTS = ("self", "department", "democratic", "spot_check")  # Z, D, P, C
DEPARTMENT_SCORES = (*DEPARTMENT_COMPONENTS, "adjustment", "total")  # with A and the total, as printed
BRANCH_SCORES = (*BRANCH_COMPONENTS, "adjustment", "total")
BANDS = ("A", "B", "C")  # 前20%, the middle, 後10%
