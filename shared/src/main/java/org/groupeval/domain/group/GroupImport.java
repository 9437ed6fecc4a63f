package org.groupeval.domain.group;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.spreadsheet.SheetLayout;
import org.groupeval.domain.spreadsheet.SheetLayout.Column;
import org.groupeval.domain.spreadsheet.XlsxReader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Groups registered from a spreadsheet (rules.md §3.3): one row per group on the sheet 集团名单 of the template, each
 * row checked with the rules of a registration ({@link GroupRules}), every school at most once in the file and in no
 * registered group. Every problem is reported at once with its row and column; nothing is written unless every row
 * is valid.
 */
public final class GroupImport {

    /** Rows one file may hold: a province's groups are sent district by district. */
    public static final int MAX_ROWS = 500;
    /** The longest member cell: 60 members of a 20-character code and a 100-character name, with separators. */
    public static final int MAX_MEMBERS_CELL = 8_000;
    public static final String SHEET = "集团名单";

    public static final SheetLayout LAYOUT = new SheetLayout(SHEET, 1, List.of(
            new Column("name", "集团名称", GroupRules.MAX_NAME),
            new Column("type", "集团类型", 20),
            new Column("district", "所属区县代码", 20),
            new Column("coreSchoolCode", "核心学校代码", 20),
            new Column("coreSchoolName", "核心学校名称", GroupRules.MAX_NAME),
            new Column("memberSchools", "成员学校（每行一所：代码 名称）", MAX_MEMBERS_CELL),
            new Column("contactName", "联系人", GroupRules.MAX_NAME),
            new Column("contactPhone", "联系电话", 30),
            new Column("contactEmail", "电子邮箱", GroupRules.MAX_EMAIL)), MAX_ROWS);

    /** Where each field of a registration comes from. */
    private static final Map<String, String> FIELDS = Map.of("/name", "name", "/type", "type", "/district",
            "district", "/coreSchool", "coreSchoolCode", "/coreSchool/name", "coreSchoolName", "/memberSchools",
            "memberSchools", "/contact/name", "contactName", "/contact/phone", "contactPhone", "/contact/email",
            "contactEmail");
    private static final Pattern ENTRIES = Pattern.compile("[\\r\\n;；]+");
    private static final Pattern CODE_AND_NAME = Pattern.compile("\\s*([^\\s:：,，]*)[\\s:：,，]*(.*)");

    /** A valid row: its index under the headers, its Excel row and the registration it makes. */
    public record Row(int index, int excelRow, GroupRequest request) {
    }

    private GroupImport() {
    }

    /**
     * Every row as a valid registration, or 400 naming every problem with its cell: the fields by the rules of a
     * registration, and each school once in the whole file.
     */
    public static List<Row> rows(List<XlsxReader.Row> table) {
        List<FieldError> errors = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> firstRow = new HashMap<>();
        if (table.isEmpty()) {
            throw DomainException.invalid("", "the sheet " + SHEET + " has no group: fill in one row per group "
                    + "under the headers");
        }
        for (XlsxReader.Row row : table) {
            GroupRequest request = request(row);
            try {
                GroupRequest valid = GroupRules.validate(request);
                rows.add(new Row(row.index(), row.excelRow(), valid));
                for (School school : valid.schools()) {
                    Integer first = firstRow.putIfAbsent(school.code(), row.excelRow());
                    if (first != null) {
                        errors.add(LAYOUT.error(row.index(), columnOf(valid, school), "school " + school.code()
                                + " is also in row " + first + ": a school belongs to at most one group"));
                    }
                }
            } catch (DomainException invalid) {
                errors.addAll(LAYOUT.locate(row.index(), invalid.errors().stream().map(e -> new FieldError(
                        e.pointer(), member(e, request))).toList(), FIELDS));
            }
        }
        if (!errors.isEmpty()) {
            throw XlsxReader.invalid(errors);
        }
        return rows;
    }

