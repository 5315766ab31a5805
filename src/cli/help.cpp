// The help of `xxgk` and of each of its commands, in Chinese (the default) and in English.
#include "cli.hpp"

namespace xxgk::cli {

namespace {

constexpr std::string_view xxgk_zh = R"(用法：
  xxgk check [选项] 文件|目录...
                                 检查任何格式的报告（目录递归查找，- 读标准输入），也跨年度比对；
                                 全部选项见 `xxgk check --help`
  xxgk rules [--lang zh|en] [--format text|json]
                                 列出规则目录
  xxgk schema                    输出规范报告 JSON 的 JSON Schema
  xxgk render [--format html|markdown|text] [--lang zh|en] [--input-format F] [--check] [-o 文件] 文件
                                 按正式版式输出三张表（--check：附检查结果；多个文件时用
                                 --format html --check -o 目录：每份报告一页并附索引页）
  xxgk parse [--input-format F] [--positions] [--pretty] 文件
                                 读取任何格式的报告（json、text、markdown、html、docx、pdf、layout、
                                 doc、rtf、odt、image），输出规范 JSON；读取中的发现写到标准错误
  xxgk aggregate --units 文件 [--year 年度] [--parent 名称] 文件|目录...
                                 单位名单（已公开、逾期、未公开、无法读取）、各上级的汇总及与其
                                 报告不同的单元格、每份报告和汇总的指标（JSON）
  xxgk --version
每个命令都接受 --help（-h）；选项可写作 --选项=值；-- 之后的参数都是文件。

退出状态：0 无“错误”级发现，1 有“错误”级发现，2 输入无法使用、用法错误或输出无法写入
)";

constexpr std::string_view xxgk_en = R"(usage:
  xxgk check [options] FILE|DIR...
                                 check reports in any format (directories recursively, - reads
                                 standard input), across years too; `xxgk check --help` for all options
  xxgk rules [--lang zh|en] [--format text|json]
                                 list the rule catalogue
  xxgk schema                    print the JSON Schema of the canonical report JSON
  xxgk render [--format html|markdown|text] [--lang zh|en] [--input-format F] [--check] [-o FILE] FILE
                                 the three tables in the official layout (--check: with the findings;
                                 several FILEs with --format html --check -o DIR: pages and an index)
  xxgk parse [--input-format F] [--positions] [--pretty] FILE
                                 read a report in any format (json, text, markdown, html, docx,
                                 pdf, layout, doc, rtf, odt, image) and print its canonical JSON;
                                 reader findings on stderr
  xxgk aggregate --units FILE [--year YEAR] [--parent NAME] FILE|DIR...
                                 the roster of units (published, late, missing, unreadable), each
                                 parent's sum of its children's tables and the cells its own report
                                 differs in, the indicators of every report and sum (JSON)
  xxgk --version
Every command takes --help (-h); options may be written --option=value; arguments after -- are files.

exit status: 0 no error-severity finding, 1 findings of severity error,
             2 unusable input, usage, or output that could not be written
)";

constexpr std::string_view check_zh = R"(用法：xxgk check [选项] 文件|目录...
  目录递归查找 .json .txt .md .html .htm .docx .pdf 文件；其他文件列入汇总并说明原因；见 docs/batch.md
  -j, --jobs N                   线程数（默认：全部核心）；输出与 N 无关
  --format text|json|jsonl|csv|sarif|html|xlsx
                                 供人阅读的文本（默认）、一个 JSON 文档、JSON Lines、CSV、SARIF 2.1.0，
                                 标出问题单元格的 HTML 页面（写入 -o 目录），或 Excel 工作簿（写入 -o 文件）
  --lang zh|en                   消息语言（默认 zh）
  --disable 规则[,规则...]       不运行这些规则（编号见 `xxgk rules`）
  --severity 规则=级别           以该级别（error、warning 或 info）报告规则
  --fee-threshold N              t2.fee_unit 的阈值，单位万元（默认 1000000）
  --input-format F               所有文件都按格式 F 读取，不自动识别
  --progress | --no-progress     在标准错误显示进度（默认：标准错误是终端时）
  --summary                      只有一个文件时也输出汇总
  --pairs 文件                   CSV current,previous：明确指定与上年报告的配对
  --hierarchy 文件               CSV parent,child（机关名称）：运行 xy.hierarchy
  --parent-includes-own          与 --hierarchy 合用：上级 >= 下级之和，而非 =
  --deadline 类别=MM-DD          pub.late 的公开期限，类别为 department|government|township|other
  --require-date                 缺少发布日期时报告为无法评估
  --similarity X                 xy.duplicate 的正文相似度阈值，0..1（默认 0.9）
  --baseline 文件                不列出早先 json/jsonl/sarif/csv 输出中已有的发现
  --db 文件                      同时把报告、单元格和发现写入 SQLite
  --csv-bom                      CSV 以 UTF-8 BOM 开头，Excel 和 WPS 可直接按中文打开
  -o, --output 目录              --format html 写入每份报告一页和 index.html 的目录（默认 xxgk-report）
  -o, --output 文件              --format xlsx 写入的工作簿（默认 xxgk-report.xlsx）
  --aggregate 文件               与 --format xlsx 或 html 合用：加入 xxgk aggregate 输出中的名单、汇总和指标

