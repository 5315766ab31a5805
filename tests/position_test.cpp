// xxgk/position.hpp: positions written in both languages and both styles, with and without a PDF page.
#include <xxgk/position.hpp>

#include <gtest/gtest.h>

namespace {

using xxgk::language;
using xxgk::position_style;
using xxgk::position_text;
using xxgk::source_position;

const source_position line{3, 4, 0};
const source_position line_on_page{3, 4, 2};
const source_position line_only{3, 0, 0};
const source_position table{0, 0, 0, 1, 2, 3};
const source_position table_on_page{0, 0, 2, 1, 2, 3};
const source_position page_only{0, 0, 2};

TEST(position, prose_names_every_part_in_both_languages) {
    EXPECT_EQ(position_text(line, language::zh), "第3行第4列");
    EXPECT_EQ(position_text(line_on_page, language::zh), "第2页第3行第4列");
    EXPECT_EQ(position_text(line_only, language::en), "line 3");
    EXPECT_EQ(position_text(line_on_page, language::en), "page 2, line 3, column 4");
    EXPECT_EQ(position_text(table, language::zh), "第1个表格第2行第3格");
    EXPECT_EQ(position_text(table_on_page, language::en), "page 2, table 1, row 2, cell 3");
    EXPECT_EQ(position_text(page_only, language::en), "page 2");
    EXPECT_EQ(position_text(source_position{}, language::zh), "");
    // A report table, when known, is named in prose too.
    EXPECT_EQ(position_text(table, language::en, position_style::prose, 3), "report table 3, row 2, cell 3");
    EXPECT_EQ(position_text(table_on_page, language::zh, position_style::prose, 3), "第2页表三第2行第3格");
}

TEST(position, a_cell_or_a_finding_names_its_report_table) {
    using namespace xxgk;
    EXPECT_EQ(report_table_number(ref(row::granted, applicant::natural_person)), 3u);
    EXPECT_EQ(report_table_number(ref(active_item::fees)), 2u);
    EXPECT_EQ(report_table_number(ref(active_item_2019::regulations, column_2019::made)), 2u);
    EXPECT_EQ(report_table_number(ref(proceeding::administrative_review, case_result::total)), 4u);
    EXPECT_EQ(report_table_number(ref(section::problems)), 5u);
    EXPECT_EQ(report_table_number(ref(metadata_field::year)), 0u);
    EXPECT_EQ(report_table_number(cell_ref{}), 0u);
    EXPECT_EQ(position_text(table, ref(row::granted, applicant::natural_person), language::zh), "表三第2行第3格");
    EXPECT_EQ(position_text(table, ref(proceeding::administrative_review, case_result::total), language::en),
              "report table 4, row 2, cell 3");
    // A finding: the first of its cells that belongs to a table or section; metadata names none.
    diagnostic d{rule::t3_balance, severity::error, status::fail,
                 {ref(metadata_field::year), ref(row::new_received, applicant::natural_person)}, {}, {}, {}, {}, {}};
    d.source = table;
    EXPECT_EQ(position_text(d, language::zh), "表三第2行第3格");
    EXPECT_EQ(position_text(d, language::en, position_style::compact), ": report table 3, row 2, cell 3");
    d.cells = {ref(metadata_field::year)};
    EXPECT_EQ(position_text(d, language::zh, position_style::compact), ":第1个表格第2行第3格");
}

TEST(position, compact_follows_a_file_name_and_keeps_the_pdf_page) {
    EXPECT_EQ(position_text(line, language::en, position_style::compact), ":3:4");
    EXPECT_EQ(position_text(line_only, language::zh, position_style::compact), ":3");
    EXPECT_EQ(position_text(line_on_page, language::zh, position_style::compact), ":第2页:3:4");
    EXPECT_EQ(position_text(line_on_page, language::en, position_style::compact), ":page 2:3:4");
    EXPECT_EQ(position_text(table, language::zh, position_style::compact), ":第1个表格第2行第3格");
    EXPECT_EQ(position_text(table, language::en, position_style::compact, 3), ": report table 3, row 2, cell 3");
    EXPECT_EQ(position_text(table, language::zh, position_style::compact, 3), ":表三第2行第3格");
    EXPECT_EQ(position_text(source_position{0, 0, 0, 4, 0, 0}, language::en, position_style::compact), ": table 4");
    EXPECT_EQ(position_text(table_on_page, language::en, position_style::compact, 4), ": page 2, report table 4, row 2, cell 3");
    EXPECT_EQ(position_text(table_on_page, language::zh, position_style::compact), ":第2页第1个表格第2行第3格");
    EXPECT_EQ(position_text(page_only, language::zh, position_style::compact), ":第2页");
    EXPECT_EQ(position_text(source_position{}, language::en, position_style::compact), "");
    // Out of the report's nine tables, the document's table number.
    EXPECT_EQ(position_text(table, language::en, position_style::compact, 10), ": table 1, row 2, cell 3");
}

}  // namespace