    /**
     * 400 when schools of the file already belong to a registered group ({@code holders}: school code → the holding
     * group's id), naming each cell.
     */
    public static void checkNotClaimed(List<Row> rows, Map<String, String> holders) {
        List<FieldError> errors = new ArrayList<>();
        for (Row row : rows) {
            for (School school : row.request().schools()) {
                String holder = holders.get(school.code());
                if (holder != null) {
                    errors.add(LAYOUT.error(row.index(), columnOf(row.request(), school), "school " + school.code()
                            + " already belongs to group " + holder + ": a school belongs to at most one group"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw XlsxReader.invalid(errors);
        }
    }

    /**
     * 409 for a row whose school another registration claimed while the file was being written (every group the
     * import had written is removed again first): the refusal of {@link GroupRules#schoolsTaken}, with the cells.
     */
    public static DomainException takenWhileWriting(Row row, DomainException taken) {
        List<FieldError> errors = new ArrayList<>();
        Object schools = taken.extensions().get("schools");
        if (schools instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> m) {
                    Object code = m.get("schoolCode");
                    row.request().schools().stream().filter(s -> s.code().equals(code)).findFirst().ifPresent(s ->
                            errors.add(LAYOUT.error(row.index(), columnOf(row.request(), s), "school " + code
                                    + " was registered in group " + m.get("holderGroupId") + " meanwhile")));
                }
            }
        }
        DomainException conflict = new DomainException(409, taken.type(), taken.title(), "Row " + row.excelRow()
                + ": " + taken.detail() + " Nothing of the file was kept: remove the row or the school and send "
                + "the whole file again.", errors);
        taken.extensions().forEach(conflict::with);
        return conflict;
    }

    private static String columnOf(GroupRequest request, School school) {
        return school.code().equals(request.coreSchool().code()) ? "coreSchoolCode" : "memberSchools";
    }

    /** A registration as the row gives it; a type may be its code or its Chinese name. */
    private static GroupRequest request(XlsxReader.Row row) {
        String type = row.get("type");
        String code = GroupType.ofCodeOrName(type).map(GroupType::code).orElse(type);
        School core = row.get("coreSchoolCode") == null && row.get("coreSchoolName") == null ? null
                : new School(row.get("coreSchoolCode"), row.get("coreSchoolName"));
        Contact contact = row.get("contactName") == null && row.get("contactPhone") == null
                && row.get("contactEmail") == null ? null
                : new Contact(row.get("contactName"), row.get("contactPhone"), row.get("contactEmail"));
        return new GroupRequest(row.get("name"), code, row.get("district"), core, members(row.get("memberSchools")),
                contact);
    }

    /** {@code "HB002 江北小学\nHB003 新城小学"}: one school a line (or separated by ；), its code, then its name. */
    static List<School> members(String cell) {
        List<School> members = new ArrayList<>();
        if (cell == null) {
            return members;
        }
        for (String entry : ENTRIES.split(cell)) {
            if (entry.isBlank()) {
                continue;
            }
            var m = CODE_AND_NAME.matcher(entry.strip());
            m.matches();
            members.add(new School(m.group(1), m.group(2).isBlank() ? null : m.group(2).strip()));
        }
        return members;
    }

    /** A member's error says which member it is about: "member 3 (HB003 新城小学): …". */
    private static String member(FieldError error, GroupRequest request) {
        String p = error.pointer();
        if (!p.startsWith("/memberSchools/")) {
            return error.message();
        }
        String[] parts = p.split("/");
        int i = Integer.parseInt(parts[2]);
        School school = request.memberSchools().get(i);
        return "member " + (i + 1) + " (" + (school.code() == null ? "" : school.code())
                + (school.name() == null ? "" : " " + school.name()) + "): " + error.message();
    }

    /** The template's instructions, one line each (the sheet 填写说明). */
    public static List<String> instructions() {
        List<String> lines = new ArrayList<>();
        lines.add("集团名单导入模板：每行一个教育集团，第一行为表头，请勿修改、删除或调换列，请勿合并单元格，请勿使用公式。");
        lines.add("集团名称：1–" + GroupRules.MAX_NAME + " 个字符。");
        lines.add("集团类型：" + String.join("、", GroupType.all().stream().map(GroupType::zh).toList())
                + "（可从下拉列表选择）。");
        lines.add("所属区县代码：6 位行政区划代码（GB/T 2260），例如 610902。");
        lines.add("核心学校代码：1–20 位字母或数字；一所学校只能属于一个集团。");
        lines.add("成员学校：每行一所（单元格内换行，或以分号分隔），先写学校代码，再写学校名称，例如“HB002 江北小学”；"
                + "至少 1 所，至多 " + GroupRules.MAX_MEMBERS + " 所。");
        lines.add("联系人、联系电话、电子邮箱：可不填。");
        lines.add("每个文件至多 " + MAX_ROWS + " 行；全部行均无误时才会一次性登记，任何一行有误则一个都不登记，并逐一指出行号与列。");
        return lines;
    }

    /** A sample row for the template, in column order. */
    public static Map<String, String> sample() {
        Map<String, String> sample = new LinkedHashMap<>();
        sample.put("name", "汉滨区第一教育集团");
        sample.put("type", "托管型");
        sample.put("district", "610902");
        sample.put("coreSchoolCode", "HB001");
        sample.put("coreSchoolName", "汉滨高级中学");
        sample.put("memberSchools", "HB002 江北小学\nHB003 新城小学");
        sample.put("contactName", "王老师");
        sample.put("contactPhone", "0915-1234567");
        sample.put("contactEmail", "office@example.org");
        return sample;
    }
}
