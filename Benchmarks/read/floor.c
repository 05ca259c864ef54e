/* The floor of the read benchmark: what libzip and expat alone cost for the parts a reader must
 * parse, with the libraries used as well as C can use them and no work done per cell.
 *
 *   floor WORKBOOK...
 *
 * For every workbook: files of up to 4 MiB are read into memory and opened with
 * zip_source_buffer_create (larger ones through libzip's file source), then every part that a
 * reader parses (relationships, the workbook, shared strings, styles, worksheets: all .xml and .rels
 * parts except [Content_Types].xml, docProps and themes) is inflated into expat's own buffer
 * (XML_GetBuffer) and parsed by one reused parser with handlers that only count events.
 * Prints one JSON line: {"events": N, "cpu": seconds, "seconds": wall seconds}. */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

static long events;
static void XMLCALL on_start(void *data, const char *name, const char **attributes) { (void)data; (void)name; (void)attributes; events++; }
static void XMLCALL on_end(void *data, const char *name) { (void)data; (void)name; events++; }
static void XMLCALL on_text(void *data, const char *text, int length) { (void)data; (void)text; (void)length; events++; }

static int parsed_part(const char *name) {
    size_t n = strlen(name);
    int xml = n > 4 && strcmp(name + n - 4, ".xml") == 0;
    int rels = n > 5 && strcmp(name + n - 5, ".rels") == 0;
    if (!xml && !rels) return 0;
    return !strstr(name, "Content_Types") && strncmp(name, "docProps/", 9) != 0 && !strstr(name, "theme");
}

static double seconds(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    double cpu0 = seconds(CLOCK_PROCESS_CPUTIME_ID), wall0 = seconds(CLOCK_MONOTONIC);
    XML_Parser parser = XML_ParserCreate(NULL);
    unsigned long salt = (unsigned long)time(NULL) * 2654435761u + 1;
    for (int f = 1; f < argc; f++) {
        char *contents = NULL;
        zip_t *archive = NULL;
        zip_error_t error;
        zip_error_init(&error);
        FILE *file = fopen(argv[f], "rb");
        if (!file) { perror(argv[f]); return 1; }
        fseek(file, 0, SEEK_END);
        long size = ftell(file);
        if (size <= (4 << 20)) {
            contents = malloc(size > 0 ? size : 1);
            fseek(file, 0, SEEK_SET);
            if (fread(contents, 1, size, file) != (size_t)size) { fprintf(stderr, "%s: short read\n", argv[f]); return 1; }
            zip_source_t *source = zip_source_buffer_create(contents, size, 0, &error);
            archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : NULL;
            if (source && !archive) zip_source_free(source);
        } else {
            int code = 0;
            archive = zip_open(argv[f], ZIP_RDONLY, &code);
        }
        fclose(file);
        if (!archive) { fprintf(stderr, "%s: not a zip archive\n", argv[f]); return 1; }
        zip_int64_t entries = zip_get_num_entries(archive, 0);
        for (zip_int64_t i = 0; i < entries; i++) {
            const char *name = zip_get_name(archive, i, 0);
            if (!name || !parsed_part(name)) continue;
            zip_file_t *part = zip_fopen_index(archive, i, 0);
            if (!part) { fprintf(stderr, "%s: %s cannot be opened\n", argv[f], name); return 1; }
            XML_ParserReset(parser, NULL);
            XML_SetHashSalt(parser, salt);
            XML_SetElementHandler(parser, on_start, on_end);
            XML_SetCharacterDataHandler(parser, on_text);
            for (;;) {
                void *buffer = XML_GetBuffer(parser, 65536);
                zip_int64_t n = zip_fread(part, buffer, 65536);
                if (n < 0 || XML_ParseBuffer(parser, (int)n, n == 0) != XML_STATUS_OK) {
                    fprintf(stderr, "%s: %s: %s\n", argv[f], name, XML_ErrorString(XML_GetErrorCode(parser)));
                    return 1;
                }
                if (n == 0) break;
            }
            zip_fclose(part);
        }
        zip_discard(archive);
        free(contents);
    }
    XML_ParserFree(parser);
    printf("{\"events\": %ld, \"cpu\": %.6f, \"seconds\": %.6f}\n", events,
           seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0, seconds(CLOCK_MONOTONIC) - wall0);
    return 0;
}
