"""Every label and message the users see, in the three locales, in one place.

A label is (Traditional, Simplified, English). Inputs accept any of the three; outputs use the configured
locale. The English text of a label is the contract's alias (`unit_id`), the input spelling; what English
outputs and messages show is its display text (`Unit code`, see DISPLAY), which inputs accept as well.
"""

from __future__ import annotations

import functools
import re
import unicodedata

LOCALES = ("zh-Hant", "zh-Hans", "en")
DEFAULT_LOCALE = "zh-Hant"

LABELS: dict[str, tuple[str, str, str]] = {
    # registry
    "sheet.units": ("單位", "单位", "units"),
    "sheet.raters": ("評價人", "评价人", "raters"),
    "unit_id": ("單位編號", "单位编号", "unit_id"),
    "unit_name": ("單位名稱", "单位名称", "unit_name"),
    "kind": ("類別", "类别", "kind"),
    "block": ("板塊", "板块", "block"),
    "head": ("負責人", "负责人", "head"),
    "status": ("狀態", "状态", "status"),
    "rater_id": ("評價人編號", "评价人编号", "rater_id"),
    "name": ("姓名", "姓名", "name"),
    "title": ("職務", "职务", "title"),
    "weight": ("權重", "权重", "weight"),
    "kind.department": ("黨群部門", "党群部门", "department"),
    "kind.branch": ("基層黨支部", "基层党支部", "branch"),
    "who.leader": ("公司領導（評價人）", "公司领导（评价人）", "company leader (rater)"),
    "who.unit": ("在冊單位", "在册单位", "registered unit"),
    "status.active": ("在冊", "在册", "active"),
    "status.inactive": ("撤銷", "撤销", "inactive"),
    # form info
    "sheet.form_info": ("填報信息", "填报信息", "form_info"),
    "sheet.data": ("數據", "数据", "data"),
    "form": ("表單類型", "表单类型", "form"),
    "period": ("期間", "期间", "period"),
    "submitter_id": ("填報單位編號", "填报单位编号", "submitter_id"),
    "rating_type": ("評價類型", "评价类型", "rating_type"),
    "filled_by": ("填報人", "填报人", "filled_by"),
    "filled_on": ("填報日期", "填报日期", "filled_on"),
    "version": ("版本", "版本", "version"),
    # form names
    "period_kind.month": ("月份", "月份", "month"),
    "period_kind.quarter": ("季度", "季度", "quarter"),
    "form.targets": ("目標考核表", "目标考核表", "targets"),
    "form.ratings": ("評分表", "评分表", "ratings"),
    "form.adjustments": ("加減分表", "加减分表", "adjustments"),
    "form.vetoes": ("一票否決表", "一票否决表", "vetoes"),
    "form.self_eval": ("支部自評表", "支部自评表", "self_eval"),
    "form.dept_eval": ("部門考評表", "部门考评表", "dept_eval"),
    "form.democratic": ("民主測評表", "民主测评表", "democratic"),
    "form.spot_checks": ("專項督查表", "专项督查表", "spot_checks"),
    # rating types
    "rating.leader": ("領導評價", "领导评价", "leader"),
    "rating.service": ("服務基層評價", "服务基层评价", "service"),
    "rating.mutual": ("部門互評", "部门互评", "mutual"),
    # targets form
    "targets.category": ("目標類別", "目标类别", "category"),
    "targets.target": ("目標內容", "目标内容", "target"),
    "targets.points": ("分值", "分值", "points"),
    "targets.progress": ("完成情況", "完成情况", "progress"),
    "targets.score": ("得分", "得分", "score"),
    "target_cat.key": ("重點目標", "重点目标", "key"),
    "target_cat.common": ("共性目標", "共性目标", "common"),
    "target_cat.safety": ("安全績效目標", "安全绩效目标", "safety"),
    # ratings form
    "ratings.ratee_id": ("被評單位編號", "被评单位编号", "ratee_id"),
    "ratings.ratee_name": ("被評單位名稱", "被评单位名称", "ratee_name"),
    "ratings.score": ("得分", "得分", "score"),
    "ratings.note": ("備註", "备注", "note"),
    # adjustments form
    "adjustments.unit_id": ("單位編號", "单位编号", "unit_id"),
    "adjustments.category": ("類別", "类别", "category"),
    "adjustments.points": ("分值", "分值", "points"),
    "adjustments.reason": ("事由", "事由", "reason"),
    "adjustments.date": ("日期", "日期", "date"),
    "adj_cat.safety": ("安全生產", "安全生产", "safety"),
    "adj_cat.business": ("綜合業務", "综合业务", "business"),
    "adj_cat.other": ("其他", "其他", "other"),
    # vetoes form
    "vetoes.unit_id": ("單位編號", "单位编号", "unit_id"),
    "vetoes.category": ("否決類別", "否决类别", "category"),
    "vetoes.reason": ("事由", "事由", "reason"),
    "vetoes.date": ("發生日期", "发生日期", "date"),
    "vetoes.decided_by": ("認定部門", "认定部门", "decided_by"),
    "veto_cat.three_violations": ("三違幫教", "三违帮教", "three_violations"),
    "veto_cat.civility": ("精神文明", "精神文明", "civility"),
    "veto_cat.safety": ("安全目標", "安全目标", "safety_target"),
    # self_eval form
    "self_eval.item_id": ("項目編號", "项目编号", "item_id"),
    "self_eval.item_name": ("項目名稱", "项目名称", "item_name"),
    "self_eval.points": ("分值", "分值", "points"),
    "self_eval.score": ("自評得分", "自评得分", "score"),
    "self_eval.note": ("說明", "说明", "note"),
    # dept_eval form
    "dept_eval.branch_id": ("支部編號", "支部编号", "branch_id"),
    "dept_eval.branch_name": ("支部名稱", "支部名称", "branch_name"),
    "dept_eval.note": ("備註", "备注", "note"),
    # democratic form
    "democratic.branch_id": ("支部編號", "支部编号", "branch_id"),
    "democratic.branch_name": ("支部名稱", "支部名称", "branch_name"),
    "democratic.eligible": ("應參評人數", "应参评人数", "eligible"),
    "democratic.present": ("實參評人數", "实参评人数", "present"),
    "democratic.excellent": ("優秀", "优秀", "excellent"),
    "democratic.good": ("良好", "良好", "good"),
    "democratic.fair": ("一般", "一般", "fair"),
    "democratic.poor": ("較差", "较差", "poor"),
    "democratic.abstain": ("棄權", "弃权", "abstain"),
    # spot_checks form
    "spot_checks.date": ("日期", "日期", "date"),
    "spot_checks.branch_id": ("支部編號", "支部编号", "branch_id"),
    "spot_checks.item_id": ("項目編號", "项目编号", "item_id"),
    "spot_checks.finding": ("問題描述", "问题描述", "finding"),
    "spot_checks.deduction": ("扣分", "扣分", "deduction"),
    "spot_checks.fix_by": ("整改期限", "整改期限", "fix_by"),
    # levels and statuses
    "level.error": ("錯誤", "错误", "error"),
    "level.warning": ("警告", "警告", "warning"),
    "file_status.accepted": ("接收", "接收", "accepted"),
    "file_status.rejected": ("退回", "退回", "rejected"),
    "file_status.skipped": ("略過", "略过", "skipped"),
    "file_status.superseded": ("被取代", "被取代", "superseded"),
    "file_status.corrected": ("已更正", "已更正", "corrected"),
    "yes": ("是", "是", "yes"),
    # output: department ranking
    "out.block": ("板塊", "板块", "block"),
    "out.rank": ("排名", "排名", "rank"),
    "out.unit_id": ("單位編號", "单位编号", "unit_id"),
    "out.unit_name": ("單位名稱", "单位名称", "unit_name"),
    "out.head": ("負責人", "负责人", "head"),
    "out.target": ("目標績效", "目标绩效", "target"),
    "out.leader": ("領導評價", "领导评价", "leader"),
    "out.service": ("服務基層評價", "服务基层评价", "service"),
    "out.mutual": ("部門互評", "部门互评", "mutual"),
    "out.adjustment": ("加減分", "加减分", "adjustment"),
    "out.total": ("綜合得分", "综合得分", "total"),
    "out.vetoed": ("一票否決", "一票否决", "vetoed"),
    "out.band": ("檔次", "档次", "band"),
    "out.coefficient": ("薪酬係數", "薪酬系数", "pay_coefficient"),
    "out.reflection": ("檢查反思", "检查反思", "reflection"),
    "out.missing": ("資料缺失", "资料缺失", "missing"),
    # output: branch ranking
    "out.self": ("自評", "自评", "self"),
    "out.department": ("部門考評", "部门考评", "department"),
    "out.democratic": ("民主測評", "民主测评", "democratic"),
    "out.spot_check": ("專項督查", "专项督查", "spot_check"),
    "out.reward": ("獎勵金額", "奖励金额", "reward"),
    "out.low": ("排名靠後", "排名靠后", "low_ranked"),
    "out.last": ("墊底", "垫底", "last"),
    "out.admonish": ("誡勉談話", "诫勉谈话", "admonishment"),
    "out.removal": ("崗位淘汰", "岗位淘汰", "removal"),
    "out.period": ("期間", "期间", "period"),
    "sheet.items": ("項目得分", "项目得分", "item_scores"),
    "sheet.democratic": ("民主測評", "民主测评", "democratic"),
    "sheet.spot_checks": ("專項督查", "专项督查", "spot_checks"),
    "sheet.consequences": ("獎懲依據", "奖惩依据", "consequences"),
    "sheet.payout": ("季度兌現", "季度兑现", "quarterly_payout"),
    "item.code": ("項目編號", "项目编号", "item_id"),
    "item.name": ("項目名稱", "项目名称", "item_name"),
    "item.points": ("分值", "分值", "points"),
    "item.owner": ("考評部門", "考评部门", "scored_by"),
    "item.self": ("自評得分", "自评得分", "self_score"),
    "item.department": ("部門考評得分", "部门考评得分", "department_score"),
    "item.self_file": ("自評來源", "自评来源", "self_score_file"),
    "item.department_file": ("考評來源", "考评来源", "department_score_file"),
    "tally.valid": ("有效票", "有效票", "valid_ballots"),
    "tally.turnout": ("參評率", "参评率", "turnout"),
    "finding.finding": ("問題描述", "问题描述", "finding"),
    "finding.deduction": ("扣分", "扣分", "deduction"),
    "finding.fix_by": ("整改期限", "整改期限", "fix_by"),
    "consequence.kind": ("事項", "事项", "consequence"),
    "consequence.basis": ("依據", "依据", "basis"),
    "payout.mean": ("平均係數", "平均系数", "mean_coefficient"),
    "payout.note": ("說明", "说明", "note"),
    "file.branch_quarterly": ("支部季度考核", "支部季度考核", "branch_quarterly"),
    # history list
    "history.period": ("期間", "期间", "period"),
    "history.units": ("單位數", "单位数", "units"),
    "history.source": ("來源", "来源", "source"),
    "history.from_run": ("批次處理", "批次处理", "run"),
    # briefs
    "draft.mark": ("【試算稿】", "【试算稿】", "[DRAFT]"),
    "brief.outstanding": ("尚未收齊的報送", "尚未收齐的报送", "Submissions still outstanding"),
    "brief.provisional": ("待定", "待定", "provisional"),
    "brief.no_data": ("缺", "缺", "n/a"),
    "brief.all_units": ("全部單位", "全部单位", "every unit"),
    "brief.overview": ("一、總體情況", "一、总体情况", "1. Overview"),
    "brief.ranking": ("二、考核排名", "二、考核排名", "2. Ranking"),
    "brief.commended": ("三、表揚", "三、表扬", "3. Commended"),
    "brief.reflection": ("四、檢查反思", "四、检查反思", "4. Review and reflection"),
    "brief.vetoes": ("五、一票否決", "五、一票否决", "5. One-vote vetoes"),
    "brief.adjustments": ("六、加減分", "六、加减分", "6. Bonus and deduction points"),
    "brief.submissions": ("七、未報送及退回", "七、未报送及退回", "7. Missing and rejected submissions"),
    "brief.payout": ("八、季度兌現", "八、季度兑现", "8. Quarterly payout"),
    "brief.chart": ("各板塊綜合得分", "各板块综合得分", "Totals by block"),
    "brief.b_ranking": ("二、考核排名", "二、考核排名", "2. Ranking"),
    "brief.b_rewards": ("三、獎勵", "三、奖励", "3. Rewards"),
    "brief.b_talks": ("四、誡勉談話與崗位淘汰", "四、诫勉谈话与岗位淘汰", "4. Admonishment and removal"),
    "brief.b_vetoes": ("五、一票否決", "五、一票否决", "5. One-vote vetoes"),
    "brief.b_findings": ("六、專項督查問題及整改要求", "六、专项督查问题及整改要求", "6. Spot-check findings and what to fix"),
    "brief.b_weakest": ("八、重點工作薄弱項目", "八、重点工作薄弱项目", "8. Weakest key work items"),
    "brief.b_submissions": ("九、未報送及退回", "九、未报送及退回", "9. Missing and rejected submissions"),
    "brief.movement": ("升降", "升降", "change"),
    "brief.new": ("新", "新", "new"),
    "brief.none": ("無", "无", "None"),
    "brief.problems": ("問題", "问题", "problems"),
    "brief.share": ("平均得分率", "平均得分率", "average share of points"),
    "brief.quarters": ("依據", "依据", "basis"),
    "brief.block": ("板塊", "板块", "block"),
    "brief.page": ("第", "第", "page"),
    # output: detail sheets
    "sheet.ranking": ("排名", "排名", "ranking"),
    "sheet.target_detail": ("目標績效明細", "目标绩效明细", "target_detail"),
    "sheet.leader_detail": ("領導評價明細", "领导评价明细", "leader_ratings"),
    "sheet.service_detail": ("服務基層評價明細", "服务基层评价明细", "service_ratings"),
    "sheet.mutual_detail": ("部門互評明細", "部门互评明细", "mutual_ratings"),
    "sheet.rating_sources": ("評分來源", "评分来源", "rating_sources"),
    "detail.ratings": ("評分人數", "评分人数", "ratings"),
    "detail.ratings_given": ("評分個數", "评分个数", "scores_given"),
    "sheet.adjustment_detail": ("加減分明細", "加减分明细", "adjustment_detail"),
    "sheet.veto_detail": ("一票否決明細", "一票否决明细", "veto_detail"),
    "detail.file": ("來源文件", "来源文件", "source_file"),
    "detail.row": ("行號", "行号", "row"),
    "detail.rater_id": ("評價人編號", "评价人编号", "rater_id"),
    "detail.rater_name": ("評價人", "评价人", "rater"),
    "detail.rating_type": ("評價類型", "评价类型", "rating_type"),
    "detail.weight": ("權重", "权重", "weight"),
    "detail.score": ("得分", "得分", "score"),
    "detail.dropped_high": ("去掉最高分", "去掉最高分", "dropped_highest"),
    "detail.dropped_low": ("去掉最低分", "去掉最低分", "dropped_lowest"),
    "detail.category": ("類別", "类别", "category"),
    "detail.target": ("目標內容", "目标内容", "target"),
    "detail.points": ("分值", "分值", "points"),
    "detail.progress": ("完成情況", "完成情况", "progress"),
    "detail.reason": ("事由", "事由", "reason"),
    "detail.date": ("日期", "日期", "date"),
    "detail.submitter": ("填報單位", "填报单位", "submitted_by"),
    "detail.category_sum": ("類別小計", "类别小计", "category_sum"),
    "detail.cap": ("上下限", "上下限", "cap"),
    "detail.category_counted": ("類別計入", "类别计入", "category_counted"),
    "detail.decided_by": ("認定部門", "认定部门", "decided_by"),
    "sheet.calculation": ("計算過程", "计算过程", "calculation"),
    "sheet.adjustment_caps": ("加減分小計", "加减分小计", "adjustment_subtotals"),
    "calc.points_sum": ("分值合計", "分值合计", "points_sum"),
    "calc.score_sum": ("得分合計", "得分合计", "score_sum"),
    "calc.leader_count": ("領導評價人數", "领导评价人数", "leader_raters"),
    "calc.service_count": ("服務基層評價計入人數", "服务基层评价计入人数", "service_raters_counted"),
    "calc.mutual_count": ("部門互評計入人數", "部门互评计入人数", "mutual_raters_counted"),
    "calc.formula": ("計算式", "计算式", "formula"),
    # output: processing report
    "out.cut_mark": ("…〔超過儲存格上限，已截斷〕", "…〔超过储存格上限，已截断〕", "… [cut: over the cell limit]"),
    "report.sheet.files": ("文件", "文件", "files"),
    "report.sheet.problems": ("問題", "问题", "problems"),
    "report.sheet.missing": ("未報送", "未报送", "missing"),
    "report.file": ("文件", "文件", "file"),
    "report.sheet": ("工作表", "工作表", "sheet"),
    "report.cell": ("儲存格", "储存格", "cell"),
    "report.level": ("級別", "级别", "level"),
    "report.message": ("說明", "说明", "message"),
    "report.file_status": ("文件處理", "文件处理", "file_status"),
    "report.sha256": ("SHA-256", "SHA-256", "SHA-256"),
    "report.form": ("表單類型", "表单类型", "form"),
    "report.submitter_id": ("填報單位編號", "填报单位编号", "submitter_id"),
    "report.submitter_name": ("填報單位", "填报单位", "submitter"),
    "report.period": ("期間", "期间", "period"),
    "report.rating_type": ("評價類型", "评价类型", "rating_type"),
    "report.version": ("版本", "版本", "version"),
    "report.status": ("狀態", "状态", "status"),
    "report.note": ("備註", "备注", "note"),
    "report.reason": ("原因", "原因", "reason"),
    "report.subject": ("涉及單位", "涉及单位", "concerning"),
    "missing.not_received": ("未收到", "未收到", "not received"),
    "missing.rejected": ("已退回，需重新報送", "已退回，需重新报送", "rejected, resubmit"),
    "missing.rejected_newer": ("新版本已退回，暫按已接收的舊版本計分", "新版本已退回，暂按已接收的旧版本计分", "a newer version was rejected; the accepted older one counts for now"),
    "missing.not_workbook": ("收到的文件不是 .xlsx 工作簿", "收到的文件不是 .xlsx 工作簿", "what came is not an .xlsx workbook"),
    "missing.unreadable": ("收到的文件無法讀取", "收到的文件无法读取", "what came cannot be read"),
    "report.arrived": ("收到的文件", "收到的文件", "file received"),
    # output file names
    "file.dept_monthly": ("部門月度考核", "部门月度考核", "department_monthly"),
    "file.report": ("處理報告", "处理报告", "processing_report"),
    "file.forms_folder": ("空白表單", "空白表单", "blank_forms"),
    "file.dept_brief": ("部門講評會材料", "部门讲评会材料", "department_brief"),
    "file.branch_brief": ("支部講評會材料", "支部讲评会材料", "branch_brief"),
    "file.registry": ("名冊", "名册", "registry"),
    # blank forms (templates)
    "sheet.lists": ("選項", "选项", "lists"),
    "info.submitter_unit": ("填報單位名稱", "填报单位名称", "submitter_name"),
    "info.submitter_rater": ("評價人姓名", "评价人姓名", "rater_name"),

    # §7 targets and responsibility letters
    "letter.folder": ("目標責任書", "目标责任书", "target_letters"),
    "letter.party_a": ("甲方（黨委）", "甲方（党委）", "Party A (party committee)"),
    "letter.party_b": ("乙方（責任部門）", "乙方（责任部门）", "Party B (department)"),
    "letter.head": ("部門負責人", "部门负责人", "Department head"),
    "letter.targets": ("一、年度目標", "一、年度目标", "1. The year's targets"),
    "letter.rules": ("二、考核與兌現", "二、考核与兑现", "2. Assessment and pay"),
    "letter.signatures": ("三、簽署", "三、签署", "3. Signatures"),
    "letter.col.no": ("序號", "序号", "No."),
    "letter.col.target": ("目標內容", "目标内容", "Target"),
    "letter.col.points": ("分值", "分值", "Points"),
    "letter.col.months": ("考核月份", "考核月份", "Months"),
    "letter.col.standard": ("考核標準", "考核标准", "Standard"),
    "letter.col.owner": ("責任人", "责任人", "Owner"),
    "letter.seal": ("（蓋章）", "（盖章）", "(seal)"),
    "letter.signature": ("簽字：", "签字：", "Signature:"),
    "letter.date": ("日期：　　　　年　　月　　日", "日期：　　　　年　　月　　日", "Date: ____ / __ / __"),
    "form.target_letter": ("目標責任書", "目标责任书", "target_letter"),
    "period_kind.year": ("年度", "年度", "year"),
    "target_letter.unit_id": ("單位編號", "单位编号", "unit_id"),
    "target_letter.category": ("目標類別", "目标类别", "category"),
    "target_letter.target": ("目標內容", "目标内容", "target"),
    "target_letter.points": ("分值", "分值", "points"),
    "target_letter.months": ("考核月份", "考核月份", "months"),
    "target_letter.standard": ("考核標準", "考核标准", "standard"),
    "target_letter.owner": ("責任人", "责任人", "owner"),
    "targets.standard": ("考核標準", "考核标准", "standard"),
    "months.all": ("全年", "全年", "all"),

    # §8 rectification
    "form.fix_report": ("整改回執表", "整改回执表", "fix_report"),
    "form.fix_check": ("整改驗收表", "整改验收表", "fix_check"),
    "fix_report.finding_id": ("整改編號", "整改编号", "finding_id"),
    "fix_report.finding": ("問題描述", "问题描述", "finding"),
    "fix_report.deadline": ("整改期限", "整改期限", "fix_by"),
    "fix_report.action": ("整改措施", "整改措施", "action"),
    "fix_report.done_on": ("完成日期", "完成日期", "done_on"),
    "fix_report.evidence": ("佐證材料", "佐证材料", "evidence"),
    "fix_check.finding_id": ("整改編號", "整改编号", "finding_id"),
    "fix_check.verdict": ("驗收結論", "验收结论", "verdict"),
    "fix_check.checked_on": ("驗收日期", "验收日期", "checked_on"),
    "fix_check.note": ("說明", "说明", "note"),
    "verdict.passed": ("通過", "通过", "passed"),
    "verdict.failed": ("不通過", "不通过", "failed"),
    "rect.status.open": ("整改中", "整改中", "open"),
    "rect.status.reported": ("已報整改", "已报整改", "reported"),
    "rect.status.closed": ("已銷號", "已销号", "closed"),
    "rect.status.overdue": ("逾期", "逾期", "overdue"),
    "rect.finding_id": ("整改編號", "整改编号", "finding_id"),
    "rect.deadline": ("整改期限", "整改期限", "deadline"),
    "rect.status": ("整改狀態", "整改状态", "status"),
    "rect.action": ("整改措施", "整改措施", "action"),
    "rect.done_on": ("完成日期", "完成日期", "done_on"),
    "rect.evidence": ("佐證材料", "佐证材料", "evidence"),
    "rect.verdict": ("驗收結論", "验收结论", "verdict"),
    "rect.checked_on": ("驗收日期", "验收日期", "checked_on"),
    "rect.check_note": ("驗收說明", "验收说明", "check_note"),
    "rect.closed_on": ("銷號日期", "销号日期", "closed_on"),
    "rect.days_left": ("剩餘天數", "剩余天数", "days_left"),
    "rect.opened": ("本期新增", "本期新增", "opened"),
    "rect.closed": ("本期銷號", "本期销号", "closed"),
    "rect.still_open": ("期末未銷號", "期末未销号", "still_open"),
    "rect.overdue": ("期末逾期", "期末逾期", "overdue"),
    "rect.overdue_ids": ("逾期問題整改編號", "逾期问题整改编号", "overdue_findings"),
    "rect.weak_score": ("部門考評得分", "部门考评得分", "department_score"),
    "rect.weak_share": ("得分率", "得分率", "share_of_points"),
    "sheet.ledger": ("整改台賬", "整改台账", "rectification_ledger"),
    "file.ledger": ("整改台賬", "整改台账", "rectification_ledger"),
    "file.notices_folder": ("整改通知書", "整改通知书", "rectification_notices"),
    "file.notice": ("整改通知書", "整改通知书", "rectification_notice"),
    "file.reminder": ("提示函", "提示函", "reminder"),
    "rect.sign_date": ("　　　　年　　月　　日", "　　　　年　　月　　日", "Date: ____________"),
    "rect.item": ("項目", "项目", "item"),
    "brief.b_rectification": ("七、整改落實情況", "七、整改落实情况", "7. Rectification"),

    # §9 individuals
    "sheet.staff": ("人員", "人员", "staff"),
    "staff_id": ("工號", "工号", "staff_id"),
    "post": ("崗位", "岗位", "post"),
    "form.staff_eval": ("個人考評表", "个人考评表", "staff_eval"),
    "staff_eval.staff_id": ("工號", "工号", "staff_id"),
    "staff_eval.name": ("姓名", "姓名", "name"),
    "staff_eval.score": ("得分", "得分", "score"),
    "staff_eval.comment": ("評語", "评语", "comment"),
    "file.staff_monthly": ("個人績效", "个人绩效", "staff_performance"),
    "file.payroll": ("薪酬導出", "薪酬导出", "payroll_export"),
    "file.draft_suffix": ("試算稿", "试算稿", "DRAFT"),
    "sheet.staff_ranking": ("個人排名", "个人排名", "staff_ranking"),
    "sheet.staff_payout": ("個人季度兌現", "个人季度兑现", "staff_quarterly_payout"),
    "staff.staff_id": ("工號", "工号", "staff_id"),
    "staff.name": ("姓名", "姓名", "name"),
    "staff.score": ("得分", "得分", "score"),
    "staff.rank": ("單位內排名", "单位内排名", "rank_in_unit"),
    "staff.personal": ("個人係數", "个人系数", "personal_coefficient"),
    "staff.unit_factor": ("單位係數", "单位系数", "unit_coefficient"),
    "staff.pay": ("績效係數", "绩效系数", "performance_coefficient"),
    "staff.period": ("期間", "期间", "period"),
    "staff.mean": ("平均", "平均", "mean"),
    "staff.note": ("說明", "说明", "note"),
    "staff.not_scored": ("本月未評分", "本月未评分", "not scored this month"),
    "staff.paid_at_quarter_end": ("支部人員：單位係數待季末支部考核確定，季末兌現", "支部人员：单位系数待季末支部考核确定，季末兑现",
                                  "branch staff: the unit coefficient follows the branch's quarter, paid at quarter end"),

    # §10 the year
    "file.annual": ("年度考核", "年度考核", "annual_assessment"),
    "file.annual_brief": ("年度講評會材料", "年度讲评会材料", "annual_brief"),
    "sheet.annual_departments": ("部門年度排名", "部门年度排名", "department_ranking"),
    "sheet.annual_branches": ("支部年度排名", "支部年度排名", "branch_ranking"),
    "sheet.annual_staff": ("個人年度排名", "个人年度排名", "staff_ranking"),
    "sheet.awards": ("評先選優", "评先选优", "awards"),
    "sheet.eligibility": ("評優資格", "评优资格", "eligibility"),
    "sheet.letters": ("目標完成情況", "目标完成情况", "targets_achieved"),
    "annual.score": ("年度得分", "年度得分", "annual_score"),
    "annual.counted": ("計入期數", "计入期数", "periods_counted"),
    "annual.missing": ("缺結果期間", "缺结果期间", "periods_without_result"),
    "annual.c_times": ("C檔次數", "C档次数", "c_bands"),
    "annual.award": ("獲評", "获评", "award"),
    "annual.eligibility": ("評優資格", "评优资格", "eligibility"),
    "annual.reasons": ("不能評優原因", "不能评优原因", "why_not_eligible"),
    "annual.staff_id": ("工號", "工号", "staff_id"),
    "annual.unit_rank": ("單位內排名", "单位内排名", "rank_in_unit"),
    "annual.note": ("說明", "说明", "note"),
    "annual.kind_staff": ("個人", "个人", "person"),
    "annual.eligible": ("可評優", "可评优", "eligible"),
    "annual.ineligible": ("不能評優", "不能评优", "not eligible"),
    "award.excellent_department": ("優秀黨群部門", "优秀党群部门", "excellent department"),
    "award.advanced_branch": ("先進黨支部", "先进党支部", "advanced branch"),
    "award.excellent_staff": ("優秀黨務工作者", "优秀党务工作者", "excellent party worker"),
    "letter.months": ("考核月份", "考核月份", "months"),
    "letter.scored": ("已計分月份", "已计分月份", "months_scored"),
    "letter.unscored": ("未計分月份", "未计分月份", "months_not_scored"),
    "letter.score": ("得分合計", "得分合计", "score_sum"),
    "letter.possible": ("應得分合計", "应得分合计", "points_sum"),
    "letter.outcome": ("完成情況", "完成情况", "achieved"),
    "outcome.full": ("全部得分", "全部得分", "scored in full"),
    "outcome.part": ("部分得分", "部分得分", "scored in part"),
    "outcome.none": ("未得分", "未得分", "not scored"),
    "outcome.no_result": ("無考核結果", "无考核结果", "no result"),
    "annual.month.1": ("1月", "1月", "Jan"),
    "annual.month.2": ("2月", "2月", "Feb"),
    "annual.month.3": ("3月", "3月", "Mar"),
    "annual.month.4": ("4月", "4月", "Apr"),
    "annual.month.5": ("5月", "5月", "May"),
    "annual.month.6": ("6月", "6月", "Jun"),
    "annual.month.7": ("7月", "7月", "Jul"),
    "annual.month.8": ("8月", "8月", "Aug"),
    "annual.month.9": ("9月", "9月", "Sep"),
    "annual.month.10": ("10月", "10月", "Oct"),
    "annual.month.11": ("11月", "11月", "Nov"),
    "annual.month.12": ("12月", "12月", "Dec"),
    "brief.a_departments": ("二、黨群部門年度排名", "二、党群部门年度排名", "2. Departments' annual ranking"),
    "brief.a_branches": ("三、基層黨支部年度排名", "三、基层党支部年度排名", "3. Branches' annual ranking"),
    "brief.a_trend": ("四、全年走勢", "四、全年走势", "4. The year period by period"),
    "brief.a_dept_trend": ("黨群部門各月綜合得分", "党群部门各月综合得分", "Departments' monthly totals"),
    "brief.a_branch_trend": ("基層黨支部各季度綜合得分", "基层党支部各季度综合得分", "Branches' quarterly totals"),
    "brief.a_awards": ("五、評先選優", "五、评先选优", "5. Awards"),
    "brief.a_ineligible": ("六、不能評優的單位", "六、不能评优的单位", "6. Units not eligible for an award"),

    # §11 the information site and the rules in force
    "site.years": ("年度考核", "年度考核", "The years"),
    "site.year_ineligible": ("不能評優的單位", "不能评优的单位", "Units not eligible for an award"),
    "site.ledger": ("整改台賬", "整改台账", "Rectification ledger"),
    "site.ledger_findings": ("督查問題及整改狀態", "督查问题及整改状态", "Findings and their status"),
    "site.ledger_none": ("尚無督查問題", "尚无督查问题", "No findings stored"),
    "site.findings": ("督促整改", "督促整改", "Rectification"),
    "site.receipt_on": ("回執完成日期", "回执完成日期", "Reported done on"),
    "rules.not_recorded": ("未記錄", "未记录", "not recorded"),
    "rules.no_value": ("無", "无", "none"),
    "rules.appendix": ("附：本期適用的考核規則", "附：本期适用的考核规则", "Appendix: the rules in force"),
    "rules.rule": ("規則", "规则", "Rule"),
    "rules.setting": ("規定", "规定", "Setting"),
    "rules.items": ("重點工作項目", "重点工作项目", "Key work items"),
    "rules.dept_weights": ("部門綜合得分權重", "部门综合得分权重", "Department total weights"),
    "rules.branch_weights": ("支部綜合得分權重", "支部综合得分权重", "Branch total weights"),
    "rules.ranking_scope": ("支部排名範圍", "支部排名范围", "Branches ranked"),
    "rules.company_wide": ("全公司統一排名", "全公司统一排名", "Across the whole company"),
    "rules.by_block": ("按板塊分別排名", "按板块分别排名", "Within each block"),
    "rules.bands": ("檔次比例", "档次比例", "Band shares"),
    "rules.coefficients": ("薪酬係數", "薪酬系数", "Pay coefficients"),
    "rules.trim": ("去掉最高分和最低分", "去掉最高分和最低分", "Highest and lowest dropped"),
    "rules.democratic": ("民主測評計分", "民主测评计分", "Democratic evaluation points"),
    "rules.rewards": ("獎勵金額", "奖励金额", "Rewards"),
    "rules.low": ("排名靠後", "排名靠后", "Low-ranked"),
    "rules.caps": ("加減分上下限", "加减分上下限", "Bonus and deduction caps"),
    "rules.vetoes": ("一票否決類別", "一票否决类别", "One-vote veto categories"),
    "rules.letters": ("目標責任書", "目标责任书", "Responsibility letters"),
    "rules.rectification": ("督促整改", "督促整改", "Rectification"),
    "rules.staff": ("職工個人考評", "职工个人考评", "Individuals"),
    "rules.annual": ("年度評先選優", "年度评先选优", "Annual awards"),
    "rules.half_up": ("四捨五入", "四舍五入", "rounded half up"),
    "rules.floor": ("向下取整", "向下取整", "rounded down"),
    "rules.ceil": ("向上取整", "向上取整", "rounded up"),
    "site.title": ("黨建信息網", "党建信息网", "Party-building information site"),
    "site.home": ("首頁", "首页", "Home"),
    "site.units": ("各單位", "各单位", "Units"),
    "site.rules": ("考核規則", "考核规则", "Rules in force"),
    "site.board": ("報送情況", "报送情况", "Collection board"),
    "site.filter": ("按名稱或編號篩選", "按名称或编号筛选", "Filter by name or code"),
    "site.footer": ("由 pbbatch 依歷史記錄生成", "由 pbbatch 依历史记录生成", "Made by pbbatch from the stored history"),
    "site.consequences": ("獎懲", "奖惩", "Consequences"),
    "site.ranking": ("排名", "排名", "Ranking"),
    "site.nothing_stored": ("尚無考核結果", "尚无考核结果", "No results stored yet"),
    "site.kind": ("類別", "类别", "Kind"),
    "site.kind_departments": ("黨群部門月度考核", "党群部门月度考核", "Departments, monthly"),
    "site.kind_branches": ("基層黨支部季度考核", "基层党支部季度考核", "Branches, quarterly"),
    "site.periods": ("各期考核", "各期考核", "Every stored period"),
    "site.related": ("相關期間", "相关期间", "Related periods"),
    "site.history": ("歷次考核結果", "历次考核结果", "Results over time"),
    "site.chart": ("綜合得分與排名走勢", "综合得分与排名走势", "Total and rank over time"),
    "site.rules_not_recorded": ("未記錄考核規則", "未记录考核规则", "rules not recorded"),
    "site.rule_key": ("設定項", "设定项", "Setting"),
    "site.rule_value": ("取值", "取值", "Value"),
    "site.rule_before": ("此前取值", "此前取值", "Value before"),
    "site.rule_new": ("新增", "新增", "new"),
    "site.rule_dropped": ("不再使用", "不再使用", "no longer used"),
    "site.board_problems": ("問題或說明", "问题或说明", "Problems and notes"),
    "site.board_to_do": ("尚需處理", "尚需处理", "Still to fix or send"),
    "site.board_by_submitter": ("各報送單位", "各报送单位", "By submitter"),
    "site.board_other_files": ("無法歸屬報送單位的文件", "无法归属报送单位的文件", "Files not tied to a submitter"),

}

