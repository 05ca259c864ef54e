/*
 * replay: the C side of the write benchmark.
 *
 *   replay OUTDIR TRACE...
 *
 * Reads each call trace that `budgetxlsx bulk --trace-calls` recorded (one
 * `<workbook>.xlsx.trace` per workbook) and makes exactly the same
 * libxlsxwriter calls, writing each workbook into OUTDIR under the base name
 * of its original path. Reading and parsing the trace is part of the measured
 * work: it is this program's counterpart of BudgetXLSX decoding its JSON.
 *
 * The trace format is described in Benchmarks/README.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_FIELDS 16

static const char *current_trace = "";
static long current_line = 0;

static void die(const char *what) {
    fprintf(stderr, "replay: %s:%ld: %s\n", current_trace, current_line, what);
    exit(1);
}

static void check(lxw_error error, const char *what) {
    if (error != LXW_NO_ERROR) {
        fprintf(stderr, "replay: %s:%ld: %s: %s\n", current_trace, current_line, what, lxw_strerror(error));
        exit(1);
    }
}

/* Undoes the trace's escapes (\\ \t \n \r) in place; the text only shrinks. */
static char *unescape(char *text) {
    char *in = text, *out = text;
    while (*in) {
        if (*in == '\\' && in[1]) {
            switch (in[1]) {
            case 't': *out++ = '\t'; break;
            case 'n': *out++ = '\n'; break;
            case 'r': *out++ = '\r'; break;
            default: *out++ = in[1]; break;
            }
            in += 2;
        } else {
            *out++ = *in++;
        }
    }
    *out = '\0';
    return text;
}

/* A text field where `-` or an empty field means "none". */
static const char *optional_text(char *field) {
    if (field[0] == '\0' || (field[0] == '-' && field[1] == '\0')) return NULL;
    return unescape(field);
}

static long integer(const char *field) {
    char *end;
    errno = 0;
    long value = strtol(field, &end, 10);
    if (errno || end == field || *end) die("bad integer field");
    return value;
}

static double number(const char *field) {
    char *end;
    double value = strtod(field, &end);
    if (end == field || *end) die("bad number field");
    return value;
}

static int absent(const char *field) { return field[0] == '-' && field[1] == '\0'; }

/* Formats of the workbook being replayed, by trace id (0 = no format). */
static lxw_format **formats = NULL;
static size_t format_capacity = 0;

static lxw_format *format_of(const char *field) {
    long id = integer(field);
    if (id == 0) return NULL;
    if (id < 0 || (size_t)id >= format_capacity || !formats[id]) die("format used before it was defined");
    return formats[id];
}

static void define_format(lxw_workbook *workbook, char **f, int n) {
    if (n != 15) die("F needs 14 fields");
    long id = integer(f[1]);
    if (id <= 0) die("bad format id");
    if ((size_t)id >= format_capacity) {
        size_t capacity = format_capacity ? format_capacity : 64;
        while (capacity <= (size_t)id) capacity *= 2;
        formats = realloc(formats, capacity * sizeof *formats);
        if (!formats) die("out of memory");
        memset(formats + format_capacity, 0, (capacity - format_capacity) * sizeof *formats);
        format_capacity = capacity;
    }
    lxw_format *format = workbook_add_format(workbook);
    if (!format) die("cannot add a format");
    const char *font = optional_text(f[2]);
    if (font) format_set_font_name(format, font);
    if (!absent(f[3])) format_set_font_size(format, number(f[3]));
    if (integer(f[4])) format_set_bold(format);
    if (integer(f[5])) format_set_underline(format, LXW_UNDERLINE_SINGLE);
    if (!absent(f[6])) format_set_font_color(format, (lxw_color_t)integer(f[6]));
    long horizontal = integer(f[7]);
    if (horizontal != 0) format_set_align(format, (uint8_t)horizontal);
    switch (integer(f[8])) {
    case 1: format_set_align(format, LXW_ALIGN_VERTICAL_TOP); break;
    case 2: format_set_align(format, LXW_ALIGN_VERTICAL_CENTER); break;
    case 3: format_set_align(format, LXW_ALIGN_VERTICAL_JUSTIFY); break;
    case 4: format_set_align(format, LXW_ALIGN_VERTICAL_DISTRIBUTED); break;
    default: break;
    }
    if (integer(f[9])) format_set_text_wrap(format);
    long indent = integer(f[10]);
    if (indent > 0) format_set_indent(format, (uint8_t)indent);
    long border = integer(f[11]);
    if (border != 0) format_set_border(format, (uint8_t)border);
    if (!absent(f[12])) {
        format_set_pattern(format, LXW_PATTERN_SOLID);
        format_set_bg_color(format, (lxw_color_t)integer(f[12]));
    }
    const char *code = optional_text(f[13]);
    if (code) format_set_num_format(format, code);
    if (integer(f[14])) format_set_unlocked(format);
    formats[id] = format;
}