退出状态：0 无“错误”级发现，1 有“错误”级发现，2 有文件无法读取或跳过、用法错误或输出无法写入
)";

constexpr std::string_view check_en = R"(usage: xxgk check [options] FILE|DIR...
  directories are searched recursively for .json .txt .md .html .htm .docx .pdf; other files are listed
  in the summary with the reason; see docs/batch.md
  -j, --jobs N                   threads (default: all cores); output does not depend on N
  --format text|json|jsonl|csv|sarif|html|xlsx
                                 output for people (default), one JSON document, JSON Lines, CSV,
                                 SARIF 2.1.0, HTML pages with the faulty cells marked (-o DIR), or an
                                 Excel workbook (-o FILE)
  --lang zh|en                   language of messages (default zh)
  --disable RULE[,RULE...]       do not run these rules (ids as in `xxgk rules`)
  --severity RULE=LEVEL          report RULE at LEVEL (error, warning or info)
  --fee-threshold N              t2.fee_unit threshold in 万元 (default 1000000)
  --input-format F               read every file as format F instead of sniffing it
  --progress | --no-progress     progress on stderr (default: when stderr is a terminal)
  --summary                      print the run summary even for one file
  --pairs FILE                   CSV current,previous: explicit pairing with last year's report
  --hierarchy FILE               CSV parent,child (agency names): run xy.hierarchy
  --parent-includes-own          with --hierarchy: parent >= sum of children instead of =
  --deadline KIND=MM-DD          pub.late deadline for department|government|township|other
  --require-date                 a missing publication date is reported as not assessable
  --similarity X                 xy.duplicate prose threshold, 0..1 (default 0.9)
  --baseline FILE                suppress findings listed in an earlier json/jsonl/sarif/csv output
  --db FILE                      also write reports, cells and findings into SQLite
  --csv-bom                      start the CSV with a UTF-8 BOM, so Excel and WPS open it as Chinese
  -o, --output DIR               where --format html writes one page per report and index.html
                                 (default xxgk-report)
  -o, --output FILE              the workbook --format xlsx writes (default xxgk-report.xlsx)
  --aggregate FILE               with --format xlsx or html: add the roster, the sums and the indicators
                                 of an xxgk aggregate output

exit status: 0 no error-severity finding, 1 findings of severity error, 2 a file could not be read or
             was skipped, usage, or output that could not be written
)";

constexpr std::string_view rules_zh = R"(用法：xxgk rules [--lang zh|en] [--format text|json]
  列出规则目录：编号、默认级别和名称
  --lang zh|en                   名称的语言（默认 zh）
  --format text|json             文本（默认）或 JSON
)";

constexpr std::string_view rules_en = R"(usage: xxgk rules [--lang zh|en] [--format text|json]
  list the rule catalogue: id, default severity and title
  --lang zh|en                   language of the titles (default zh)
  --format text|json             text (default) or JSON
)";

constexpr std::string_view schema_zh = R"(用法：xxgk schema
  输出规范报告 JSON 的 JSON Schema
)";

constexpr std::string_view schema_en = R"(usage: xxgk schema
  print the JSON Schema of the canonical report JSON
)";