# English display text where the alias is not how a reader says it. Other identifier-like aliases display with
# spaces for underscores, capitalised unless they are values (VALUE_KEYS); file names keep the alias.
DISPLAY: dict[str, str] = {
    **dict.fromkeys(("unit_id", "out.unit_id", "adjustments.unit_id", "vetoes.unit_id"), "Unit code"),
    **dict.fromkeys(("unit_name", "out.unit_name"), "Unit"),
    **dict.fromkeys(("rater_id", "detail.rater_id"), "Rater code"),
    **dict.fromkeys(("submitter_id", "report.submitter_id"), "Submitter code"),
    **dict.fromkeys(("self_eval.item_id", "spot_checks.item_id", "item.code"), "Item code"),
    **dict.fromkeys(("self_eval.item_name", "item.name"), "Item"),
    **dict.fromkeys(("dept_eval.branch_id", "democratic.branch_id", "spot_checks.branch_id"), "Branch code"),
    **dict.fromkeys(("dept_eval.branch_name", "democratic.branch_name"), "Branch"),
    "ratings.ratee_id": "Ratee code",
    "ratings.ratee_name": "Ratee",
    "info.submitter_unit": "Submitter",
    "info.submitter_rater": "Rater",
    "filled_by": "Filled in by",
    "filled_on": "Filled in on",
    "sheet.form_info": "Form info",
    "sheet.target_detail": "Target details",
    "sheet.adjustment_detail": "Adjustment details",
    "sheet.veto_detail": "Veto details",
    "out.target": "Targets",
    "out.leader": "Leader rating",
    "out.service": "Service to branches",
    "out.mutual": "Mutual rating",
    "out.adjustment": "Bonus and deduction",
    "out.vetoed": "One-vote veto",
    "out.coefficient": "Pay coefficient",
    "out.reflection": "Review and reflection",
    "out.missing": "Data missing",
    "out.self": "Self-evaluation",
    "out.department": "Department evaluation",
    "out.democratic": "Democratic evaluation",
    "out.spot_check": "Spot checks",
    "out.low": "Low-ranked",
    "out.admonish": "Admonishment talk",
    "out.removal": "Removal from post",
    "item.self": "Self-evaluation score",
    "item.self_file": "Self-evaluation file",
    "item.department_file": "Department score file",
    "detail.file": "Source file",
    "brief.movement": "Change",
    "brief.share": "Average share of points",
    "form.targets": "targets form",
    "form.ratings": "rating form",
    "form.adjustments": "adjustments form",
    "form.vetoes": "veto form",
    "form.self_eval": "self-evaluation form",
    "form.dept_eval": "department evaluation form",
    "form.democratic": "democratic evaluation form",
    "form.spot_checks": "spot-check form",
    "form.staff_eval": "individual evaluation form",
    "staff_id": "Staff number",
    "staff_eval.staff_id": "Staff number",
    "staff.staff_id": "Staff number",
    "form.fix_report": "rectification receipt",
    "form.fix_check": "rectification check",
    **dict.fromkeys(("fix_report.finding_id", "fix_check.finding_id", "rect.finding_id"), "Finding no."),
    **dict.fromkeys(("fix_report.done_on", "rect.done_on"), "Done on"),
    **dict.fromkeys(("fix_check.checked_on", "rect.checked_on"), "Checked on"),
    "fix_report.deadline": "Fix by",
    "form.target_letter": "responsibility letter",
}
VALUE_KEYS = ("verdict.", "rect.status.", "kind.", "status.", "who.", "period_kind.", "rating.", "target_cat.", "adj_cat.", "veto_cat.", "level.",
              "file_status.", "missing.", "form.", "history.from_run", "yes")