static void page_setup(lxw_worksheet *sheet, char **f, int n) {
    if (n != 11) die("p needs 10 fields");
    if (integer(f[1])) worksheet_set_landscape(sheet); else worksheet_set_portrait(sheet);
    worksheet_set_paper(sheet, (uint8_t)integer(f[2]));
    if (!absent(f[3]) && !absent(f[4])) worksheet_fit_to_pages(sheet, (uint16_t)integer(f[3]), (uint16_t)integer(f[4]));
    if (integer(f[5])) worksheet_center_horizontally(sheet);
    if (!absent(f[6])) {
        double m[4];
        char *cursor = f[6];
        for (int i = 0; i < 4; i++) {
            char *end;
            m[i] = strtod(cursor, &end);
            if (end == cursor || (i < 3 && *end != ',') || (i == 3 && *end)) die("bad margins");
            cursor = end + 1;
        }
        worksheet_set_margins(sheet, m[0], m[1], m[2], m[3]);
    }
    if (!absent(f[7]) && !absent(f[8]))
        check(worksheet_repeat_rows(sheet, (lxw_row_t)integer(f[7]), (lxw_row_t)integer(f[8])), "repeat rows");
    const char *footer = optional_text(f[9]);
    if (footer) check(worksheet_set_footer(sheet, footer), "footer");
    const char *header = optional_text(f[10]);
    if (header) check(worksheet_set_header(sheet, header), "header");
}

static void validation(lxw_worksheet *sheet, char **f, int n) {
    if (n != 11) die("v needs 10 fields");
    lxw_data_validation v;
    memset(&v, 0, sizeof v);
    v.validate = LXW_VALIDATION_TYPE_DECIMAL;
    int has_min = !absent(f[5]), has_max = !absent(f[6]);
    if (has_min && has_max) {
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_number = number(f[5]);
        v.maximum_number = number(f[6]);
    } else if (has_min) {
        v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        v.value_number = number(f[5]);
    } else {
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_number = -1e15;
        v.maximum_number = has_max ? number(f[6]) : 1e15;
    }
    v.ignore_blank = LXW_VALIDATION_ON;
    v.input_title = (char *)optional_text(f[7]);
    v.input_message = (char *)optional_text(f[8]);
    v.error_title = (char *)optional_text(f[9]);
    v.error_message = (char *)optional_text(f[10]);
    v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    check(worksheet_data_validation_range(sheet, (lxw_row_t)integer(f[1]), (lxw_col_t)integer(f[2]),
                                          (lxw_row_t)integer(f[3]), (lxw_col_t)integer(f[4]), &v),
          "data validation");
}

static void page_breaks(lxw_worksheet *sheet, char *list) {
    size_t count = 1;
    for (char *c = list; *c; c++) count += *c == ',';
    lxw_row_t *breaks = calloc(count + 1, sizeof *breaks);
    if (!breaks) die("out of memory");
    char *cursor = list;
    for (size_t i = 0; i < count; i++) {
        char *end;
        breaks[i] = (lxw_row_t)strtoul(cursor, &end, 10);
        if (end == cursor) die("bad page break list");
        cursor = end + 1;
    }
    check(worksheet_set_h_pagebreaks(sheet, breaks), "page breaks");
    free(breaks);
}

