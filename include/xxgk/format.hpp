#ifndef XXGK_FORMAT_HPP
#define XXGK_FORMAT_HPP

// The 2021 uniform format (国办公开办函〔2021〕30号) and the 2019 trial format as data: every
// enumeration with its spec identifiers (Boost.Describe) and its official labels beside it.
// Labels are quoted character for character from the format (full-width punctuation, curly quotes); the
// English labels beside them are this project's translations (the format has no official English).

#include <xxgk/enumeration.hpp>

namespace xxgk {

/// The format edition a report follows.
BOOST_DEFINE_ENUM_CLASS(format_version, v2021, v2019)
template <> inline constexpr std::array<std::string_view, 2> labels_of<format_version> = {
    "国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号"};
template <> inline constexpr std::array<std::string_view, 2> english_labels_of<format_version> = {
    "2021 uniform format (General Office of the State Council, Letter [2021] No. 30)",
    "2019 trial format (General Office of the State Council, Letter [2019] No. 60)"};

/// What kind of agency published the report; decides the publication deadline.
BOOST_DEFINE_ENUM_CLASS(agency_kind, department, government, township, other)
template <> inline constexpr std::array<std::string_view, 4> labels_of<agency_kind> = {
    "政府部门", "人民政府", "乡镇（街道）", "其他"};
template <> inline constexpr std::array<std::string_view, 4> english_labels_of<agency_kind> = {
    "Government department", "People's government", "Township (subdistrict)", "Other"};

/// The six sections, in their printed order.
BOOST_DEFINE_ENUM_CLASS(section, overview, active_disclosure, applications, review_litigation, problems,
                        other_matters)
template <> inline constexpr std::array<std::string_view, 6> labels_of<section> = {
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项"};
template <> inline constexpr std::array<std::string_view, 6> english_labels_of<section> = {
    "I. Overview",
    "II. Proactive disclosure of government information",
    "III. Requests for disclosure of government information received and handled",
    "IV. Administrative reconsideration and litigation concerning government information disclosure",
    "V. Main problems and improvements",
    "VI. Other matters to report"};

// ---- Table 二 (2021) ----------------------------------------------------------------------------

/// The rows of table 二 in the 2021 format.
BOOST_DEFINE_ENUM_CLASS(active_item, regulations, normative_documents, licensing, punishment, enforcement, fees)
template <> inline constexpr std::array<std::string_view, 6> labels_of<active_item> = {
    "规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"};
template <> inline constexpr std::array<std::string_view, 6> english_labels_of<active_item> = {
    "Rules", "Administrative normative documents", "Administrative licensing", "Administrative penalties",
    "Administrative coercion", "Administrative fees"};

/// The three columns of the 第二十条第（一）项 sub-table (regulations, normative documents).
BOOST_DEFINE_ENUM_CLASS(document_column, issued, repealed, in_force)
template <> inline constexpr std::array<std::string_view, 3> labels_of<document_column> = {
    "本年制发件数", "本年废止件数", "现行有效件数"};
template <> inline constexpr std::array<std::string_view, 3> english_labels_of<document_column> = {
    "Issued this year", "Repealed this year", "In force"};

/// The clauses of 条例 第二十条 that caption the stacked sub-tables of table 二.
BOOST_DEFINE_ENUM_CLASS(article_clause, clause_1, clause_5, clause_6, clause_8, clause_9)
template <> inline constexpr std::array<std::string_view, 5> labels_of<article_clause> = {
    "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项"};
template <> inline constexpr std::array<std::string_view, 5> english_labels_of<article_clause> = {
    "Article 20, item (1)", "Article 20, item (5)", "Article 20, item (6)", "Article 20, item (8)",
    "Article 20, item (9)"};

/// Header of the first column of every table 二 sub-table.
inline constexpr std::string_view content_header_label = "信息内容";
/// The single column of the 第二十条第（五）项 and （六）项 sub-tables (2021).
inline constexpr std::string_view decisions_column_label = "本年处理决定数量";
/// The single column of the 第二十条第（八）项 sub-table (2021); the amount is in 万元.
inline constexpr std::string_view fee_column_label = "本年收费金额（单位：万元）";
/// The English labels of the single columns above.
inline constexpr std::string_view english_decisions_column_label = "Decisions this year";
inline constexpr std::string_view english_fee_column_label = "Fees collected this year (10,000 yuan)";

/// The sub-table (caption) an item of the 2021 table 二 sits in.
constexpr article_clause clause_of(active_item item) noexcept {
    switch (item) {
    case active_item::regulations:
    case active_item::normative_documents: return article_clause::clause_1;
    case active_item::licensing: return article_clause::clause_5;
    case active_item::punishment:
    case active_item::enforcement: return article_clause::clause_6;
    case active_item::fees: break;
    }
    return article_clause::clause_8;
}

// ---- Table 二 (2019 trial format) ---------------------------------------------------------------

/// The rows of table 二 in the 2019 trial format.
BOOST_DEFINE_ENUM_CLASS(active_item_2019, regulations, normative_documents, licensing, other_services, punishment,
                        enforcement, fees, procurement)
template <> inline constexpr std::array<std::string_view, 8> labels_of<active_item_2019> = {
    "规章", "规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费",
    "政府集中采购"};
template <> inline constexpr std::array<std::string_view, 8> english_labels_of<active_item_2019> = {
    "Rules", "Normative documents", "Administrative licensing", "Other external administrative services",
    "Administrative penalties", "Administrative coercion", "Administrative fees", "Centralised government procurement"};

/// The columns of the 2019 table 二 (each sub-table uses a subset).
BOOST_DEFINE_ENUM_CLASS(column_2019, made, published, total_published, previous_items, change, decisions, items,
                        amount)
template <> inline constexpr std::array<std::string_view, 8> labels_of<column_2019> = {
    "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "处理决定数量",
    "采购项目数量", "采购总金额"};
template <> inline constexpr std::array<std::string_view, 8> english_labels_of<column_2019> = {
    "Newly made this year", "Newly disclosed this year", "Total disclosed", "Items last year",
    "Increase/decrease this year", "Decisions", "Procurement projects", "Total procurement amount"};

/// The sub-table (caption) an item of the 2019 table 二 sits in.
constexpr article_clause clause_of(active_item_2019 item) noexcept {
    switch (item) {
    case active_item_2019::regulations:
    case active_item_2019::normative_documents: return article_clause::clause_1;
    case active_item_2019::licensing:
    case active_item_2019::other_services: return article_clause::clause_5;
    case active_item_2019::punishment:
    case active_item_2019::enforcement: return article_clause::clause_6;
    case active_item_2019::fees: return article_clause::clause_8;
    case active_item_2019::procurement: break;
    }
    return article_clause::clause_9;
}

// ---- Table 三 -----------------------------------------------------------------------------------

/// The seven applicant columns of table 三.
BOOST_DEFINE_ENUM_CLASS(applicant, natural_person, commercial, research, social_welfare, legal_service, other, total)
template <> inline constexpr std::array<std::string_view, 7> labels_of<applicant> = {
    "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};
template <> inline constexpr std::array<std::string_view, 7> english_labels_of<applicant> = {
    "Natural persons", "Commercial enterprises", "Research institutions", "Social welfare organisations",
    "Legal service institutions", "Other", "Total"};

/// The 25 numeric rows of table 三 (2021 format), in printed order.
BOOST_DEFINE_ENUM_CLASS(row, new_received, carried_over, granted, partially_granted, denied_state_secret,
                        denied_prohibited_by_law, denied_security_stability, denied_third_party_rights,
                        denied_internal_affairs, denied_process_information, denied_enforcement_file,
                        denied_administrative_query, unavailable_not_held, unavailable_needs_creation,
                        unavailable_unclear_after_correction, rejected_complaint, rejected_repeated,
                        rejected_publication, rejected_excessive, rejected_confirmation, other_no_correction,
                        other_fee_unpaid, other_other, total_processed, carried_forward)
template <> inline constexpr std::array<std::string_view, 25> labels_of<row> = {
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理"};
template <> inline constexpr std::array<std::string_view, 25> english_labels_of<row> = {
    "I. New requests received this year",
    "II. Requests carried over from last year",
    "(1) Disclosed",
    "(2) Partly disclosed (a request handled in parts counts here only)",
    "(3) 1. State secret",
    "(3) 2. Disclosure prohibited by other laws or administrative regulations",
    "(3) 3. Endangers the \"three securities and one stability\"",
    "(3) 4. Protection of third parties' lawful rights and interests",
    "(3) 5. Internal affairs information of the three kinds",
    "(3) 6. Process information of the four kinds",
    "(3) 7. Administrative enforcement case files",
    "(3) 8. Administrative query matters",
    "(4) 1. Information not held by this agency",
    "(4) 2. No existing information; it would have to be created",
    "(4) 3. Request still unclear after correction",
    "(5) 1. Petitions, reports and complaints",
    "(5) 2. Repeated requests",
    "(5) 3. Requests for published materials",
    "(5) 4. Large numbers of repeated requests without proper reason",
    "(5) 5. Requests to confirm or reissue information already obtained",
    "(6) 1. Applicant failed to make corrections in time without proper reason; the agency no longer handles the request",
    "(6) 2. Applicant failed to pay the fee notified in time; the agency no longer handles the request",
    "(6) 3. Other",
    "(7) Total",
    "IV. Carried forward to next year"};

/// The outcome categories under 三、本年度办理结果.
BOOST_DEFINE_ENUM_CLASS(outcome_group, granted, partially_granted, denied, unavailable, rejected, other_handling)
template <> inline constexpr std::array<std::string_view, 6> labels_of<outcome_group> = {
    "（一）予以公开", "（二）部分公开", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"};
template <> inline constexpr std::array<std::string_view, 6> english_labels_of<outcome_group> = {
    "(1) Disclosed", "(2) Partly disclosed", "(3) Not disclosed", "(4) Cannot be provided", "(5) Not handled",
    "(6) Handled otherwise"};

/// Header over the outcome rows.
inline constexpr std::string_view outcomes_heading_label = "三、本年度办理结果";
/// Header over the applicant columns.
inline constexpr std::string_view applicants_heading_label = "申请人情况";
/// Header over the five organisation columns.
inline constexpr std::string_view organisations_heading_label = "法人或其他组织";
/// The balance identity printed in the corner cell of table 三.
inline constexpr std::string_view balance_note_label =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// True for the 21 outcome rows `granted` … `other_other` summed by （七）总计.
constexpr bool is_outcome(row r) noexcept { return r >= row::granted && r <= row::other_other; }

/// The outcome category of an outcome row (meaningless for the other four rows).
constexpr outcome_group group_of(row r) noexcept {
    if (r <= row::granted) return outcome_group::granted;
    if (r == row::partially_granted) return outcome_group::partially_granted;
    if (r <= row::denied_administrative_query) return outcome_group::denied;
    if (r <= row::unavailable_unclear_after_correction) return outcome_group::unavailable;
    if (r <= row::rejected_confirmation) return outcome_group::rejected;
    return outcome_group::other_handling;
}

/// The 2019 format's single row `other_handling` replaces the three `other_*` rows.
constexpr bool is_2021_only(row r) noexcept { return r >= row::other_no_correction && r <= row::other_other; }

// ---- Table 四 -----------------------------------------------------------------------------------

/// The three proceedings of table 四.
BOOST_DEFINE_ENUM_CLASS(proceeding, administrative_review, litigation_direct, litigation_after_review)
template <> inline constexpr std::array<std::string_view, 3> labels_of<proceeding> = {
    "行政复议", "未经复议直接起诉", "复议后起诉"};
template <> inline constexpr std::array<std::string_view, 3> english_labels_of<proceeding> = {
    "Administrative reconsideration", "Litigation without prior reconsideration", "Litigation after reconsideration"};

/// The five result columns of each proceeding.
BOOST_DEFINE_ENUM_CLASS(case_result, upheld, corrected, other, pending, total)
template <> inline constexpr std::array<std::string_view, 5> labels_of<case_result> = {
    "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
template <> inline constexpr std::array<std::string_view, 5> english_labels_of<case_result> = {
    "Upheld", "Corrected", "Other results", "Pending", "Total"};

/// Header over the two litigation proceedings.
inline constexpr std::string_view litigation_heading_label = "行政诉讼";

}  // namespace xxgk

#endif