# Messages: str.format templates with named fields.
MESSAGES: dict[str, tuple[str, str, str]] = {
    # skipped files
    "skip.lock_file": (
        "Office 暫存/鎖定文件，已略過。",
        "Office 暂存/锁定文件，已略过。",
        "Office temporary/lock file, skipped.",
    ),
    "skip.hidden": ("隱藏文件，已略過。", "隐藏文件，已略过。", "Hidden file, skipped."),
    "skip.not_workbook": (
        "不是 .xlsx/.xlsm 工作簿，已略過。",
        "不是 .xlsx/.xlsm 工作簿，已略过。",
        "Not an .xlsx/.xlsm workbook, skipped.",
    ),
    "skip.other_period": (
        "期間 {period} 不屬於本次處理（{run_period}），已略過。",
        "期间 {period} 不属于本次处理（{run_period}），已略过。",
        "Period {period} is not part of this run ({run_period}), skipped.",
    ),
    "skip.duplicate": (
        "與 {other} 內容完全相同，只計一次。",
        "与 {other} 内容完全相同，只计一次。",
        "Same content as {other}; counted once.",
    ),
    "missing.other_period": ("未收到本期的表（最近收到的是 {period} 的表）", "未收到本期的表（最近收到的是 {period} 的表）", "none of this period came (the latest that came is of {period})"),
    "corrected.by": (
        "已由 {other} 更正，無需再處理。",
        "已由 {other} 更正，无需再处理。",
        "Corrected by {other}; nothing left to do.",
    ),
    "select.version_tie": (
        "{file} 與 {other} 版本（{version}）和填報日期相同，內容卻不同；按修改時間以 {other} 為準。"
        "如應以另一個為準，請把它的版本改為更大的數字後重新報送。",
        "{file} 与 {other} 版本（{version}）和填报日期相同，内容却不同；按修改时间以 {other} 为准。"
        "如应以另一个为准，请把它的版本改为更大的数字后重新报送。",
        "{file} and {other} have the same version ({version}) and date but different content; by modification "
        "time {other} counts. If the other one should count, raise its version and submit it again.",
    ),
    "skip.folder": (
        "這是名稱像工作簿的資料夾，不是文件；其中的文件已逐一讀取。",
        "这是名称像工作簿的文件夹，不是文件；其中的文件已逐一读取。",
        "A folder named like a workbook, not a file; the files in it are read one by one.",
    ),
    "skip.special_file": (
        "不是普通文件（管道、設備或通訊端），未打開，已略過。",
        "不是普通文件（管道、设备或套接字），未打开，已略过。",
        "Not an ordinary file (a pipe, a device or a socket): not opened, skipped.",
    ),
    "skip.link_outside": (
        "這是指向收件夾以外的捷徑（符號連結），未跟隨，已略過。如要報送，請把文件本身複製到收件夾。",
        "这是指向收件夹以外的快捷方式（符号链接），未跟随，已略过。如要报送，请把文件本身复制到收件夹。",
        "A symbolic link to something outside the inbox: not followed, skipped. To submit the file, copy the file itself into the inbox.",
    ),
    "skip.broken_link": (
        "這是指向不存在目標的捷徑（符號連結），已略過。",
        "这是指向不存在目标的快捷方式（符号链接），已略过。",
        "A symbolic link whose target does not exist: skipped.",
    ),
    "skip.link_folder": (
        "這是指向資料夾的捷徑（符號連結），未跟隨，已略過；收件夾內的文件都在其所在位置讀取。",
        "这是指向文件夹的快捷方式（符号链接），未跟随，已略过；收件夹内的文件都在其所在位置读取。",
        "A symbolic link to a folder: not followed, skipped (files inside the inbox are read where they are).",
    ),
    "superseded.by": (
        "已被 {other} 取代（版本、填報日期或修改時間較新）。",
        "已被 {other} 取代（版本、填报日期或修改时间较新）。",
        "Superseded by {other} (higher version, later fill-in date or modification time).",
    ),
    # unreadable files
    "file.unreadable": (
        "無法讀取此文件（{detail}）。請用 Excel 或 WPS 打開後另存為 .xlsx 再重新報送。",
        "无法读取此文件（{detail}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再重新报送。",
        "This file cannot be read ({detail}). Open it in Excel or WPS, save it as .xlsx and submit it again.",
    ),
    "file.encrypted_or_legacy": (
        "此文件已加密（設有密碼）或是舊版 .xls 格式。請取消密碼並另存為 .xlsx 後重新報送。",
        "此文件已加密（设有密码）或是旧版 .xls 格式。请取消密码并另存为 .xlsx 后重新报送。",
        "This file is password-protected or in the old .xls format. Remove the password, save it as .xlsx and submit again.",
    ),
    "file.too_large": (
        "文件過大或解壓後過大（{detail}），為保護系統未讀取。請只保留本表內容、刪除圖片等附件後重新報送。",
        "文件过大或解压后过大（{detail}），为保护系统未读取。请只保留本表内容、删除图片等附件后重新报送。",
        "The file is too large, or unpacks too large ({detail}), and was not read. Keep only the form's content, remove pictures and attachments, and submit again.",
    ),
    "file.sheet_too_large": (
        "工作表「{name}」用到了 {far} 儲存格，超過上限（{max_rows} 行、{max_columns} 欄），為保護系統未讀取此文件。通常是表格以外很遠處誤填了內容：請刪除多餘的行和欄（或把內容複製到新的空白表單），再重新報送。",
        "工作表「{name}」用到了 {far} 单元格，超过上限（{max_rows} 行、{max_columns} 列），为保护系统未读取此文件。通常是表格以外很远处误填了内容：请删除多余的行和列（或把内容复制到新的空白表单），再重新报送。",
        "Sheet '{name}' uses cell {far}, beyond the limit ({max_rows} rows, {max_columns} columns), so the file was not read. Usually something was typed far outside the table: delete the extra rows and columns (or copy the content into a new blank form) and submit again.",
    ),
    "file.too_many_cells": (
        "各工作表合計用到 {cells} 個儲存格，超過上限 {max_cells}，為保護系統未讀取此文件。請只保留本表的「填報信息」和「數據」工作表，刪除其他工作表後重新報送。",
        "各工作表合计用到 {cells} 个单元格，超过上限 {max_cells}，为保护系统未读取此文件。请只保留本表的「填报信息」和「数据」工作表，删除其他工作表后重新报送。",
        "The sheets span {cells} cells in all, beyond the limit of {max_cells}, so the file was not read. Keep only the form's sheets form_info and data, delete the others, and submit again.",
    ),
    "file.no_permission": (
        "沒有讀取此文件的權限（{detail}），未讀取。請聯繫管理員開放讀取權限（或重新複製此文件）後再處理一次。",
        "没有读取此文件的权限（{detail}），未读取。请联系管理员开放读取权限（或重新复制此文件）后再处理一次。",
        "No permission to read this file ({detail}); it was not read. Ask the administrator for read permission (or copy the file again), then run again.",
    ),
    "file.os_error": (
        "系統無法讀取此文件（{detail}）。請確認它仍在收件夾中、是普通文件，然後再處理一次。",
        "系统无法读取此文件（{detail}）。请确认它仍在收件夹中、是普通文件，然后再处理一次。",
        "The system could not read this file ({detail}). Check that it is still in the inbox and is an ordinary file, then run again.",
    ),
    "folder.unreadable": (
        "無法打開此資料夾（{detail}），其中的文件都未讀取。請聯繫管理員開放讀取權限，或把文件移到收件夾中可讀的位置。",
        "无法打开此文件夹（{detail}），其中的文件都未读取。请联系管理员开放读取权限，或把文件移到收件夹中可读的位置。",
        "This folder cannot be opened ({detail}); none of its files were read. Ask the administrator for read permission, or move the files to a readable place in the inbox.",
    ),
    "file.truncated": (
        "文件不完整（可能仍在複製中或已損壞）。請重新複製完整文件。",
        "文件不完整（可能仍在复制中或已损坏）。请重新复制完整文件。",
        "The file is incomplete (still being copied, or damaged). Copy the whole file again.",
    ),
    # form info
    "info.no_sheet": (
        "缺少「填報信息」工作表。請使用本期空白表單填報。",
        "缺少「填报信息」工作表。请使用本期空白表单填报。",
        "The sheet 'Form info' (填報信息) is missing. Please use this period's blank form.",
    ),
    "info.no_label": (
        "「填報信息」缺少「{label}」一行：請在 A 欄填寫「{label}」，在 B 欄填寫其內容。",
        "「填报信息」缺少「{label}」一行：请在 A 栏填写「{label}」，在 B 栏填写其内容。",
        "Form info has no '{label}' row: put '{label}' in column A and its value in column B.",
    ),
    "info.blank": (
        "「{label}」未填寫。",
        "「{label}」未填写。",
        "'{label}' is blank.",
    ),
    "info.unknown_form": (
        "表單類型「{value}」無法識別，應為：{allowed}。",
        "表单类型「{value}」无法识别，应为：{allowed}。",
        "Unknown form '{value}'; expected one of: {allowed}.",
    ),
    "info.unknown_rating_type": (
        "評價類型「{value}」無法識別，應為：{allowed}。",
        "评价类型「{value}」无法识别，应为：{allowed}。",
        "Unknown rating type '{value}'; expected one of: {allowed}.",
    ),
    "info.bad_period": (
        "期間「{value}」無法識別，請寫成 2026-03（月）或 2026-Q1（季度）。",
        "期间「{value}」无法识别，请写成 2026-03（月）或 2026-Q1（季度）。",
        "Period '{value}' is not understood; write 2026-03 for a month or 2026-Q1 for a quarter.",
    ),
    "info.wrong_period_kind": (
        "{form}的期間應為{expected}，此處填了「{value}」。",
        "{form}的期间应为{expected}，此处填了「{value}」。",
        "The period of {form} must be a {expected}; found '{value}'.",
    ),
    "info.unknown_submitter": (
        "填報單位編號「{value}」不在名冊中。請核對編號。",
        "填报单位编号「{value}」不在名册中。请核对编号。",
        "Submitter code '{value}' is not in the registry. Check the code.",
    ),
    "info.inactive_submitter": (
        "填報單位「{value}」在名冊中已撤銷。",
        "填报单位「{value}」在名册中已撤销。",
        "Submitter '{value}' is marked inactive in the registry.",
    ),
    "info.wrong_submitter_kind": (
        "「{value}」不能報送{form}（應由{expected}報送）。",
        "「{value}」不能报送{form}（应由{expected}报送）。",
        "'{value}' cannot submit {form}; it must come from a {expected}.",
    ),
    "info.bad_version": (
        "版本「{value}」應為正整數。",
        "版本「{value}」应为正整数。",
        "Version '{value}' must be a whole number of 1 or more.",
    ),
    "info.bad_date": (
        "日期「{value}」無法識別，請寫成 2026-03-15。",
        "日期「{value}」无法识别，请写成 2026-03-15。",
        "Date '{value}' is not understood; write it as 2026-03-15.",
    ),
    # data sheet
    "data.no_sheet": (
        "缺少「數據」工作表。請使用本期空白表單填報。",
        "缺少「数据」工作表。请使用本期空白表单填报。",
        "The sheet 'Data' (數據) is missing. Please use this period's blank form.",
    ),
    "data.no_header": (
        "前 10 行中找不到表頭行；缺少表頭：{missing}。請勿修改表頭。",
        "前 10 行中找不到表头行；缺少表头：{missing}。请勿修改表头。",
        "No header row in the first 10 rows; missing headers: {missing}. Do not change the headers.",
    ),
    "data.blank_required": (
        "「{column}」必須填寫。",
        "「{column}」必须填写。",
        "'{column}' must be filled in.",
    ),
    "data.not_number": (
        "「{column}」應為數字，此處是「{value}」。",
        "「{column}」应为数字，此处是「{value}」。",
        "'{column}' must be a number; found '{value}'.",
    ),
    "data.not_date": (
        "「{column}」應為日期（如 2026-03-15），此處是「{value}」。",
        "「{column}」应为日期（如 2026-03-15），此处是「{value}」。",
        "'{column}' must be a date such as 2026-03-15; found '{value}'.",
    ),
    "data.out_of_range": (
        "「{column}」為 {value}，應在 {low} 至 {high} 之間。",
        "「{column}」为 {value}，应在 {low} 至 {high} 之间。",
        "'{column}' is {value}; it must be between {low} and {high}.",
    ),
    "data.not_positive": (
        "「{column}」為 {value}，應大於 0。",
        "「{column}」为 {value}，应大于 0。",
        "'{column}' is {value}; it must be greater than 0.",
    ),
    "data.unknown_unit": (
        "單位編號「{value}」不在名冊中。請核對編號。",
        "单位编号「{value}」不在名册中。请核对编号。",
        "Unit code '{value}' is not in the registry. Check the code.",
    ),
    "data.inactive_unit": (
        "單位「{value}」在名冊中已撤銷，此行不計。",
        "单位「{value}」在名册中已撤销，此行不计。",
        "Unit '{value}' is marked inactive in the registry; this row is ignored.",
    ),
    "data.wrong_unit_kind": (
        "「{value}」不是{expected}。",
        "「{value}」不是{expected}。",
        "'{value}' is not a {expected}.",
    ),
    "data.unknown_category": (
        "「{column}」的值「{value}」無法識別，應為：{allowed}。",
        "「{column}」的值「{value}」无法识别，应为：{allowed}。",
        "Unknown value '{value}' in '{column}'; expected one of: {allowed}.",
    ),
    "data.duplicate": (
        "「{value}」在本表中重複出現（第一次在 {first}）。每個單位只能填一行。",
        "「{value}」在本表中重复出现（第一次在 {first}）。每个单位只能填一行。",
        "'{value}' appears twice in this form (first at {first}). One row per unit.",
    ),
    "data.date_outside_period": (
        "日期 {value} 不在表單期間 {period} 內。",
        "日期 {value} 不在表单期间 {period} 内。",
        "Date {value} is outside the form's period {period}.",
    ),
    "data.code_from_number": (
        "編號被存成數字 {value}，已按名冊讀作「{code}」。請將該欄設為文字格式。",
        "编号被存成数字 {value}，已按名册读作「{code}」。请将该栏设为文本格式。",
        "The code was stored as the number {value} and was read as '{code}' from the registry. Format the column as text.",
    ),
    "data.error_value": (
        "「{column}」是錯誤值 {value}，公式出錯。請改正公式，或直接填寫數值。",
        "「{column}」是错误值 {value}，公式出错。请改正公式，或直接填写数值。",
        "'{column}' holds the error value {value}: the formula failed. Correct it, or type the value in.",
    ),
    "data.formula_no_value": (
        "「{column}」是公式（{value}），但文件中沒有保存計算結果。請用 Excel 或 WPS 打開並保存，或直接填寫數值。",
        "「{column}」是公式（{value}），但文件中没有保存计算结果。请用 Excel 或 WPS 打开并保存，或直接填写数值。",
        "'{column}' is a formula ({value}) saved without its result. Open and save the file in Excel or WPS, or type the value in.",
    ),
    "data.too_many_rows": (
        "資料超過 {limit} 行（上限），為保護系統未逐行檢查。一份表單不應有這麼多行：請檢查是否誤貼或重複了內容；確有需要，請分成幾份文件報送。",
        "数据超过 {limit} 行（上限），为保护系统未逐行检查。一份表单不应有这么多行：请检查是否误贴或重复了内容；确有需要，请分成几份文件报送。",
        "More than {limit} data rows (the limit), so the rows were not checked. No form should be this long: check for pasted or repeated content, or split it into several files.",
    ),
    "data.more_problems": (
        "……另有 {count} 個問題未列出（每個文件最多列出 {limit} 個）。請先改正以上問題，再重新報送。",
        "……另有 {count} 个问题未列出（每个文件最多列出 {limit} 个）。请先改正以上问题，再重新报送。",
        "… and {count} more problems not listed (at most {limit} per file). Fix the ones above and submit again.",
    ),
    "data.too_large": (
        "「{column}」為 {value}，超出可接受的範圍（-{bound} 至 {bound}）。請檢查是否誤填。",
        "「{column}」为 {value}，超出可接受的范围（-{bound} 至 {bound}）。请检查是否误填。",
        "'{column}' is {value}, beyond what is accepted (-{bound} to {bound}). Check for a typing mistake.",
    ),
    "data.no_rows": (
        "「數據」工作表沒有任何數據行。",
        "「数据」工作表没有任何数据行。",
        "The data sheet has no data rows.",
    ),
    "data.bad_count": (
        "「{column}」應為不小於 0 的整數，此處是「{value}」。",
        "「{column}」应为不小于 0 的整数，此处是「{value}」。",
        "'{column}' must be a whole number of 0 or more; found '{value}'.",
    ),
    "data.ballots_over_present": (
        "優秀、良好、一般、較差、棄權合計 {ballots}，超過實參評人數 {present}。",
        "优秀、良好、一般、较差、弃权合计 {ballots}，超过实参评人数 {present}。",
        "Excellent + good + fair + poor + abstain is {ballots}, more than the {present} present.",
    ),
    "data.present_over_eligible": (
        "實參評人數 {present} 超過應參評人數 {eligible}。",
        "实参评人数 {present} 超过应参评人数 {eligible}。",
        "{present} present is more than the {eligible} eligible.",
    ),
    "data.unknown_item": (
        "項目編號「{value}」不是黨委重點工作項目，應為：{allowed}。",
        "项目编号「{value}」不是党委重点工作项目，应为：{allowed}。",
        "Item code '{value}' is not one of the key work items: {allowed}.",
    ),
    "data.not_owner": (
        "項目 {item} 由 {owner} 考評，本部門不能為其打分。請刪除此欄的分數。",
        "项目 {item} 由 {owner} 考评，本部门不能为其打分。请删除此栏的分数。",
        "Item {item} is scored by {owner}, not by this department. Remove the scores in this column.",
    ),
    "data.missing_item_columns": (
        "缺少本部門負責項目的欄：{items}。每個項目一欄，表頭寫項目編號（如 K02 或 K02 組織建設）。",
        "缺少本部门负责项目的栏：{items}。每个项目一栏，表头写项目编号（如 K02 或 K02 组织建设）。",
        "Columns for this department's items are missing: {items}. One column per item, headed by its code (K02 or K02 組織建設).",
    ),
    # warnings
    "warn.low_turnout": (
        "參評率 {turnout} 不高於 {minimum}。",
        "参评率 {turnout} 不高于 {minimum}。",
        "Turnout {turnout} is at or below {minimum}.",
    ),
    "warn.items_left_out": (
        "以下項目未評分，按 0 分計：{items}。",
        "以下项目未评分，按 0 分计：{items}。",
        "These items were not scored and count 0: {items}.",
    ),
    "warn.self_rating": (
        "部門互評中給本部門打分，此行不計。",
        "部门互评中给本部门打分，此行不计。",
        "A department rating itself in mutual rating; this row is ignored.",
    ),
    "warn.ratees_left_out": (
        "未對以下單位評分：{units}。",
        "未对以下单位评分：{units}。",
        "These units were not rated: {units}.",
    ),
    "warn.points_not_100": (
        "目標分值合計為 {total}，不是 100。",
        "目标分值合计为 {total}，不是 100。",
        "Target points add up to {total}, not 100.",
    ),
    # configuration
    "config.not_found": (
        "找不到設定檔 {name}（查找的資料夾：{folder}）。請用 --config 指定設定檔，或用 pbbatch init 工作目錄 建立一個。",
        "找不到配置文件 {name}（查找的文件夹：{folder}）。请用 --config 指定配置文件，或用 pbbatch init 工作目录 创建一个。",
        "Config file {name} not found (looked in the folder {folder}). Name one with --config PATH, or make a working folder with pbbatch init DIR.",
    ),
    "config.syntax": (
        "設定檔 {name}（資料夾 {folder}）格式錯誤：{detail}。請改正後重新執行，或用 --config 指定另一個設定檔。",
        "配置文件 {name}（文件夹 {folder}）格式错误：{detail}。请改正后重新运行，或用 --config 指定另一个配置文件。",
        "Config file {name} (in the folder {folder}) is not valid TOML: {detail}. Correct it and run again, or name another with --config PATH.",
    ),
    "config.unreadable": (
        "無法讀取設定檔 {name}（資料夾 {folder}）：{detail}。請檢查檔案權限，或用 --config 指定另一個設定檔。",
        "无法读取配置文件 {name}（文件夹 {folder}）：{detail}。请检查文件权限，或用 --config 指定另一个配置文件。",
        "Config file {name} (in the folder {folder}) cannot be read: {detail}. Check its permissions, or name another with --config PATH.",
    ),
    "config.unknown_key": ("{key}：未知的設定項。", "{key}：未知的配置项。", "{key}: unknown key."),
    "config.not_number": ("{key}：應為數字。", "{key}：应为数字。", "{key}: must be a number."),
    "config.not_finite": ("{key}：應為有限的數字，不能是 {value}。", "{key}：应为有限的数字，不能是 {value}。", "{key}: must be a finite number, not {value}."),
    "config.not_text": ("{key}：應為文字。", "{key}：应为文本。", "{key}: must be text."),
    "config.not_bool": ("{key}：應為 true 或 false。", "{key}：应为 true 或 false。", "{key}: must be true or false."),
    "config.not_table": ("{key}：應為設定表。", "{key}：应为配置表。", "{key}: must be a table."),
    "config.not_list": ("{key}：應為含 {count} 個值的列表。", "{key}：应为含 {count} 个值的列表。", "{key}: must be a list of {count} values."),
    "config.not_text_list": ("{key}：應為不重複的非空文字列表。", "{key}：应为不重复的非空文本列表。", "{key}: must be a list of distinct, non-empty texts."),
    "config.choice": ("{key}：應為 {choices} 之一。", "{key}：应为 {choices} 之一。", "{key}: must be one of {choices}."),
    "config.quota": (
        "{key}：小於 1 時是比例（如 0.2），1 及以上須是整數（名額）。",
        "{key}：小于 1 时是比例（如 0.2），1 及以上须是整数（名额）。",
        "{key}: below 1 it is a share (such as 0.2); 1 and above it must be a whole number (a count).",
    ),
    "config.range": ("{key}：應在 {low} 至 {high} 之間。", "{key}：应在 {low} 至 {high} 之间。", "{key}: must be between {low} and {high}."),
    "config.sum_to_one": ("{key}：合計應為 1，現為 {total}。", "{key}：合计应为 1，现为 {total}。", "{key}: must add up to 1; they add up to {total}."),
    "config.cap_order": ("{key}：下限不能大於上限。", "{key}：下限不能大于上限。", "{key}: the minimum cannot exceed the maximum."),
    "config.items_sum": ("branches.items：分值合計應為 100，現為 {total}。", "branches.items：分值合计应为 100，现为 {total}。", "branches.items: points must add up to 100; they add up to {total}."),
    "config.items_duplicate": ("branches.items：項目編號 {code} 重複。", "branches.items：项目编号 {code} 重复。", "branches.items: item code {code} is used twice."),
    "config.missing_key": ("{key}：必須填寫。", "{key}：必须填写。", "{key}: required."),
    "config.item_owner": (
        "{key}：項目 {item} 的負責部門 {owner} 不是名冊中的在冊黨群部門，無人能為此項目考評。請修改 config.toml 或名冊後重新執行。",
        "{key}：项目 {item} 的负责部门 {owner} 不是名册中的在册党群部门，无人能为此项目考评。请修改 config.toml 或名册后重新运行。",
        "{key}: item {item}'s owner {owner} is not an active department in the registry, so nobody can score it. Fix config.toml or the registry and run again.",
    ),
    # runs
    "run.no_inbox": ("找不到收件夾 {path}（設定 paths.inbox）。", "找不到收件夹 {path}（配置 paths.inbox）。", "Inbox folder {path} not found (setting paths.inbox)."),
    "run.locked": ("另一個 pbbatch 正在處理此工作目錄（鎖定文件 {path}）。請待其完成後再執行。", "另一个 pbbatch 正在处理此工作目录（锁定文件 {path}）。请待其完成后再运行。", "Another pbbatch run holds this workspace (lock file {path}). Wait for it to finish, then run again."),
    "run.nothing_accepted": (
        "{period} 沒有任何已接收的文件（收件夾 {inbox}），未寫出任何結果，也未存入歷史。收件夾中的文件屬於：{seen}。"
        "請檢查 --period 是否寫錯或漏寫（不寫時處理上個月），或待文件送達後再執行。",
        "{period} 没有任何已接收的文件（收件夹 {inbox}），未写出任何结果，也未存入历史。收件夹中的文件属于：{seen}。"
        "请检查 --period 是否写错或漏写（不写时处理上个月），或待文件送达后再运行。",
        "No file of {period} was accepted (inbox {inbox}): nothing was written and nothing stored. The inbox holds "
        "files of: {seen}. Check --period (without it the previous month is run), or run again once the forms "
        "are in.",
    ),
    "run.disk_full": (
        "寫入 {path} 時磁碟已滿。請騰出空間後重新執行。未寫出任何結果，先前的結果和歷史記錄未改變。",
        "写入 {path} 时磁盘已满。请腾出空间后重新运行。未写出任何结果，先前的结果和历史记录未改变。",
        "The disk was full while writing {path}. Free some space and run again. Nothing was written; the previous outputs and the history are unchanged.",
    ),
    "run.read_only": (
        "無法寫入 {path}：它所在的資料夾是唯讀的，或沒有寫入權限。請取得寫入權限（或在 config.toml 的 paths.output 改用可寫的資料夾）後重新執行。未寫出任何結果，先前的結果和歷史記錄未改變。",
        "无法写入 {path}：它所在的文件夹是只读的，或没有写入权限。请取得写入权限（或在 config.toml 的 paths.output 改用可写的文件夹）后重新运行。未写出任何结果，先前的结果和历史记录未改变。",
        "Cannot write {path}: its folder is read-only or not writable by you. Get write access (or point paths.output in config.toml at a writable folder) and run again. Nothing was written; the previous outputs and the history are unchanged.",
    ),
    "run.stopped": (
        "收到 {signal}，執行已中止。{path} 完整無缺：仍是上次的結果，或本次已放妥的結果；歷史記錄與之一致。請重新執行以完成本月。",
        "收到 {signal}，运行已中止。{path} 完整无缺：仍是上次的结果，或本次已放妥的结果；历史记录与之一致。请重新运行以完成本月。",
        "Stopped by {signal}. {path} is whole: the previous results, or this run's if it had already put them in place, and the history matches it. Run again to finish the month.",
    ),
    "cli.stopped": ("收到 {signal}，命令已中止，可能未完成。請重新執行。", "收到 {signal}，命令已中止，可能未完成。请重新运行。", "Stopped by {signal}; the command may not have finished. Run it again."),
    "run.write_failed": (
        "寫出結果時出錯（{error}）。未寫出任何結果，先前的結果和歷史記錄未改變。請把此訊息告知系統維護人員。",
        "写出结果时出错（{error}）。未写出任何结果，先前的结果和历史记录未改变。请把此信息告知系统维护人员。",
        "Writing the results failed ({error}). Nothing was written; the previous outputs and the history are "
        "unchanged. Please pass this message to whoever maintains pbbatch.",
    ),
    "cli.draft": (
        "注意：資料未齊，以上結果為試算稿（已標「試算稿」），不得作為正式結果。補齊報送後請重新執行。",
        "注意：资料未齐，以上结果为试算稿（已标“试算稿”），不得作为正式结果。补齐报送后请重新运行。",
        "Note: data is incomplete, so these results are a draft (marked as such), not final. Run again once "
        "the missing submissions are in.",
    ),
    "run.bad_period": ("期間「{value}」無法識別，請寫成 2026-03。", "期间「{value}」无法识别，请写成 2026-03。", "Period '{value}' is not understood; write it as 2026-03."),
    "cli.summary": (
        "{period}：共 {files} 個文件，接收 {accepted}，退回 {rejected}，略過 {skipped}，被取代 {superseded}，其他期間 {other_period}；未報送 {missing} 項。",
        "{period}：共 {files} 个文件，接收 {accepted}，退回 {rejected}，略过 {skipped}，被取代 {superseded}，其他期间 {other_period}；未报送 {missing} 项。",
        "{period}: {files} files, {accepted} accepted, {rejected} rejected, {skipped} skipped, {superseded} superseded, {other_period} of other periods; {missing} submissions missing.",
    ),
    "output.text_cut": (
        "警告：{file}「{sheet}」{cell} 的文字超過 Excel 儲存格上限 {limit} 字，已截斷並以「{mark}」標示；完整內容請看原始文件。",
        "警告：{file}「{sheet}」{cell} 的文字超过 Excel 单元格上限 {limit} 字，已截断并以「{mark}」标示；完整内容请看原始文件。",
        "Warning: {file} '{sheet}' {cell}: the text is longer than an Excel cell holds ({limit} characters); it was cut and ends with '{mark}'. The full text is in the original file.",
    ),
    "cli.problems": ("問題：", "问题：", "Problems:"),
    "cli.reading": ("讀取文件", "读取文件", "Reading files"),
    "cli.missing": ("未報送：", "未报送：", "Missing submissions:"),
    "cli.written": ("已寫出：", "已写出：", "Written:"),
    "cli.forms_written": ("已寫出 {count} 份空白表單到 {path}", "已写出 {count} 份空白表单到 {path}", "Wrote {count} blank forms to {path}"),
    # the comments of the config.toml that pbbatch init writes
    "init.header": (
        "pbbatch 設定檔。每一項都可以省略，省略時取這裡寫出的值。",
        "pbbatch 配置文件。每一项都可以省略，省略时取这里写出的值。",
        "pbbatch configuration. Every key may be left out: it then takes the value shown here.",
    ),
    "init.paths": (
        "路徑相對於本文件所在的資料夾。Windows 路徑請用單引號（'\\\\伺服器\\共享'），或在雙引號中把每個反斜線寫兩次。",
        "路径相对于本文件所在的文件夹。Windows 路径请用单引号（'\\\\服务器\\共享'），或在双引号中把每个反斜杠写两次。",
        "Paths are relative to the folder of this file. Write a Windows path in single quotes ('\\\\server\\share'), or double every backslash inside double quotes.",
    ),
    "init.locale": ("zh-Hant | zh-Hans | en：輸出語言", "zh-Hant | zh-Hans | en：输出语言", "zh-Hant | zh-Hans | en: output language"),
    "init.inbox": ("各單位放入表單的共享資料夾", "各单位放入表单的共享文件夹", "the shared folder that staff drop forms into"),
    "init.weights": ("合計必須為 1", "合计必须为 1", "must add up to 1"),
    "init.items": (
        "黨委重點工作項目：分值合計 100，owner 為負責考評的黨群部門",
        "党委重点工作项目：分值合计 100，owner 为负责考评的党群部门",
        "the key work items: points adding up to 100, owner the department that scores the item",
    ),
    "init.rounding": ("half_up（四捨五入）| floor | ceil", "half_up（四舍五入）| floor | ceil", "half_up | floor | ceil"),
    "init.trim": (
        "評分人多於此數時，去掉一個最高分和一個最低分",
        "评分人多于此数时，去掉一个最高分和一个最低分",
        "drop one highest and one lowest score when there are more raters than this",
    ),
    "init.caps": (
        "每個單位、每個期間、每個類別的加減分上下限：[下限, 上限]",
        "每个单位、每个期间、每个类别的加减分上下限：[下限, 上限]",
        "per unit, per period, per category: [min, max]",
    ),
    "init.targets": ("目標責任書（第 7 節）：true 時沒有本年度責任書的部門是錯誤", "目标责任书（第 7 节）：true 时没有本年度责任书的部门是错误",
                     "responsibility letters (section 7): true makes a department without a letter for the year an error"),
    "init.rectification": ("督促整改（第 8 節）：期限天數、逾期扣分、是否須驗收銷號", "督促整改（第 8 节）：期限天数、逾期扣分、是否须验收销号",
                           "rectification (section 8): days to fix, overdue deduction, whether a check closes a finding"),
    "init.staff": ("個人考評（第 9 節，名冊有「人員」工作表時才用）", "个人考评（第 9 节，名册有「人员」工作表时才用）",
                   "individuals (section 9, used only when the registry has a staff sheet)"),
    "init.annual": ("年度評先選優（第 10 節）：小於 1 是比例，整數是名額", "年度评先选优（第 10 节）：小于 1 是比例，整数是名额",
                    "the year's awards (section 10): below 1 a share, a whole number a count"),
    "init.limits": (
        "讀取文件前先檢查：文件大小、解壓後大小（MB）和壓縮比",
        "读取文件前先检查：文件大小、解压后大小（MB）和压缩比",
        "checked before a file is read: size, unpacked size (MB), packing ratio",
    ),
    "init.limits_rows": ("一份表單最多的資料行數", "一份表单最多的数据行数", "data rows of one form"),
    "init.limits_columns": ("一個工作表最多用到的欄數", "一个工作表最多用到的列数", "columns a sheet may span"),
    "init.limits_cells": ("一個文件所有工作表合計最多的儲存格數", "一个文件所有工作表合计最多的单元格数",
                          "cells all the sheets of a workbook span together"),
    "init.limits_problems": ("每個文件最多列出的問題數", "每个文件最多列出的问题数", "problems listed per file"),
    "cli.init_done": ("已建立工作目錄 {path}", "已建立工作目录 {path}", "Created the working folder {path}"),
    "cli.init_exists": ("{path} 已存在，未覆寫。", "{path} 已存在，未覆盖。", "{path} already exists; not overwritten."),
    "consequence.basis_row": ("{quarter} 第 {rank} 名（{head}）", "{quarter} 第 {rank} 名（{head}）", "{quarter} rank {rank} ({head})"),
    "payout.defaulted": ("{months} 無考核結果，按 1.0 計。", "{months} 无考核结果，按 1.0 计。", "No result for {months}; counted as 1.0."),
    # briefs
    "brief.dept_title": (
        "{organization}黨群部門{period}目標績效考核講評會材料",
        "{organization}党群部门{period}目标绩效考核讲评会材料",
        "{organization}: party-mass departments' performance review, {period}",
    ),
    "brief.branch_title": (
        "{organization}基層黨支部{period}黨群工作講評會材料",
        "{organization}基层党支部{period}党群工作讲评会材料",
        "{organization}: grassroots party branches' review, {period}",
    ),
    "draft.banner": (
        "【試算稿】資料未齊，排名、檔次與係數可能變動，不得作為正式結果使用。缺少的報送見處理報告的「未報送」表。",
        "【试算稿】资料未齐，排名、档次与系数可能变动，不得作为正式结果使用。缺少的报送见处理报告的“未报送”表。",
        "[DRAFT] Data incomplete: ranks, bands and coefficients may change; not for use as final results. The "
        "processing report's 'missing' sheet lists what is outstanding.",
    ),
    "brief.draft_title": ("{mark}{title}", "{mark}{title}", "{mark} {title}"),
    "brief.draft_box": (
        "本材料為試算稿：本期報送尚未收齊或部分單位資料缺失，以下得分可能變動，標「待定」的獎懲暫不兌現。",
        "本材料为试算稿：本期报送尚未收齐或部分单位资料缺失，以下得分可能变动，标“待定”的奖惩暂不兑现。",
        "This is a draft: submissions of the period are outstanding or some units lack data, so the figures below "
        "may change, and rewards and consequences marked 'provisional' are not yet in force.",
    ),
    "brief.draft_affects": ("受影響的得分：{items}。", "受影响的得分：{items}。", "Figures affected: {items}."),
    "brief.draft_affects_item": ("{component}（{units}）", "{component}（{units}）", "{component} ({units})"),
    "brief.draft_elsewhere": (
        "本材料涉及的報送已收齊；未齊的是本期其他報送，見另一份講評會材料及處理報告。",
        "本材料涉及的报送已收齐；未齐的是本期其他报送，见另一份讲评会材料及处理报告。",
        "The submissions this brief rests on are all in; what is outstanding belongs to the period's other brief "
        "(see it and the processing report).",
    ),
    "brief.outstanding_line": ("{who}　{form}{rating}：{status}", "{who}　{form}{rating}：{status}", "{who}: {form}{rating}, {status}"),
    "brief.provisional_mark": ("{text}（待定）", "{text}（待定）", "{text} (provisional)"),
    "brief.issued": ("{committee}　印發", "{committee}　印发", "Issued by {committee}"),
    "brief.dept_overview": (
        "本月參加考核的黨群部門 {units} 個。收到文件 {files} 份，接收 {accepted} 份，退回 {rejected} 份；未報送 {missing} 項。綜合得分按目標績效 {target}、領導評價 {leader}、服務基層評價 {service}、部門互評 {mutual} 加權，另計加減分；各板塊按 {split} 分檔，薪酬係數分別為 {coefficients}。",
        "本月参加考核的党群部门 {units} 个。收到文件 {files} 份，接收 {accepted} 份，退回 {rejected} 份；未报送 {missing} 项。综合得分按目标绩效 {target}、领导评价 {leader}、服务基层评价 {service}、部门互评 {mutual} 加权，另计加减分；各板块按 {split} 分档，薪酬系数分别为 {coefficients}。",
        "{units} departments were assessed this month. {files} files came in: {accepted} accepted, {rejected} rejected; {missing} submissions are missing. The total weighs targets {target}, leaders {leader}, service to branches {service} and mutual rating {mutual}, plus bonus and deduction points; each block is split {split} into pay coefficients of {coefficients}.",
    ),
    "brief.branch_overview": (
        "本季度參加考核的基層黨支部 {units} 個。收到文件 {files} 份，接收 {accepted} 份，退回 {rejected} 份；未報送 {missing} 項。綜合得分按自評 {self}、部門考評 {department}、民主測評 {democratic}、專項督查 {spot_check} 加權，另計加減分。",
        "本季度参加考核的基层党支部 {units} 个。收到文件 {files} 份，接收 {accepted} 份，退回 {rejected} 份；未报送 {missing} 项。综合得分按自评 {self}、部门考评 {department}、民主测评 {democratic}、专项督查 {spot_check} 加权，另计加减分。",
        "{units} party branches were assessed this quarter. {files} files came in: {accepted} accepted, {rejected} rejected; {missing} submissions are missing. The total weighs self-evaluation {self}, department evaluation {department}, democratic evaluation {democratic} and spot checks {spot_check}, plus bonus and deduction points.",
    ),
    "brief.commend_line": ("{block}：{names}。", "{block}：{names}。", "{block}: {names}."),
    "brief.reflection_line": (
        "{name}（{block}第 {rank} 名，綜合得分 {total}），在公司月度績效講評會上作檢查反思。",
        "{name}（{block}第 {rank} 名，综合得分 {total}），在公司月度绩效讲评会上作检查反思。",
        "{name} ({block}, rank {rank}, total {total}) reports at the company's monthly performance review meeting.",
    ),
    "brief.reward_line": ("第 {rank} 名　{name}（書記 {head}）　獎勵 {amount} 元", "第 {rank} 名　{name}（书记 {head}）　奖励 {amount} 元", "Rank {rank}: {name} (secretary {head}), reward {amount}"),
    "brief.admonish_line": ("{name} 支部書記 {head}：連續兩季度排名靠後，進行誡勉談話。", "{name} 支部书记 {head}：连续两季度排名靠后，进行诫勉谈话。", "{name}, secretary {head}: low-ranked two quarters running; admonishment talk."),
    "brief.removal_line": ("{name} 支部書記 {head}：連續三次排名墊底，實行崗位淘汰。", "{name} 支部书记 {head}：连续三次排名垫底，实行岗位淘汰。", "{name}, secretary {head}: last three times running; removed from the post."),
    "brief.fix_by": ("整改期限：{date}", "整改期限：{date}", "Fix by {date}"),
    "brief.missing_line": ("{form}{rating}　{who}：{reason}", "{form}{rating}　{who}：{reason}", "{form}{rating}, {who}: {reason}"),
    "brief.defaulted": ("（{months} 按 1.0 計）", "（{months} 按 1.0 计）", "({months} counted as 1.0)"),
    # brief punctuation that differs by locale (the Word briefs)
    "brief.vetoed_name": ("{name}（{vetoed}）", "{name}（{vetoed}）", "{name} ({vetoed})"),
    "brief.list_sep": ("、", "、", ", "),
    "brief.rating_suffix": ("／{rating}", "／{rating}", "/{rating}"),
    "brief.rejected_line": ("{status}：{file}{submitter}", "{status}：{file}{submitter}", "{status}: {file}{submitter}"),
    "brief.rejected_by": ("（{id} {name}）", "（{id} {name}）", " ({id} {name})"),
    "brief.not_stored": (
        "沒有 {period} 的講評會材料記錄：請先執行 pbbatch run --period {period}。",
        "没有 {period} 的讲评会材料记录：请先运行 pbbatch run --period {period}。",
        "No brief is stored for {period}: run pbbatch run --period {period} first.",
    ),
    # history
    "history.no_table": ("找不到含有 {headers} 表頭的工作表。", "找不到含有 {headers} 表头的工作表。", "No sheet has the headers {headers}."),
    "history.bad_flag": ("「{column}」應為「是」或空白，此處是「{value}」。", "「{column}」应为「是」或空白，此处是「{value}」。", "'{column}' must be 'yes' or blank; found '{value}'."),
    "history.bad_band": ("「{column}」應為 A、B 或 C（一票否決的單位為 C），此處是「{value}」。", "「{column}」应为 A、B 或 C（一票否决的单位为 C），此处是「{value}」。", "'{column}' must be A, B or C (C for a vetoed unit); found '{value}'."),
    "history.bad_rank": ("「{column}」應為正整數，此處是「{value}」。", "「{column}」应为正整数，此处是「{value}」。", "'{column}' must be a whole number of 1 or more; found '{value}'."),
    "history.wrong_kind": ("「{value}」不是{expected}：月份記錄屬於黨群部門，季度記錄屬於基層黨支部。", "「{value}」不是{expected}：月份记录属于党群部门，季度记录属于基层党支部。", "'{value}' is not a {expected}: monthly records are departments', quarterly ones branches'."),
    "history.nothing_stored": ("有錯誤，未匯入任何記錄。請改正後重新匯入。", "有错误，未导入任何记录。请改正后重新导入。", "There are errors; nothing was imported. Correct them and import again."),
    "history.imported": ("已匯入 {rows} 條記錄，期間：{periods}。", "已导入 {rows} 条记录，期间：{periods}。", "Imported {rows} records for {periods}."),
    "history.bad_period": ("「{value}」不是月份或季度，請寫成 2026-03 或 2026-Q1。", "「{value}」不是月份或季度，请写成 2026-03 或 2026-Q1。", "'{value}' is not a month or a quarter; write it as 2026-03 or 2026-Q1."),
    "history.not_stored": ("歷史中沒有 {period} 的記錄（見 pbbatch history list）。", "历史中没有 {period} 的记录（见 pbbatch history list）。", "No results of {period} are stored (see pbbatch history list)."),
    "history.will_remove": ("將刪除 {period} 的歷史記錄：{units} 個單位（來源：{source}）及其講評會材料數據；輸出文件夾不動。", "将删除 {period} 的历史记录：{units} 个单位（来源：{source}）及其讲评会材料数据；输出文件夹不动。", "This removes the stored results of {period}: {units} units (source: {source}) and its briefs' data; the output folder stays."),
    "history.confirm_remove": ("確定刪除嗎？", "确定删除吗？", "Remove them?"),
    "history.kept": ("未刪除任何記錄。", "未删除任何记录。", "Nothing was removed."),
    "history.removed": ("已刪除 {period} 的歷史記錄。", "已删除 {period} 的历史记录。", "The stored results of {period} were removed."),
    "history.empty": ("尚無歷史記錄。", "尚无历史记录。", "No history stored yet."),
    "history.busy": (
        "歷史記錄 {path} 正被另一個程式使用，等候 {seconds} 秒仍未釋放。請關閉開啟它的程式（例如資料庫檢視工具）後重新執行。未寫出任何結果。",
        "历史记录 {path} 正被另一个程序使用，等候 {seconds} 秒仍未释放。请关闭打开它的程序（例如数据库查看工具）后重新运行。未写出任何结果。",
        "The history {path} is in use by another program and was not released within {seconds} seconds. Close the program that has it open (a database viewer, say) and run again. Nothing was written.",
    ),
    "history.damaged": (
        "歷史記錄 {path} 已損壞或不是資料庫（{detail}）。{restore}未寫出任何結果。",
        "历史记录 {path} 已损坏或不是数据库（{detail}）。{restore}未写出任何结果。",
        "The history {path} is damaged or not a database ({detail}). {restore} Nothing was written.",
    ),
    "history.is_folder": (
        "歷史記錄 {path} 是資料夾，不是文件。請移走此資料夾，或在 config.toml 的 paths.history 改正路徑。{restore}未寫出任何結果。",
        "历史记录 {path} 是文件夹，不是文件。请移走此文件夹，或在 config.toml 的 paths.history 改正路径。{restore}未写出任何结果。",
        "The history {path} is a folder, not a file. Move the folder away or correct paths.history in config.toml. {restore} Nothing was written.",
    ),
    "history.restore": (
        "最新的備份是 {backup}：請把它複製為 {path}（取代損壞的文件），再重新執行此後的月份。",
        "最新的备份是 {backup}：请把它复制为 {path}（取代损坏的文件），再重新运行此后的月份。",
        "The newest backup is {backup}: copy it over {path}, then run the months since then again.",
    ),
    "history.no_backup": (
        "沒有備份：請從您自己的備份還原 {path}，或把它移走後用 pbbatch history import 匯入往期成績。",
        "没有备份：请从您自己的备份还原 {path}，或把它移走后用 pbbatch history import 导入往期成绩。",
        "There is no backup: restore {path} from a copy of your own, or move it away and seed earlier results with pbbatch history import.",
    ),
    "history.read_only": (
        "無法寫入歷史記錄 {path}：文件或其資料夾是唯讀的。請取得寫入權限後重新執行。未寫出任何結果，歷史記錄未改變。",
        "无法写入历史记录 {path}：文件或其文件夹是只读的。请取得写入权限后重新运行。未写出任何结果，历史记录未改变。",
        "Cannot write the history {path}: the file or its folder is read-only. Get write access and run again. Nothing was written; the history is unchanged.",
    ),
    "history.disk_full": (
        "寫入歷史記錄 {path} 時磁碟已滿。請騰出空間後重新執行。未寫出任何結果，歷史記錄未改變。",
        "写入历史记录 {path} 时磁盘已满。请腾出空间后重新运行。未写出任何结果，历史记录未改变。",
        "The disk was full while writing the history {path}. Free some space and run again. Nothing was written; the history is unchanged.",
    ),
    "history.unusable": (
        "無法使用歷史記錄 {path}（{detail}）。請檢查該文件及其磁碟後重新執行。未寫出任何結果，歷史記錄未改變。",
        "无法使用历史记录 {path}（{detail}）。请检查该文件及其磁盘后重新运行。未写出任何结果，历史记录未改变。",
        "Cannot use the history {path} ({detail}). Check the file and its disk, then run again. Nothing was written; the history is unchanged.",
    ),
    # registry
    "registry.not_found": ("找不到名冊 {path}。", "找不到名册 {path}。", "Registry {path} not found."),
    "registry.no_sheet": ("名冊缺少「{sheet}」工作表。", "名册缺少「{sheet}」工作表。", "The registry has no sheet '{sheet}'."),
    "registry.no_block": ("黨群部門「{value}」必須填寫板塊。", "党群部门「{value}」必须填写板块。", "Department '{value}' needs a block."),
    "registry.no_units": ("名冊中沒有在冊單位。", "名册中没有在册单位。", "The registry lists no active unit."),
    "registry.location": ("{file} 「{sheet}」{cell}：{text}", "{file} 「{sheet}」{cell}：{text}", "{file} '{sheet}' {cell}: {text}"),
    "file.named": ("{name}: {text}", "{name}: {text}", "{name}: {text}"),
    # blank forms (templates)
    "template.form_with_type": ("{form}（{type}）", "{form}（{type}）", "{form} ({type})"),
    "template.title": ("{org}　{form}　{period}　{who}", "{org}　{form}　{period}　{who}", "{org} {form} {period} {who}"),
    "template.fill.ratings": (
        "請在「得分」欄為每一行的單位打分（0 至 100，可帶小數），每一行都必須打分；可在「備註」欄補充說明。被評單位編號和名稱已預填，請勿修改。",
        "请在「得分」栏为每一行的单位打分（0 至 100，可带小数），每一行都必须打分；可在「备注」栏补充说明。被评单位编号和名称已预填，请勿修改。",
        "Score every row's unit in 'Score' (0 to 100, decimals allowed); every row must be scored. Add remarks in 'Note' if needed. The ratee codes and names are pre-filled: do not change them.",
    ),
    "template.fill.targets": (
        "每行填寫一項目標：目標類別（下拉選擇）、目標內容、分值（大於 0，各行合計 100）、完成情況、得分（0 至該行分值）。不用的行留空。",
        "每行填写一项目标：目标类别（下拉选择）、目标内容、分值（大于 0，各行合计 100）、完成情况、得分（0 至该行分值）。不用的行留空。",
        "One target per row: Category (drop-down), Target, Points (above 0, all rows adding up to 100), Progress, Score (0 to the row's points). Leave unused rows blank.",
    ),
    "template.fill.adjustments": (
        "先在「填報信息」選擇填報單位編號。每行一項：單位編號（下拉選擇）、類別（下拉選擇）、分值（加分填正數，減分填負數）、事由、日期（{first} 至 {last}）。不用的行留空。",
        "先在「填报信息」选择填报单位编号。每行一项：单位编号（下拉选择）、类别（下拉选择）、分值（加分填正数，减分填负数）、事由、日期（{first} 至 {last}）。不用的行留空。",
        "First pick your unit code in Form info. One item per row: Unit code (drop-down), Category (drop-down), Points (positive to add, negative to deduct), Reason, Date ({first} to {last}). Leave unused rows blank.",
    ),
    "template.fill.vetoes": (
        "先在「填報信息」選擇填報單位編號。每行一項：單位編號（下拉選擇）、否決類別（下拉選擇）、事由、發生日期（{first} 至 {last}）、認定部門。不用的行留空。",
        "先在「填报信息」选择填报单位编号。每行一项：单位编号（下拉选择）、否决类别（下拉选择）、事由、发生日期（{first} 至 {last}）、认定部门。不用的行留空。",
        "First pick your unit code in Form info. One item per row: Unit code (drop-down), Category (drop-down), Reason, Date of the event ({first} to {last}), Decided by. Leave unused rows blank.",
    ),
    "template.fill.self_eval": (
        "請在「自評得分」欄為每個項目打分（0 至該行分值，可帶小數），可在「說明」欄補充說明；未打分的項目按 0 分計。項目編號、名稱和分值已預填，請勿修改。",
        "请在「自评得分」栏为每个项目打分（0 至该行分值，可带小数），可在「说明」栏补充说明；未打分的项目按 0 分计。项目编号、名称和分值已预填，请勿修改。",
        "Score every item in 'Score' (0 to the row's points, decimals allowed) and explain in 'Note' if needed; an item left blank counts 0. The item codes, names and points are pre-filled: do not change them.",
    ),
    "template.fill.dept_eval": (
        "請為每個支部在本部門負責的項目欄打分（{items}，可帶小數）；未考評的支部整行留空，未打分按 0 分計。可在「備註」欄補充說明。支部編號和名稱已預填，請勿修改。",
        "请为每个支部在本部门负责的项目栏打分（{items}，可带小数）；未考评的支部整行留空，未打分按 0 分计。可在「备注」栏补充说明。支部编号和名称已预填，请勿修改。",
        "Score each branch in the columns of the items your department owns ({items}, decimals allowed); leave a branch's row blank if you did not assess it (it counts 0). Add remarks in 'Note' if needed. The branch codes and names are pre-filled: do not change them.",
    ),
    "template.item_points": ("{code}：0 至 {points} 分", "{code}：0 至 {points} 分", "{code}: 0 to {points}"),
    "template.fill.democratic": (
        "先在「填報信息」選擇填報單位編號。每個支部一行填寫人數（不小於 0 的整數）：優秀＋良好＋一般＋較差＋棄權 不超過 實參評人數，實參評人數 不超過 應參評人數。未測評的支部整行留空。支部編號和名稱已預填，請勿修改。",
        "先在「填报信息」选择填报单位编号。每个支部一行填写人数（不小于 0 的整数）：优秀＋良好＋一般＋较差＋弃权 不超过 实参评人数，实参评人数 不超过 应参评人数。未测评的支部整行留空。支部编号和名称已预填，请勿修改。",
        "First pick your unit code in Form info. One row per branch, counts as whole numbers of 0 or more: Excellent + Good + Fair + Poor + Abstain at most Present, Present at most Eligible. Leave a branch's row blank if it was not assessed. The branch codes and names are pre-filled: do not change them.",
    ),
    "template.fill.spot_checks": (
        "先在「填報信息」選擇填報單位編號。每行一個問題：日期（{first} 至 {last}）、支部編號（下拉選擇）、項目編號（下拉選擇，可空）、問題描述、扣分（大於 0）、整改期限。不用的行留空。",
        "先在「填报信息」选择填报单位编号。每行一个问题：日期（{first} 至 {last}）、支部编号（下拉选择）、项目编号（下拉选择，可空）、问题描述、扣分（大于 0）、整改期限。不用的行留空。",
        "First pick your unit code in Form info. One finding per row: Date ({first} to {last}), Branch code (drop-down), Item code (drop-down, optional), Finding, Deduction (above 0), Fix by. Leave unused rows blank.",
    ),
    "template.keep_header": (
        "請勿修改第 {row} 行表頭、工作表名稱和「填報信息」中的預填內容（灰色儲存格已鎖定）。填好後保存為 .xlsx 報送；如需重報，請把「版本」加 1。",
        "请勿修改第 {row} 行表头、工作表名称和「填报信息」中的预填内容（灰色单元格已锁定）。填好后保存为 .xlsx 报送；如需重报，请把「版本」加 1。",
        "Do not change the header row ({row}), the sheet names or the pre-filled Form info values (grey cells are locked). Save as .xlsx to submit; to resubmit, raise 'Version' by 1.",
    ),

    # §7 targets and responsibility letters
    "letter.title": (
        "{org} {year}年度黨群工作方針目標責任書",
        "{org} {year}年度党群工作方针目标责任书",
        "{org}: Party and Mass Work Target Responsibility Letter {year}",
    ),
    "letter.intro": (
        "為落實黨建目標績效管理，{committee}與{unit}商定{year}年度工作目標如下。每月考核的目標分值合計 100 分，{unit}每月按下列目標報送目標考核表。",
        "为落实党建目标绩效管理，{committee}与{unit}商定{year}年度工作目标如下。每月考核的目标分值合计 100 分，{unit}每月按下列目标报送目标考核表。",
        "To carry out the party-building target performance management, {committee} and {unit} agree the following targets for {year}. The targets assessed in a month add up to 100 points; every month {unit} reports against these targets in its targets form.",
    ),
    "letter.category": ("{category}（{count} 項）", "{category}（{count} 项）", "{category} ({count})"),
    "letter.rule_weights": (
        "綜合得分＝目標績效×{target}＋領導評價×{leader}＋服務基層評價×{service}＋部門互評×{mutual}＋加減分。",
        "综合得分＝目标绩效×{target}＋领导评价×{leader}＋服务基层评价×{service}＋部门互评×{mutual}＋加减分。",
        "Total = targets × {target} + leader rating × {leader} + service to branches × {service} + mutual rating × {mutual} + bonus and deduction points.",
    ),
    "letter.rule_bands": (
        "各板塊按綜合得分排名，按 {ratio} 分為 A（前 {a}）、B（中間 {b}）、C（後 {c}）三檔，薪酬係數分別為 {ca}、{cb}、{cc}：月度考核，季度兌現。",
        "各板块按综合得分排名，按 {ratio} 分为 A（前 {a}）、B（中间 {b}）、C（后 {c}）三档，薪酬系数分别为 {ca}、{cb}、{cc}：月度考核，季度兑现。",
        "Departments are ranked by total within their block and banded {ratio}: A (top {a}), B (middle {b}), C (bottom {c}), with pay coefficients {ca}, {cb} and {cc}: assessed monthly, paid quarterly.",
    ),
    "letter.rule_veto": (
        "一票否決：當期發生{categories}問題之一的，列於排名最後、歸入 C 檔，不得獎勵。",
        "一票否决：当期发生{categories}问题之一的，列于排名最后、归入 C 档，不得奖励。",
        "One-vote veto: a department with a case of {categories} in the period is placed last, banded C and not rewarded.",
    ),
    "letter.none": (
        "收件夾 {inbox} 中沒有計入的 {year} 年目標責任書，未寫出任何責任書。請先報送目標責任書（空白表：pbbatch templates --period {year}），再執行本命令。",
        "收件夹 {inbox} 中没有计入的 {year} 年目标责任书，未写出任何责任书。请先报送目标责任书（空白表：pbbatch templates --period {year}），再执行本命令。",
        "The inbox {inbox} holds no counted responsibility letter for {year}; no letter was written. Submit the letter first (a blank one: pbbatch templates --period {year}), then run this command again.",
    ),
    "letter.bad_year": (
        "年度「{value}」無法識別，請寫成 2026。",
        "年度「{value}」无法识别，请写成 2026。",
        "Year '{value}' is not understood; write it as 2026.",
    ),
    "cli.letters_written": (
        "已為 {count} 個部門寫出目標責任書（DOCX 和 HTML）到 {path}",
        "已为 {count} 个部门写出目标责任书（DOCX 和 HTML）到 {path}",
        "Wrote the responsibility letters of {count} departments (DOCX and HTML) to {path}",
    ),
    "data.bad_months": (
        "「{column}」的「{value}」無法識別。請寫「全年」，或寫月份（1 至 12）：區間如 1-6，逐月如 3,6,9,12，也可混寫如 1-3,12。",
        "「{column}」的「{value}」无法识别。请写「全年」，或写月份（1 至 12）：区间如 1-6，逐月如 3,6,9,12，也可混写如 1-3,12。",
        "'{value}' in '{column}' is not understood. Write 'all' (全年), or months from 1 to 12: a range such as 1-6, single months such as 3,6,9,12, or both such as 1-3,12.",
    ),
    "letter.duplicate_target": (
        "單位 {unit} 的目標「{target}」在計入的責任書中重複出現（第一次在 {first}）。每個單位的每項目標只能列一次：請刪除重複的一行，或改寫目標內容。",
        "单位 {unit} 的目标「{target}」在计入的责任书中重复出现（第一次在 {first}）。每个单位的每项目标只能列一次：请删除重复的一行，或改写目标内容。",
        "Unit {unit}'s target '{target}' is listed twice in the counted letters (first at {first}). List each target of a unit once: delete the repeated row or reword the target.",
    ),
    "letter.month_points": (
        "單位 {unit} 在 {months} 月的目標分值合計為 {total}，應為 100。請調整這些月份目標的分值或考核月份，使每個月合計 100 分。",
        "单位 {unit} 在 {months} 月的目标分值合计为 {total}，应为 100。请调整这些月份目标的分值或考核月份，使每个月合计 100 分。",
        "Unit {unit}'s targets for month {months} add up to {total} points, not 100. Change the points or the months of its targets so that every month adds up to 100.",
    ),
    "targets.letter_missing_target": (
        "{year} 年目標責任書為本部門 {month} 定的目標「{target}」（{category}，{points} 分）不在本表中。請按責任書補上這一行（用 pbbatch templates 生成的預填表最穩妥）。",
        "{year} 年目标责任书为本部门 {month} 定的目标「{target}」（{category}，{points} 分）不在本表中。请按责任书补上这一行（用 pbbatch templates 生成的预填表最稳妥）。",
        "The {year} responsibility letter sets the target '{target}' ({category}, {points} points) for this department in {month}, and this form lacks it. Add that row as in the letter (the form pbbatch templates pre-fills is the safest way).",
    ),
    "targets.not_in_letter": (
        "目標「{value}」不在 {year} 年目標責任書為本部門 {month} 定的目標中。請只填責任書的目標：{allowed}。",
        "目标「{value}」不在 {year} 年目标责任书为本部门 {month} 定的目标中。请只填责任书的目标：{allowed}。",
        "The target '{value}' is not among this department's targets for {month} in the {year} responsibility letter. Report only the letter's targets: {allowed}.",
    ),
    "targets.letter_points": (
        "目標「{target}」的分值為 {value}，{year} 年目標責任書定為 {letter} 分。請改為 {letter}。",
        "目标「{target}」的分值为 {value}，{year} 年目标责任书定为 {letter} 分。请改为 {letter}。",
        "The target '{target}' has {value} points; the {year} responsibility letter sets {letter}. Change it to {letter}.",
    ),
    "targets.no_letter": (
        "沒有計入的 {year} 年目標責任書列出 {unit} 的目標，本表未與責任書核對。請黨委辦公室（或本部門）報送 {year} 年目標責任書。",
        "没有计入的 {year} 年目标责任书列出 {unit} 的目标，本表未与责任书核对。请党委办公室（或本部门）报送 {year} 年目标责任书。",
        "No counted {year} responsibility letter lists {unit}'s targets, so this form was not checked against one. The party committee office (or the department) should submit the {year} letter.",
    ),
    "targets.no_letter_required": (
        "沒有計入的 {year} 年目標責任書列出 {unit} 的目標；按設定 targets.require_letter = true，本表不能接收。請先報送列有 {unit} 目標的 {year} 年目標責任書，再重新處理。",
        "没有计入的 {year} 年目标责任书列出 {unit} 的目标；按设定 targets.require_letter = true，本表不能接收。请先报送列有 {unit} 目标的 {year} 年目标责任书，再重新处理。",
        "No counted {year} responsibility letter lists {unit}'s targets, and targets.require_letter = true: this form cannot be accepted. Submit a {year} letter listing {unit}'s targets first, then run again.",
    ),
    "template.fill.target_letter": (
        "先在「填報信息」選擇填報單位編號。每行一項目標：單位編號（黨群部門，下拉選擇）、目標類別（下拉選擇）、目標內容、分值（大於 0）、考核月份（「全年」，或如 1-6、3,6,9,12）、考核標準、責任人。每個部門每個月的目標分值合計須為 100。不用的行留空。",
        "先在「填报信息」选择填报单位编号。每行一项目标：单位编号（党群部门，下拉选择）、目标类别（下拉选择）、目标内容、分值（大于 0）、考核月份（「全年」，或如 1-6、3,6,9,12）、考核标准、责任人。每个部门每个月的目标分值合计须为 100。不用的行留空。",
        "First pick your unit code in Form info. One target per row: Unit code (a department, drop-down), Category (drop-down), Target, Points (above 0), Months ('all', or such as 1-6 or 3,6,9,12), Standard, Owner. Each department's targets must add up to 100 points in every month. Leave unused rows blank.",
    ),
    "template.fill.targets_letter": (
        "本月目標已按 {year} 年目標責任書預填並鎖定，請勿修改。請在每一行填寫「完成情況」和「得分」（0 至該行分值）。",
        "本月目标已按 {year} 年目标责任书预填并锁定，请勿修改。请在每一行填写「完成情况」和「得分」（0 至该行分值）。",
        "This month's targets are pre-filled from the {year} responsibility letter and locked: do not change them. Fill in 'Progress' and 'Score' (0 to the row's points) on every row.",
    ),

    # §8 rectification
    "template.fill.fix_report": (
        "以下是本支部截至填表時未銷號的問題，整改編號、問題描述和整改期限已預填，請勿修改。已整改的問題請填寫整改措施、完成日期（不早於督查日期，不晚於 {last}）和佐證材料；尚未整改的問題整行留空。",
        "以下是本支部截至填表时未销号的问题，整改编号、问题描述和整改期限已预填，请勿修改。已整改的问题请填写整改措施、完成日期（不早于督查日期，不晚于 {last}）和佐证材料；尚未整改的问题整行留空。",
        "These are your branch's findings not yet closed; their numbers, descriptions and deadlines are pre-filled: do not change them. For each finding you have fixed, fill in the action taken, the date it was done (not before the inspection, not after {last}) and the evidence; leave the rows of findings not yet fixed blank.",
    ),
    "template.fill.fix_check": (
        "先在「填報信息」選擇填報單位編號。每行驗收一個問題：整改編號（照抄整改台賬或整改通知書）、驗收結論（通過或不通過）、驗收日期（不晚於 {last}）、說明。驗收不通過的問題重新進入整改。不用的行留空。",
        "先在「填报信息」选择填报单位编号。每行验收一个问题：整改编号（照抄整改台账或整改通知书）、验收结论（通过或不通过）、验收日期（不晚于 {last}）、说明。验收不通过的问题重新进入整改。不用的行留空。",
        "First pick your unit code in Form info. One finding per row: Finding no. (as in the rectification ledger or notice), Verdict (passed or failed), Checked on (not after {last}), Note. A finding that fails goes back to being fixed. Leave unused rows blank.",
    ),
    "rect.unknown_id": (
        "整改編號「{value}」不在截至 {month} 的整改台賬中：請照抄整改通知書或預填回執表上的編號後重新報送。",
        "整改编号「{value}」不在截至 {month} 的整改台账中：请照抄整改通知书或预填回执表上的编号后重新报送。",
        "Finding no. '{value}' is not in the rectification ledger up to {month}: copy the number from the rectification notice or the pre-filled receipt and submit again.",
    ),
    "rect.other_branch": (
        "整改編號 {value} 是 {branch} 的問題，不是填報支部 {submitter} 的：請刪除此行後重新報送（該問題由 {branch} 自行報送回執）。",
        "整改编号 {value} 是 {branch} 的问题，不是填报支部 {submitter} 的：请删除此行后重新报送（该问题由 {branch} 自行报送回执）。",
        "Finding no. {value} is a finding of {branch}, not of {submitter}, which submits this form: delete the row and submit again ({branch} sends its own receipt).",
    ),
    "rect.before_finding": (
        "{column} {value} 早於整改編號 {finding_id} 的督查日期 {date}：請填寫實際日期後重新報送。",
        "{column} {value} 早于整改编号 {finding_id} 的督查日期 {date}：请填写实际日期后重新报送。",
        "{column} {value} is before the inspection of finding no. {finding_id} on {date}: enter the actual date and submit again.",
    ),
    "rect.after_period": (
        "{column} {value} 晚於本表期間 {period} 的最後一天 {last}：請改為實際日期，或放到該日期所在期間的表中報送。",
        "{column} {value} 晚于本表期间 {period} 的最后一天 {last}：请改为实际日期，或放到该日期所在期间的表中报送。",
        "{column} {value} is after {last}, the last day of this form's period {period}: enter the actual date, or send it on a form of the period that holds that date.",
    ),
    "rect.already_closed": (
        "整改編號 {value} 已於 {closed_on} 銷號，此回執已記錄但不改變其狀態；如問題再次出現，應由督查組另行登記。",
        "整改编号 {value} 已于 {closed_on} 销号，此回执已记录但不改变其状态；如问题再次出现，应由督查组另行登记。",
        "Finding no. {value} was closed on {closed_on}: this receipt is recorded but changes nothing; a problem that has come back is recorded by the inspection team as a new finding.",
    ),
    "rect.overdue_line": (
        "逾期未整改（整改編號 {finding_id}，整改期限 {deadline}）：{finding}",
        "逾期未整改（整改编号 {finding_id}，整改期限 {deadline}）：{finding}",
        "Overdue, not fixed (finding no. {finding_id}, due {deadline}): {finding}",
    ),
    "rect.ledger_title": ("{organization} 整改台賬 截至 {date}", "{organization} 整改台账 截至 {date}",
                          "{organization} rectification ledger as of {date}"),
    "rect.brief_summary": (
        "本季度新增專項督查問題 {opened} 個，銷號 {closed} 個；截至季末未銷號 {open} 個，其中逾期 {overdue} 個，每個在該支部專項督查得分中加扣 {deduction} 分。",
        "本季度新增专项督查问题 {opened} 个，销号 {closed} 个；截至季末未销号 {open} 个，其中逾期 {overdue} 个，每个在该支部专项督查得分中加扣 {deduction} 分。",
        "This quarter {opened} spot-check findings were opened and {closed} closed; at the quarter's end {open} are still open, {overdue} of them overdue, each costing its branch {deduction} more points in the spot-check score.",
    ),
    "rect.notice_title": ("{organization}整改通知書", "{organization}整改通知书", "{organization}: rectification notice"),
    "rect.notice_to": ("{branch}（書記：{head}）：", "{branch}（书记：{head}）：", "To {branch} (secretary: {head}):"),
    "rect.notice_body": (
        "經專項督查，你支部存在以下問題，截至 {date} 尚未整改銷號。請支部書記牽頭，對照問題逐項整改，在整改期限前完成。",
        "经专项督查，你支部存在以下问题，截至 {date} 尚未整改销号。请支部书记牵头，对照问题逐项整改，在整改期限前完成。",
        "The spot checks found the following problems in your branch, not yet closed as of {date}. The secretary is asked to lead their rectification, item by item, before each deadline.",
    ),
    "rect.notice_send": (
        "整改完成後，請填寫《整改回執表》（每個問題一行：整改編號、整改措施、完成日期、佐證材料；黨委組織部下發的回執表已預填本支部的問題），報送黨建考核收件夾。經驗收通過的問題予以銷號；驗收不通過的問題重新整改。",
        "整改完成后，请填写《整改回执表》（每个问题一行：整改编号、整改措施、完成日期、佐证材料；党委组织部下发的回执表已预填本支部的问题），报送党建考核收件夹。经验收通过的问题予以销号；验收不通过的问题重新整改。",
        "Once a problem is fixed, fill in a rectification receipt (one row per finding: finding no., action, done on, evidence; the receipt the Organization Department hands out lists your branch's findings already) and send it to the assessment inbox. A finding that passes its check is closed; one that fails is to be fixed again.",
    ),
    "rect.notice_overdue": (
        "到季末仍逾期未銷號的問題，每個在本支部當季專項督查得分中加扣 {deduction} 分。",
        "到季末仍逾期未销号的问题，每个在本支部当季专项督查得分中加扣 {deduction} 分。",
        "Each finding still overdue at a quarter's end costs your branch {deduction} more points in that quarter's spot-check score.",
    ),
    "rect.reminder_title": ("{organization}提示函", "{organization}提示函", "{organization}: reminder"),
    "rect.reminder_vetoed": (
        "你支部本季度因一票否決（{categories}）列於排名最後、歸入 C 檔：請一併查找該問題的原因並整改。",
        "你支部本季度因一票否决（{categories}）列于排名最后、归入 C 档：请一并查找该问题的原因并整改。",
        "Your branch was placed last and in band C this quarter because of a one-vote veto ({categories}): find the cause of that case too and put it right.",
    ),
    "rect.reminder_body": (
        "你支部在{quarter}基層黨支部考核中排名第 {rank} 名（共 {count} 個支部），列為排名靠後。以下重點工作項目得分率最低，請認真查找原因，制定改進措施，並於下季度首月內將改進措施報黨委組織部。",
        "你支部在{quarter}基层党支部考核中排名第 {rank} 名（共 {count} 个支部），列为排名靠后。以下重点工作项目得分率最低，请认真查找原因，制定改进措施，并于下季度首月内将改进措施报党委组织部。",
        "Your branch ranked {rank} of {count} in the branches' assessment for {quarter} and is low-ranked. The key work items below scored lowest as a share of their points: find the causes, set out measures to improve, and send them to the Organization Department within the first month of next quarter.",
    ),
    "rect.signed": ("{committee}\n{date}", "{committee}\n{date}", "{committee}\n{date}"),
    "rect.no_ledger": (
        "歷史記錄中沒有 {period} 的整改台賬：請先執行 pbbatch run --period {period}。",
        "历史记录中没有 {period} 的整改台账：请先执行 pbbatch run --period {period}。",
        "The history holds no rectification ledger for {period}: run pbbatch run --period {period} first.",
    ),
    "cli.notices_written": ("已寫出 {count} 份整改通知書和提示函到 {path}", "已写出 {count} 份整改通知书和提示函到 {path}",
                            "Wrote {count} rectification notices and reminders to {path}"),

    # §9 individuals
    "registry.staff_unit_unknown": (
        "人員所屬單位「{value}」不在「單位」表中。請填寫在冊單位的編號。",
        "人员所属单位「{value}」不在「单位」表中。请填写在册单位的编号。",
        "The person's unit '{value}' is not in the units sheet. Enter the code of a registered unit.",
    ),
    "registry.staff_unit_inactive": (
        "人員所屬單位「{value}」已撤銷。請把此人改到在冊單位，或把此人的狀態改為「撤銷」。",
        "人员所属单位「{value}」已撤销。请把此人改到在册单位，或把此人的状态改为「撤销」。",
        "The person's unit '{value}' is inactive. Move the person to an active unit, or mark the person inactive.",
    ),
    "data.unknown_person": (
        "工號「{value}」不在名冊「人員」表中。請核對工號，或先把此人加入名冊。",
        "工号「{value}」不在名册「人员」表中。请核对工号，或先把此人加入名册。",
        "Staff number '{value}' is not in the registry's staff sheet. Check the number, or add the person to the registry first.",
    ),
    "data.inactive_person": (
        "工號「{value}」在名冊中已撤銷，此行不計。",
        "工号「{value}」在名册中已撤销，此行不计。",
        "Staff number '{value}' is marked inactive in the registry; this row is ignored.",
    ),
    "data.person_other_unit": (
        "工號「{value}」（{name}）在名冊中屬於 {unit}，不屬於填報單位 {submitter}。請刪除此行，由 {unit} 填報此人。",
        "工号「{value}」（{name}）在名册中属于 {unit}，不属于填报单位 {submitter}。请删除此行，由 {unit} 填报此人。",
        "Staff number '{value}' ({name}) belongs to {unit} in the registry, not to the submitter {submitter}. Delete the row: {unit} scores this person.",
    ),
    "data.no_staff_sheet": (
        "名冊沒有「人員」工作表，個人考評未啟用，此表不計。如要考評個人，請先在名冊中加入「人員」表。",
        "名册没有「人员」工作表，个人考评未启用，此表不计。如要考评个人，请先在名册中加入「人员」表。",
        "The registry has no staff sheet, so the individual assessment is off and this form does not count. To assess people, add the staff sheet to the registry first.",
    ),
    "data.duplicate_person": (
        "工號「{value}」在本表中重複出現（第一次在 {first}）。每人只能填一行。",
        "工号「{value}」在本表中重复出现（第一次在 {first}）。每人只能填一行。",
        "Staff number '{value}' appears twice in this form (first at {first}). One row per person.",
    ),
    "warn.people_left_out": (
        "未對以下人員評分：{people}。這些人員本月標記為資料缺失，沒有績效係數；請補報（版本加 1）。",
        "未对以下人员评分：{people}。这些人员本月标记为资料缺失，没有绩效系数；请补报（版本加 1）。",
        "These people were not scored: {people}. They are flagged as missing data this month and get no performance coefficient; resubmit with the version raised by 1.",
    ),
    "template.fill.staff_eval": (
        "請在「得分」欄為每一位人員打分（0 至 100，可帶小數），每一行都必須打分；可在「評語」欄填寫評語。工號和姓名已預填，請勿修改。個人得分屬薪酬資料，只用於個人績效和薪酬導出。",
        "请在「得分」栏为每一位人员打分（0 至 100，可带小数），每一行都必须打分；可在「评语」栏填写评语。工号和姓名已预填，请勿修改。个人得分属薪酬资料，只用于个人绩效和薪酬导出。",
        "Score every person in 'Score' (0 to 100, decimals allowed); every row must be scored. Add a comment in 'Comment' if you wish. The staff numbers and names are pre-filled: do not change them. Personal scores are pay data, used only for the individual results and the payroll export.",
    ),
    "staff.draft_units_banner": (
        "【試算稿】單位考核仍為試算稿（有報送未收齊或被退回）：單位係數和績效係數未定，薪酬導出的檔名帶「試算稿」，不可導入薪酬系統。收齊後請重新處理本月。",
        "【试算稿】单位考核仍为试算稿（有报送未收齐或被退回）：单位系数和绩效系数未定，薪酬导出的文件名带“试算稿”，不可导入薪酬系统。收齐后请重新处理本月。",
        "[DRAFT] The units' results are still a draft (submissions outstanding or rejected): unit and performance coefficients are not settled, and the payroll export's name says DRAFT: do not import it. Run the month again once everything is in.",
    ),
    "staff.draft_banner": (
        "【試算稿】有人員未評分（資料缺失）：其排名、檔次和績效係數未定，同單位其他人員的排名和檔次也可能變動；薪酬導出的檔名帶「試算稿」，不可導入薪酬系統。補報後請重新處理本月；本月不參加考核的人員（如休假），請在名冊「人員」表將其狀態填為「撤銷」。",
        "【试算稿】有人员未评分（资料缺失）：其排名、档次和绩效系数未定，同单位其他人员的排名和档次也可能变动；薪酬导出的文件名带「试算稿」，不可导入薪酬系统。补报后请重新处理本月；本月不参加考核的人员（如休假），请在名册「人员」表将其状态填为「撤销」。",
        "[DRAFT] Some people were not scored (missing data): their rank, band and performance coefficient are not settled, and the ranks and bands of the others in their unit may still move; the payroll export's name says DRAFT: do not import it. Run the month again once their scores are in; for a person not assessed this month (on leave, say), set their status to 'inactive' in the registry's 'staff' sheet.",
    ),
    "staff.months_in_unit": (
        "{months} 屬 {unit}，按該單位係數計。",
        "{months} 属 {unit}，按该单位系数计。",
        "{months} in {unit}, paid on that unit's factor.",
    ),
    "staff.missing_months": (
        "{months} 無績效係數，不計入平均。",
        "{months} 无绩效系数，不计入平均。",
        "No performance coefficient for {months}; left out of the mean.",
    ),

    # §10 the year
    "annual.reason.veto": ("{period} 一票否決（{categories}）", "{period} 一票否决（{categories}）",
                           "{period} one-vote veto ({categories})"),
    "annual.reason.veto_plain": ("{period} 一票否決", "{period} 一票否决", "{period} one-vote veto"),
    "annual.reason.unit_veto": ("所在單位 {unit} {period} 一票否決（{categories}）",
                                "所在单位 {unit} {period} 一票否决（{categories}）",
                                "their unit {unit}: {period} one-vote veto ({categories})"),
    "annual.reason.unit_veto_plain": ("所在單位 {unit} {period} 一票否決", "所在单位 {unit} {period} 一票否决",
                                      "their unit {unit}: {period} one-vote veto"),
    "annual.reason.admonish": ("{period} 誡勉談話", "{period} 诫勉谈话", "{period} admonishment talk"),
    "annual.reason.removal": ("{period} 崗位淘汰", "{period} 岗位淘汰", "{period} removal from post"),
    "annual.reason.c_months": ("檔次 C 共 {count} 次（{months}），超過 {limit} 次",
                               "档次 C 共 {count} 次（{months}），超过 {limit} 次",
                               "band C {count} times ({months}), more than {limit}"),
    "annual.reason.no_result": ("全年無考核結果", "全年无考核结果", "no result stored for the year"),
    "annual.not_eligible": ("不能評優：{reasons}", "不能评优：{reasons}", "Not eligible: {reasons}"),
    "annual.reason_sep": ("；", "；", "; "),
    "annual.moved": ("年內所在單位：{units}；按最後所在單位 {unit} 排名", "年内所在单位：{units}；按最后所在单位 {unit} 排名",
                     "units during the year: {units}; ranked in the latest, {unit}"),
    "annual.quarter_column": ("第{number}季度", "第{number}季度", "Q{number}"),
    "annual.bad_year": (
        "無法識別年份「{value}」：請寫成四位數的年份，如 2026。",
        "无法识别年份「{value}」：请写成四位数的年份，如 2026。",
        "Cannot read the year '{value}': write it as four digits, e.g. 2026.",
    ),
    "annual.nothing_stored": (
        "歷史記錄 {path} 中沒有 {year} 年的任何結果，未寫出年度考核。請先執行該年各月的批次處理，或用 pbbatch history import 匯入往期成績。",
        "历史记录 {path} 中没有 {year} 年的任何结果，未写出年度考核。请先执行该年各月的批处理，或用 pbbatch history import 导入往期成绩。",
        "The history {path} holds no result of {year}, so no annual results were written. Run the year's months "
        "first, or seed earlier results with pbbatch history import.",
    ),
    "annual.year_failed": (
        "{period} 的結果已寫出並存入歷史記錄，但 {year} 年度考核未能寫出（原因見下）；問題解決後請執行 pbbatch annual --year {year}。",
        "{period} 的结果已写出并存入历史记录，但 {year} 年度考核未能写出（原因见下）；问题解决后请执行 pbbatch annual --year {year}。",
        "The results of {period} were written and stored, but the {year} annual results were not (the reason "
        "follows); once it is fixed, run pbbatch annual --year {year}.",
    ),
    "brief.annual_title": ("{organization}{year}年度黨建目標績效考核講評會材料", "{organization}{year}年度党建目标绩效考核讲评会材料",
                           "{organization}: annual party-building performance review, {year}"),
    "brief.annual_overview": (
        "{year}年度參加考核的黨群部門 {departments} 個、基層黨支部 {branches} 個，已有 {months} 個月的部門結果和 {quarters} 個季度的支部結果。年度得分為各期綜合得分的平均值（沒有結果的期間不計入），黨群部門在各板塊內、基層黨支部{branch_group}排名，按 2:7:1 分檔；年內被一票否決的單位排在其他單位之後，列 C 檔。評先選優在符合條件的單位和人員中按名額評選，名額處並列的一併評上。",
        "{year}年度参加考核的党群部门 {departments} 个、基层党支部 {branches} 个，已有 {months} 个月的部门结果和 {quarters} 个季度的支部结果。年度得分为各期综合得分的平均值（没有结果的期间不计入），党群部门在各板块内、基层党支部{branch_group}排名，按 2:7:1 分档；年内被一票否决的单位排在其他单位之后，列 C 档。评先选优在符合条件的单位和人员中按名额评选，名额处并列的一并评上。",
        "{departments} departments and {branches} branches were assessed in {year}; results are stored for {months} months (departments) and {quarters} quarters (branches). The annual score is the mean of the periods' totals (a period without a result is left out); departments rank within their blocks and branches {branch_group}, split 2:7:1; a unit vetoed in the year ranks after the others, in band C. Awards go to the eligible units and people by quota, ties at the quota included.",
    ),
    "brief.annual_branch_company": ("在全公司", "在全公司", "across the company"),
    "brief.annual_branch_block": ("在各板塊內", "在各板块内", "within their blocks"),
    "brief.annual_missing": ("所有單位都沒有結果、未計入平均的期間：{periods}。個別單位沒有結果的期間，在下面的趨勢表中標為「{no_data}」，同樣未計入該單位的平均。",
                             "所有单位都没有结果、未计入平均的期间：{periods}。个别单位没有结果的期间，在下面的趋势表中标为「{no_data}」，同样未计入该单位的平均。",
                             "Periods with no unit's result, left out of the means: {periods}. A period without a "
                             "result of one unit is marked {no_data} in the trend table below, and left out of that "
                             "unit's mean too."),
    "brief.award_line": ("{award}：{names}。", "{award}：{names}。", "{award}: {names}."),
    "brief.award_group": ("{group} {names}", "{group} {names}", "{group}: {names}"),
    "brief.ineligible_line": ("{name}：{reasons}。", "{name}：{reasons}。", "{name}: {reasons}."),

    # §11 the information site and the rules in force
    "site.targets_title": ("{year}年度目標責任書", "{year}年度目标责任书", "Responsibility letter {year}"),
    "site.months": ("{months}月", "{months}月", "months {months}"),
    "site.year_title": ("{year}年度考核", "{year}年度考核", "The year {year}"),
    "site.year_people": ("優秀黨務工作者是個人評選，本網不列個人姓名和得分，請見年度講評會材料。", "优秀党务工作者是个人评选，本网不列个人姓名和得分，请见年度讲评会材料。",
                         "Excellent party workers are people: this site shows no person's name or score; see the year's brief."),
    "site.ledger_as_of": ("整改狀態截至{period}末", "整改状态截至{period}末", "Statuses at the end of {period}"),
    "site.ledger_counts": ("共 {findings} 項問題，其中逾期 {overdue} 項；逾期的列在最前。", "共 {findings} 项问题，其中逾期 {overdue} 项；逾期的列在最前。",
                           "{findings} findings, {overdue} of them overdue; the overdue ones first."),
    "rules.changed": (
        "{key}：存檔 {stored}，現在 {current}。{periods} 存檔的考核規則與現在的 config.toml 不同：本次按現在的規則計算，並以之取代存檔的規則。如非有意修改，請改回 config.toml 後重新執行。",
        "{key}：存档 {stored}，现在 {current}。{periods} 存档的考核规则与现在的 config.toml 不同：本次按现在的规则计算，并以之取代存档的规则。如非有意修改，请改回 config.toml 后重新运行。",
        "{key}: stored {stored}, now {current}. The rules stored for {periods} differ from today's config.toml: this run uses today's rules and stores them in place of the old. If the change was not meant, set config.toml back and run again.",
    ),
    "rules.sep": ("；", "；", "; "),
    "rules.periods": ("{first}、{second}", "{first}、{second}", "{first} and {second}"),
    "rules.bands_text": ("A 檔 {a}、B 檔 {b}、C 檔 {c}（人數{rounding}）", "A 档 {a}、B 档 {b}、C 档 {c}（人数{rounding}）", "A {a}, B {b}, C {c} (counts {rounding})"),
    "rules.abc_text": ("A 檔 {a}、B 檔 {b}、C 檔 {c}", "A 档 {a}、B 档 {b}、C 档 {c}", "A {a}, B {b}, C {c}"),
    "rules.trim_text": (
        "{service}、{mutual}的評分人多於 {n} 人時，各去掉一個最高分和一個最低分後平均",
        "{service}、{mutual}的评分人多于 {n} 人时，各去掉一个最高分和一个最低分后平均",
        "{service} and {mutual}: with more than {n} raters, one highest and one lowest score are dropped before the mean",
    ),
    "rules.points_item": ("{grade} {points} 分", "{grade} {points} 分", "{grade} {points}"),
    "rules.democratic_text": ("{points}；參評率不高於 {turnout} 時提示", "{points}；参评率不高于 {turnout} 时提示", "{points} points; a turnout of {turnout} or less is flagged"),
    "rules.reward_item": ("第 {rank} 名 {amount} 元", "第 {rank} 名 {amount} 元", "Rank {rank}: {amount}"),
    "rules.low_text": ("後 {share}（至少 1 個）、墊底及一票否決的支部", "后 {share}（至少 1 个）、垫底及一票否决的支部", "The bottom {share} (at least one), the last and the vetoed"),
    "rules.cap_item": ("{category} {low} 至 {high}", "{category} {low} 至 {high}", "{category} {low} to {high}"),
    "rules.caps_text": ("{caps}（每單位每期各類別合計）", "{caps}（每单位每期各类别合计）", "{caps} (a unit's sum per period and category)"),
    "rules.letters_required": ("部門須有本年度目標責任書，沒有時為錯誤", "部门须有本年度目标责任书，没有时为错误", "A department must have a letter for the year; without one it is an error"),
    "rules.letters_optional": ("沒有本年度目標責任書的部門在處理報告中提示", "没有本年度目标责任书的部门在处理报告中提示", "A department without a letter for the year is warned in the processing report"),
    "rules.rectification_text": (
        "未定整改期限的問題須在 {days} 天內整改；季末每項逾期問題加扣 {deduction} 分；{closing}",
        "未定整改期限的问题须在 {days} 天内整改；季末每项逾期问题加扣 {deduction} 分；{closing}",
        "A finding without a deadline must be fixed within {days} days; each finding overdue at a quarter's end deducts {deduction} more points; {closing}",
    ),
    "rules.closing_verified": ("經驗收通過方可銷號", "经验收通过方可销号", "a finding closes when an inspection confirms the fix"),
    "rules.closing_reported": ("報送整改回執即銷號", "报送整改回执即销号", "a finding closes when its fix is reported"),
    "rules.staff_text": ("檔次比例 A 檔 {a}、B 檔 {b}、C 檔 {c}；個人係數 A 檔 {x}、B 檔 {y}、C 檔 {z}", "档次比例 A 档 {a}、B 档 {b}、C 档 {c}；个人系数 A 档 {x}、B 档 {y}、C 档 {z}", "Bands A {a}, B {b}, C {c}; personal coefficients A {x}, B {y}, C {z}"),
    "rules.annual_text": (
        "優秀黨群部門每板塊 {departments} 個；先進黨支部 {branches}；優秀黨務工作者每單位 {staff}；全年評為 C 檔超過 {months} 個月的部門不能評優",
        "优秀党群部门每板块 {departments} 个；先进党支部 {branches}；优秀党务工作者每单位 {staff}；全年评为 C 档超过 {months} 个月的部门不能评优",
        "Excellent departments: {departments} per block; advanced branches: {branches}; excellent staff: {staff} of each unit; a department banded C in more than {months} months cannot be excellent",
    ),
    "rules.count": ("{n} 個", "{n} 个", "{n}"),
    "rules.people": ("{n} 名", "{n} 名", "{n}"),
    "cli.rules_changed": ("考核規則：", "考核规则：", "Rules:"),
    "cli.rule_change": ("  [{level}] {file}：{text}", "  [{level}] {file}：{text}", "  [{level}] {file}: {text}"),
    "site.reward": ("獎勵 {amount} 元", "奖励 {amount} 元", "reward {amount}"),
    "site.no_brief": (
        "本期結果由「{source}」匯入，沒有講評會材料，以下只列排名與綜合得分。",
        "本期结果由「{source}」导入，没有讲评会材料，以下只列排名与综合得分。",
        "This period was imported from '{source}': it has no brief, so only its ranks and totals are shown.",
    ),
    "site.month_heading": ("{period}黨群部門考核排名", "{period}党群部门考核排名", "Departments' ranking, {period}"),
    "site.quarter_heading": ("{period}基層黨支部考核排名", "{period}基层党支部考核排名", "Branches' ranking, {period}"),
    "site.period_heading": ("{period} {kind}", "{period} {kind}", "{period}: {kind}"),
    "site.rules_periods": ("適用期間：{periods}", "适用期间：{periods}", "In force for: {periods}"),
    "site.rules_intro": (
        "每次考核所依據的規則（config.toml 的設定）隨結果一併保存；與前期不同的規定以底色標出，並列出此前的規定。",
        "每次考核所依据的规则（config.toml 的设定）随结果一并保存；与前期不同的规定以底色标出，并列出此前的规定。",
        "The rules each period was assessed by (the settings of config.toml) are stored with its results; a rule that differs from the period before is shaded, with its earlier wording.",
    ),
    "site.nothing_stored_hint": (
        "執行 pbbatch run 後，這裡會顯示最新一期的排名。",
        "执行 pbbatch run 后，这里会显示最新一期的排名。",
        "Once pbbatch run has run, the latest rankings show here.",
    ),
    "site.board_covering": ("{form}（涵蓋 {unit}）", "{form}（涵盖 {unit}）", "{form} (covering {unit})"),
    "site.board_checked": (
        "報送期間：{period}；最近檢查時間：{time}。",
        "报送期间：{period}；最近检查时间：{time}。",
        "Period: {period}; last checked: {time}.",
    ),
    "site.board_summary": (
        "共收到 {files} 個文件：接收 {accepted} 個，退回 {rejected} 個；未報送 {missing} 份。",
        "共收到 {files} 个文件：接收 {accepted} 个，退回 {rejected} 个；未报送 {missing} 份。",
        "{files} files received: {accepted} accepted, {rejected} rejected; {missing} submissions missing.",
    ),
    "site.board_hint": (
        "被退回的文件不計分：請按所列工作表和儲存格逐項改正，把「版本」加 1 後重新放入報送文件夾。",
        "被退回的文件不计分：请按所列工作表和单元格逐项改正，把「版本」加 1 后重新放入报送文件夹。",
        "A rejected file counts for nothing: fix each problem at the sheet and cell listed, raise 'Version' by 1 and drop the file into the shared folder again.",
    ),
    "site.board_never": (
        "尚未檢查報送文件夾。執行 pbbatch check --period YYYY-MM（或 pbbatch run）後，這裡會列出各單位的報送情況。",
        "尚未检查报送文件夹。执行 pbbatch check --period YYYY-MM（或 pbbatch run）后，这里会列出各单位的报送情况。",
        "The shared folder has not been checked yet. After pbbatch check --period YYYY-MM (or pbbatch run), every submitter's files are listed here.",
    ),
    "cli.site_written": ("信息網已更新：{path}", "信息网已更新：{path}", "The information site is updated: {path}"),
    "cli.board_written": ("報送情況頁已更新：{path}", "报送情况页已更新：{path}", "The collection board is updated: {path}"),
    "cli.board_locked": (
        "報送情況頁未更新：另一個 pbbatch 正在使用 {path}（它完成時會自行更新該頁）。",
        "报送情况页未更新：另一个 pbbatch 正在使用 {path}（它完成时会自行更新该页）。",
        "The collection board was not updated: another pbbatch is using {path} (it updates the board itself when it ends).",
    ),

}