static char *read_file(const char *path, size_t *size) {
    FILE *file = fopen(path, "rb");
    if (!file) die(strerror(errno));
    if (fseek(file, 0, SEEK_END) != 0) die("cannot seek");
    long length = ftell(file);
    if (length < 0) die("cannot tell the size");
    rewind(file);
    char *data = malloc((size_t)length + 1);
    if (!data) die("out of memory");
    if (fread(data, 1, (size_t)length, file) != (size_t)length) die("short read");
    fclose(file);
    data[length] = '\0';
    *size = (size_t)length;
    return data;
}

static void replay(const char *trace_path, const char *output_directory) {
    current_trace = trace_path;
    current_line = 0;
    size_t size;
    char *data = read_file(trace_path, &size);
    lxw_workbook *workbook = NULL;
    lxw_worksheet *sheet = NULL;
    char *cursor = data, *end = data + size;
    char *f[MAX_FIELDS];

    while (cursor < end) {
        current_line++;
        char *newline = memchr(cursor, '\n', (size_t)(end - cursor));
        char *line = cursor;
        if (newline) { *newline = '\0'; cursor = newline + 1; } else { cursor = end; }
        if (!*line) continue;
        int n = 0;
        f[n++] = line;
        for (char *c = line; *c; c++) {
            if (*c == '\t') {
                *c = '\0';
                if (n == MAX_FIELDS) die("too many fields");
                f[n++] = c + 1;
            }
        }
        char op = f[0][0];
        if (op == '\0' || f[0][1] != '\0') die("unknown operation");
        if (op != 'W' && !workbook) die("operation before W");
        if (strchr("snbflkmchzpBvxa", op) && !sheet) die("sheet operation before S");

        switch (op) {
        case 'W': {
            if (n != 3) die("W needs 2 fields");
            if (workbook) die("W inside a workbook");
            const char *original = unescape(f[1]);
            const char *base = strrchr(original, '/');
            base = base ? base + 1 : original;
            size_t length = strlen(output_directory) + 1 + strlen(base) + 1;
            char *path = malloc(length);
            if (!path) die("out of memory");
            snprintf(path, length, "%s/%s", output_directory, base);
            lxw_workbook_options options = {0};
            options.constant_memory = (uint8_t)integer(f[2]);
            workbook = workbook_new_opt(path, &options);
            free(path);
            if (!workbook) die("cannot create the workbook");
            break;
        }
        case 'F': define_format(workbook, f, n); break;
        case 'S':
            if (n != 2) die("S needs 1 field");
            sheet = workbook_add_worksheet(workbook, unescape(f[1]));
            if (!sheet) die("cannot add a worksheet");
            break;
        case 's':
            if (n != 5) die("s needs 4 fields");
            check(worksheet_write_string(sheet, (lxw_row_t)integer(f[1]), (lxw_col_t)integer(f[2]), unescape(f[4]),
                                         format_of(f[3])), "string");
            break;
        case 'n':
            if (n != 5) die("n needs 4 fields");
            check(worksheet_write_number(sheet, (lxw_row_t)integer(f[1]), (lxw_col_t)integer(f[2]), number(f[4]),
                                         format_of(f[3])), "number");
            break;
        case 'b':
            if (n != 4) die("b needs 3 fields");
            check(worksheet_write_blank(sheet, (lxw_row_t)integer(f[1]), (lxw_col_t)integer(f[2]), format_of(f[3])),
                  "blank");
            break;
        case 'f':
            if (n != 6) die("f needs 5 fields");
            check(worksheet_write_formula_num(sheet, (lxw_row_t)integer(f[1]), (lxw_col_t)integer(f[2]), unescape(f[4]),
                                              format_of(f[3]), number(f[5])), "formula");
            break;
        case 'g':
            if (n != 5) die("g needs 4 fields");
            check(worksheet_write_formula_str(sheet, (lxw_row_t)integer(f[1]), (lxw_col_t)integer(f[2]), unescape(f[4]),
                                              format_of(f[3]), ""), "formula");
            break;
        case 'l': {
            if (n != 7) die("l needs 6 fields");
            const char *location = unescape(f[4]);
            size_t length = strlen("internal:") + strlen(location) + 1;
            char *url = malloc(length);
            if (!url) die("out of memory");
            snprintf(url, length, "internal:%s", location);
            check(worksheet_write_url_opt(sheet, (lxw_row_t)integer(f[1]), (lxw_col_t)integer(f[2]), url,
                                          format_of(f[3]), unescape(f[5]), optional_text(f[6])), "link");
            free(url);
            break;
        }
        case 'k': {
            if (n != 5) die("k needs 4 fields");
            lxw_comment_options options;
            memset(&options, 0, sizeof options);
            options.author = (char *)optional_text(f[4]);
            options.x_scale = 2;
            options.y_scale = 1.5;
            check(worksheet_write_comment_opt(sheet, (lxw_row_t)integer(f[1]), (lxw_col_t)integer(f[2]), unescape(f[3]),
                                              &options), "comment");
            break;
        }
        case 'm':
            if (n != 7) die("m needs 6 fields");
            check(worksheet_merge_range(sheet, (lxw_row_t)integer(f[1]), (lxw_col_t)integer(f[2]), (lxw_row_t)integer(f[3]),
                                        (lxw_col_t)integer(f[4]), unescape(f[6]), format_of(f[5])), "merge");
            break;
        case 'c':
            if (n != 5) die("c needs 4 fields");
            check(worksheet_set_column(sheet, (lxw_col_t)integer(f[1]), (lxw_col_t)integer(f[2]), number(f[3]),
                                       format_of(f[4])), "column");
            break;
        case 'h':
            if (n != 3) die("h needs 2 fields");
            check(worksheet_set_row(sheet, (lxw_row_t)integer(f[1]), number(f[2]), NULL), "row");
            break;
        case 'z':
            if (n != 3) die("z needs 2 fields");
            worksheet_freeze_panes(sheet, (lxw_row_t)integer(f[1]), (lxw_col_t)integer(f[2]));
            break;
        case 'p': page_setup(sheet, f, n); break;
        case 'B':
            if (n != 2) die("B needs 1 field");
            page_breaks(sheet, f[1]);
            break;
        case 'v': validation(sheet, f, n); break;
        case 'x': {
            if (n != 4) die("x needs 3 fields");
            lxw_protection options;
            memset(&options, 0, sizeof options);
            options.insert_rows = (uint8_t)integer(f[2]);
            options.format_columns = (uint8_t)integer(f[3]);
            worksheet_protect(sheet, optional_text(f[1]), &options);
            break;
        }
        case 'a': worksheet_activate(sheet); break;
        case 'P': {
            if (n != 8) die("P needs 7 fields");
            lxw_doc_properties properties;
            memset(&properties, 0, sizeof properties);
            properties.title = (char *)optional_text(f[1]);
            properties.subject = (char *)optional_text(f[2]);
            properties.author = (char *)optional_text(f[3]);
            properties.company = (char *)optional_text(f[4]);
            properties.category = (char *)optional_text(f[5]);
            properties.keywords = (char *)optional_text(f[6]);
            properties.comments = (char *)optional_text(f[7]);
            check(workbook_set_properties(workbook, &properties), "properties");
            break;
        }
        case 'C':
            if (n != 4) die("C needs 3 fields");
            if (f[2][0] == 'i')
                check(workbook_set_custom_property_integer(workbook, unescape(f[1]), (int32_t)integer(f[3])), "property");
            else
                check(workbook_set_custom_property_string(workbook, unescape(f[1]), unescape(f[3])), "property");
            break;
        case 'X':
            check(workbook_close(workbook), "closing the workbook");
            workbook = NULL;
            sheet = NULL;
            memset(formats, 0, format_capacity * sizeof *formats);
            break;
        default: die("unknown operation");
        }
    }
    if (workbook) die("trace ends before X");
    free(data);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: replay OUTDIR TRACE...\n");
        return 64;
    }
    for (int i = 2; i < argc; i++) replay(argv[i], argv[1]);
    free(formats);
    return 0;
}