constexpr std::string_view render_zh = R"(用法：xxgk render [选项] 文件
  按正式版式输出报告的三张表
  --format html|markdown|text    输出格式（默认 text）
  --lang zh|en                   语言（默认 zh）
  --input-format F               按格式 F 读取，不自动识别
  --check                        附上检查结果（html：标出问题单元格的检查结果页）
  -o, --output 文件|目录         写入文件而非标准输出；多个文件时与 --format html --check 合用，
                                 在该目录写入每份报告一页和 index.html
)";

constexpr std::string_view render_en = R"(usage: xxgk render [options] FILE
  the three tables of a report in the official layout
  --format html|markdown|text    output format (default text)
  --lang zh|en                   language (default zh)
  --input-format F               read the file as format F instead of sniffing it
  --check                        with the findings (html: the findings page with faulty cells marked)
  -o, --output FILE|DIR          write a file instead of standard output; with several FILEs and
                                 --format html --check, one page per report and index.html in DIR
)";

constexpr std::string_view aggregate_zh = R"(用法：xxgk aggregate [选项] 文件|目录...
  一年的报告：单位名单、各上级的汇总（下级表二、三、四之和）及指标，输出 JSON
  --units 文件                   应报单位，CSV：unit,kind,parent[,own]（own：上级本身的报告只含本级）
  --unit-files 文件              明确的对应关系，CSV：file,unit（优先于机关名称）
  --year 年度                    数据年度（默认：报告中最新的年度）
  --parent 名称                  只输出该上级的汇总，为规范报告 JSON（可交给 xxgk render、xxgk check）
  --deadline KIND=MM-DD          KIND 类机关的公开期限（department、government、township、other）
  --lang zh|en、--disable、--severity、--fee-threshold、--input-format  同 xxgk check
)";

constexpr std::string_view aggregate_en = R"(usage: xxgk aggregate [options] FILE|DIR...
  a year of reports: the roster of units, each parent's sum of its children's tables 2, 3 and 4, and
  the indicators, as JSON
  --units FILE                   the expected units, CSV unit,kind,parent[,own] (own: the parent's own
                                 report covers only its own office)
  --unit-files FILE              explicit matches, CSV file,unit (before the agency name)
  --year YEAR                    the data year (default: the latest among the reports)
  --parent NAME                  print only that parent's sum, as a canonical report (for xxgk render
                                 and xxgk check)
  --deadline KIND=MM-DD          publication deadline of KIND (department, government, township, other)
  --lang zh|en, --disable, --severity, --fee-threshold, --input-format  as for xxgk check
)";

constexpr std::string_view parse_zh = R"(用法：xxgk parse [选项] 文件
  读取任何格式的报告（json、text、markdown、html、docx、pdf、layout、doc、rtf、odt、image），输出规范 JSON；
  读取中的发现写到标准错误
  --input-format F               按格式 F 读取，不自动识别
  --positions                    在 JSON 中附上每个单元格在原文中的位置
  --pretty                       缩进输出
  --lang zh|en                   标准错误上消息的语言（默认 zh）
)";

constexpr std::string_view parse_en = R"(usage: xxgk parse [options] FILE
  read a report in any format (json, text, markdown, html, docx, pdf, layout, doc, rtf, odt, image) and
  print its canonical JSON; what the reader found goes to standard error
  --input-format F               read the file as format F instead of sniffing it
  --positions                    add each cell's position in the source to the JSON
  --pretty                       indented output
  --lang zh|en                   language of the messages on standard error (default zh)
)";

struct help_entry {
    std::string_view command, zh, en;
};

constexpr help_entry helps[] = {
    {"", xxgk_zh, xxgk_en},           {"check", check_zh, check_en},    {"rules", rules_zh, rules_en},
    {"schema", schema_zh, schema_en}, {"render", render_zh, render_en}, {"parse", parse_zh, parse_en},
    {"aggregate", aggregate_zh, aggregate_en},
};

}  // namespace

std::string_view help_text(std::string_view command, xxgk::language lang) {
    for (const help_entry &h : helps)
        if (h.command == command) return lang == xxgk::language::zh ? h.zh : h.en;
    return help_text("", lang);
}

}  // namespace xxgk::cli