# Command-line help (--help): shown in Chinese and English together, since it is read before any config
# (and so any locale) is known. Command and option names stay English.
HELP: dict[str, tuple[str, str, str]] = {
    "cli": (
        "pbbatch：黨建目標績效管理的月度批次處理。",
        "pbbatch：党建目标绩效管理的月度批处理。",
        "pbbatch: the monthly batch of party-building target performance management.",
    ),
    "cli.short": ("黨建目標績效管理的月度批次處理", "党建目标绩效管理的月度批处理", "the monthly party-building batch"),
    "opt.help": ("顯示此說明並退出。", "显示此说明并退出。", "Show this message and exit."),
    "opt.version": ("顯示版本並退出。", "显示版本并退出。", "Show the version and exit."),
    "opt.config": (
        "設定檔（預設為目前資料夾的 config.toml）；其中的路徑相對於設定檔所在的資料夾。",
        "配置文件（默认为当前文件夹的 config.toml）；其中的路径相对于配置文件所在的文件夹。",
        "The config file (default: config.toml in the current folder); paths in it are relative to its folder.",
    ),
    "init": (
        "建立可直接使用的工作目錄 FOLDER：config.toml、範例名冊 名冊.xlsx、inbox/ 和 output/。不提問，已有的文件不會被覆寫。",
        "创建可直接使用的工作目录 FOLDER：config.toml、示例名册 名册.xlsx、inbox/ 和 output/。不提问，已有的文件不会被覆盖。",
        "Make a ready working folder FOLDER: config.toml, a sample registry (名冊.xlsx; registry.xlsx with --locale en), inbox/ and output/. Asks nothing; nothing already there is overwritten.",
    ),
    "init.short": ("建立工作目錄", "创建工作目录", "make a working folder"),
    "opt.init_config": (
        "在 FOLDER 中建立的設定檔名稱。",
        "在 FOLDER 中创建的配置文件名称。",
        "The name of the config file to create in FOLDER.",
    ),
    "opt.init_locale": (
        "設定檔註解、範例名冊及輸出所用的語言：zh-Hant（繁體）、zh-Hans（簡體）或 en（英文）。",
        "配置文件注释、示例名册及输出所用的语言：zh-Hant（繁体）、zh-Hans（简体）或 en（英文）。",
        "The language of the config's comments, the sample registry and the outputs: zh-Hant, zh-Hans or en.",
    ),
    "templates": (
        "寫出 PERIOD 應報送的空白表單，每個報送人一份，已預填並可直接分發。",
        "写出 PERIOD 应报送的空白表单，每个报送人一份，已预填并可直接分发。",
        "Write the blank forms expected for PERIOD, one per submitter, pre-filled and ready to hand out.",
    ),
    "templates.short": ("寫出空白表單", "写出空白表单", "write the blank forms"),
    "opt.templates_period": (
        "月份，如 2026-03（季末月份連同季度表單），或季度，如 2026-Q1（只有季度表單），或年度，如 2026（空白目標責任書）。",
        "月份，如 2026-03（季末月份连同季度表单），或季度，如 2026-Q1（只有季度表单），或年度，如 2026（空白目标责任书）。",
        "A month, e.g. 2026-03 (at quarter end with the quarter's forms), or a quarter, e.g. 2026-Q1 (only the quarter's forms), or a year, e.g. 2026 (the blank responsibility letter).",
    ),
    "opt.templates_out": (
        "表單寫到哪個資料夾（預設：<output>/空白表單/<期間>）。",
        "表单写到哪个文件夹（默认：<output>/空白表单/<期间>）。",
        "Where to write the forms (default: <output>/blank_forms/<period>, named in the locale).",
    ),
    "check": (
        "讀取並檢查收件夾，列出已接收、退回及未報送的表單。除信息網的報送情況頁（<output>/site/board.html，逐個文件列出問題所在的工作表和儲存格）外不寫出任何文件。",
        "读取并检查收件夹，列出已接收、退回及未报送的表单。除信息网的报送情况页（<output>/site/board.html，逐个文件列出问题所在的工作表和单元格）外不写出任何文件。",
        "Read and validate the inbox; print what is accepted, rejected and missing. Writes nothing but the site's collection board (<output>/site/board.html: every file's problems with their sheet and cell).",
    ),
    "check.short": ("檢查收件夾，更新報送情況頁", "检查收件夹，更新报送情况页", "validate the inbox, update the board"),
    "opt.check_period": ("要檢查的月份，如 2026-03。", "要检查的月份，如 2026-03。", "The month to check, e.g. 2026-03."),
    "run": (
        "月度批次處理：檢查、計分、排名，並寫出該月的全部結果。",
        "月度批处理：检查、计分、排名，并写出该月的全部结果。",
        "The monthly batch: validate, score, rank and write every output for the month.",
    ),
    "run.short": ("月度批次處理", "月度批处理", "the monthly batch"),
    "opt.run_period": (
        "要處理的月份，如 2026-03（預設：上一個月）。",
        "要处理的月份，如 2026-03（默认：上一个月）。",
        "The month to run, e.g. 2026-03 (default: the previous month).",
    ),
    "opt.quiet": ("不顯示進度，即使在終端機上。", "不显示进度，即使在终端上。", "No progress line, even on a terminal."),
    "opt.timings": (
        "在標準錯誤輸出中列出每個處理階段所用的時間。",
        "在标准错误输出中列出每个处理阶段所用的时间。",
        "Print the wall time of each pipeline stage to standard error.",
    ),
    "brief": (
        "根據已儲存的結果，以目前設定的語言重新寫出已處理月份（季末連同季度）的講評會材料，不讀取收件夾。",
        "根据已保存的结果，以当前配置的语言重新写出已处理月份（季末连同季度）的讲评会材料，不读取收件夹。",
        "Write the review-meeting briefs of a month already run again (and its quarter's at quarter end), from the stored results, in the configured locale, without reading the inbox.",
    ),
    "brief.short": ("重新寫出講評會材料", "重新写出讲评会材料", "write the briefs again"),
    "opt.brief_period": ("已處理的月份，如 2026-03。", "已处理的月份，如 2026-03。", "A month already run, e.g. 2026-03."),
    "history": (
        "已儲存的結果，供連續期間規則和季度兌現使用。",
        "已保存的结果，供连续期间规则和季度兑现使用。",
        "The stored results that the streak rules and the quarterly payout read.",
    ),
    "history.short": ("歷史記錄", "历史记录", "the stored results"),
    "history.list": (
        "列出已儲存的期間、各期的單位數及來源。",
        "列出已保存的期间、各期的单位数及来源。",
        "Show the stored periods, how many units each holds, and where each came from.",
    ),
    "history.list.short": ("列出已儲存的期間", "列出已保存的期间", "show the stored periods"),
    "history.import": (
        "從 FILE 中的往期成績匯入歷史記錄（工作表含 期間、單位編號、排名、綜合得分、一票否決、負責人，支部另含 排名靠後 和 墊底）。全部或全不：任何一行有錯，就不匯入任何記錄。",
        "从 FILE 中的往期成绩导入历史记录（工作表含 期间、单位编号、排名、综合得分、一票否决、负责人，支部另含 排名靠后 和 垫底）。全部或全不：任何一行有错，就不导入任何记录。",
        "Seed the history from earlier results in FILE (a sheet with period, unit_id, rank, total, vetoed, head, and for branches low_ranked and last). All or nothing: any bad row and nothing is stored.",
    ),
    "history.import.short": ("匯入往期成績", "导入往期成绩", "seed earlier results"),
    "history.remove": (
        "刪除 PERIOD（月份如 2026-03，或季度如 2026-Q1）的歷史記錄，以撤銷一次錯誤的處理。先說明將刪除什麼並詢問；該期間的輸出文件夾不動。",
        "删除 PERIOD（月份如 2026-03，或季度如 2026-Q1）的历史记录，以撤销一次错误的处理。先说明将删除什么并询问；该期间的输出文件夹不动。",
        "Remove the stored results of PERIOD (a month such as 2026-03, or a quarter such as 2026-Q1), to undo a wrong run. Says what will go and asks first; the period's output folder is left alone.",
    ),
    "history.remove.short": ("刪除一個期間的記錄", "删除一个期间的记录", "remove a period's results"),
    "opt.yes": ("不詢問，直接刪除。", "不询问，直接删除。", "Remove without asking first."),

    # §7 targets and responsibility letters
    "letters": (
        "按收件夾中計入的 YEAR 年目標責任書，為每個部門寫出一份可列印的責任書（DOCX 和 HTML，A4）：目標、一票否決類別、分檔與薪酬規則和簽署欄。",
        "按收件夹中计入的 YEAR 年目标责任书，为每个部门写出一份可打印的责任书（DOCX 和 HTML，A4）：目标、一票否决类别、分档与薪酬规则和签署栏。",
        "Write one printable responsibility letter per department (DOCX and HTML, A4) from the YEAR letters counted in the inbox: its targets, the veto categories, the banding and pay rules, and the signature blocks.",
    ),
    "letters.short": ("寫出可列印的目標責任書", "写出可打印的目标责任书", "write the printable responsibility letters"),
    "opt.letters_year": ("年度，如 2026。", "年度，如 2026。", "The year, e.g. 2026."),
    "opt.letters_out": (
        "責任書寫到哪個資料夾（預設：<output>/目標責任書_<年度>）。",
        "责任书写到哪个文件夹（默认：<output>/目标责任书_<年度>）。",
        "Where to write the letters (default: <output>/target_letters_<year>, named in the locale).",
    ),

    # §8 rectification
    "notices": (
        "根據已儲存的整改台賬，重新寫出該月的整改通知書（每個有整改中或逾期問題的支部一份，只待驗收的不發），季末連同排名靠後支部的提示函，不讀取收件夾。",
        "根据已保存的整改台账，重新写出该月的整改通知书（每个有整改中或逾期问题的支部一份，只待验收的不发），季末连同排名靠后支部的提示函，不读取收件夹。",
        "Write a month's rectification notices again (one per branch with a finding open or overdue; none for findings only awaiting their check), and at quarter end the reminders to low-ranked branches, from the stored ledger, without reading the inbox.",
    ),
    "notices.short": ("重新寫出整改通知書", "重新写出整改通知书", "write the rectification notices again"),
    "opt.notices_period": ("已處理的月份，如 2026-03。", "已处理的月份，如 2026-03。", "A month already run, e.g. 2026-03."),

    # §9 individuals

    # §10 the year
    "annual": (
        "根據已儲存的歷史記錄寫出 YEAR 年度的考核結果與評先選優：年度考核_<年>.xlsx 和 年度講評會材料_<年>.html/.docx，寫到 <output>/<年>/（十二月的批次處理也會寫出）。",
        "根据已保存的历史记录写出 YEAR 年度的考核结果与评先选优：年度考核_<年>.xlsx 和 年度讲评会材料_<年>.html/.docx，写到 <output>/<年>/（十二月的批处理也会写出）。",
        "Write the year's results and awards from the stored history: 年度考核_<year>.xlsx and 年度講評會材料_<year>.html/.docx (named in the locale) under <output>/<year>/ (the December run writes them too).",
    ),
    "annual.short": ("年度考核與評先選優", "年度考核与评先选优", "the year's results and awards"),
    "opt.annual_year": ("年份，如 2026。", "年份，如 2026。", "The year, e.g. 2026."),

    # §11 the information site and the rules in force
    "site": (
        "由歷史記錄重新生成信息網 <output>/site/（首頁、各期、各單位、考核規則；報送情況頁保留最近一次檢查的結果）。雙擊 index.html 即可打開，無需網絡。",
        "由历史记录重新生成信息网 <output>/site/（首页、各期、各单位、考核规则；报送情况页保留最近一次检查的结果）。双击 index.html 即可打开，无需网络。",
        "Build the information site <output>/site/ again from the stored history (home, every period, every unit, the rules; the collection board keeps the last check's). Open index.html by double-click: no network needed.",
    ),
    "site.short": ("重新生成信息網", "重新生成信息网", "build the information site again"),

}

def locale_index(locale: str) -> int:
    return LOCALES.index(locale)


def _english_display(key: str, alias: str) -> str:
    if key in DISPLAY:
        return DISPLAY[key]
    if key.startswith(("file.", "brief.")) or not re.fullmatch(r"[a-z][a-z0-9_]*", alias):
        return alias
    words = alias.replace("_", " ")
    return words if key.startswith(VALUE_KEYS) else words[0].upper() + words[1:]


_ENGLISH = {key: _english_display(key, texts[2]) for key, texts in LABELS.items()}


def label(key: str, locale: str = DEFAULT_LOCALE) -> str:
    """What outputs and messages show: in English the display text, not the alias."""
    return _ENGLISH[key] if locale == "en" else LABELS[key][locale_index(locale)]


def alias(key: str, locale: str = DEFAULT_LOCALE) -> str:
    """The contract's spelling, in English its alias (`unit_id`): for files people fill in, e.g. the registry."""
    return LABELS[key][locale_index(locale)]


def message(code: str, locale: str = DEFAULT_LOCALE, /, **fields: object) -> str:
    """The message in the locale; text quoted in it (a cell, a name) with its invisible characters shown."""
    shown = {k: visible(v) if isinstance(v, str) else v for k, v in fields.items()}
    return MESSAGES[code][locale_index(locale)].format(**shown)


# Control characters (escape sequences, line breaks), format characters (zero-width space, right-to-left
# override), separators, and code points with no character: what a reader cannot see, or what rewrites what the
# reader sees. U+3000 and the other spaces stay: they are visible gaps.
_INVISIBLE = frozenset(("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"))


def visible(text: str) -> str:
    """Text that is inert wherever it is shown: each invisible or controlling character as <U+200B>, so that
    'D03' followed by a zero-width space reads D03<U+200B>, and an escape sequence cannot rewrite a terminal."""
    if text.isprintable():  # the common case: printable means none of _INVISIBLE, and no space but ' '
        return text
    return "".join(f"<U+{ord(ch):04X}>" if unicodedata.category(ch) in _INVISIBLE else ch for ch in text)


def help_text(key: str, sep: str = "\n\n") -> str:
    """--help text: the Chinese, then the English."""
    texts = HELP[key]
    return f"{texts[locale_index(DEFAULT_LOCALE)]}{sep}{texts[locale_index('en')]}"


def _build_simplification_table() -> dict[int, str]:
    """Traditional -> Simplified character map, derived from the label pairs above."""
    table: dict[int, str] = {}
    for hant, hans, _ in LABELS.values():
        if len(hant) != len(hans):
            continue
        for t, s in zip(hant, hans):
            if t != s:
                table[ord(t)] = s
    return table


_SIMPLIFY = _build_simplification_table()
_STRIP_MARKERS = "*＊"


@functools.lru_cache(maxsize=65536)
def fold(text: object) -> str:
    """The comparison key of a label: width, spaces, script and case do not matter."""
    s = unicodedata.normalize("NFKC", str(text))
    s = "".join(s.split()).strip(_STRIP_MARKERS)
    return s.translate(_SIMPLIFY).casefold()


def variants(key: str) -> tuple[str, ...]:
    """Every spelling accepted as input: the three locales' texts (the English one the alias) and the display."""
    return (*LABELS[key], _ENGLISH[key])


def matcher(keys: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Folded text -> label key, accepting every spelling of each key."""
    out: dict[str, str] = {}
    for key in keys:
        for text in variants(key):
            out[fold(text)] = key
    return out
