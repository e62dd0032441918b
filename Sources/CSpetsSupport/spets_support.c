// spets_support.c — the core's C edge: the SIGINT flag and sqlite3_interrupt, libcurl
// through dlopen, the `sql` statement's lock-down, and mremap (a GNU call the Swift Glibc
// module does not show). The terminal's edge is CTerminal.
#define _GNU_SOURCE
#include "spets_support.h"
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t interrupt_flag = 0;
static sqlite3 *volatile interrupt_db = NULL;

static void on_sigint(int sig) {
    (void)sig;
    interrupt_flag = 1;
    sqlite3 *db = interrupt_db;
    if (db) sqlite3_interrupt(db);
}
void spets_install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    // Past a file-size limit (ulimit -f) a write fails with EFBIG and the statement is
    // rolled back with an error, rather than the process being killed mid-statement.
    signal(SIGXFSZ, SIG_IGN);
}
void spets_set_interrupt_db(sqlite3 *db) { interrupt_db = db; }
int spets_interrupt_requested(void) { return interrupt_flag != 0; }
void spets_clear_interrupt(void) { interrupt_flag = 0; }

// ---- HTTP through libcurl (dlopen) ----
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

// The few libcurl entry points and option numbers used (stable parts of libcurl's ABI).
typedef void *(*curl_init_fn)(void);
typedef int (*curl_setopt_fn)(void *, int, ...);
typedef int (*curl_perform_fn)(void *);
typedef int (*curl_getinfo_fn)(void *, int, ...);
typedef void (*curl_cleanup_fn)(void *);
typedef const char *(*curl_strerror_fn)(int);
enum { OPT_WRITEDATA = 10001, OPT_URL = 10002, OPT_ERRORBUFFER = 10010, OPT_USERAGENT = 10018,
       OPT_WRITEFUNCTION = 20011, OPT_TIMEOUT = 13, OPT_FOLLOWLOCATION = 52, OPT_CONNECTTIMEOUT = 78,
       OPT_NOSIGNAL = 99, OPT_MAXREDIRS = 68, OPT_PROTOCOLS = 181, OPT_REDIR_PROTOCOLS = 182,
       PROTO_HTTP = 1, PROTO_HTTPS = 2, INFO_RESPONSE_CODE = 0x200002 };

struct spets_body { unsigned char *data; size_t len, cap, limit; int over; };

static size_t spets_write(char *ptr, size_t size, size_t n, void *user) {
    struct spets_body *b = user;
    size_t add = size * n;
    // A body over the limit stops the transfer (returning less than given aborts it).
    if (b->limit && b->len + add > b->limit) { b->over = 1; return 0; }
    if (b->len + add + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 16;
        while (cap < b->len + add + 1) cap *= 2;
        unsigned char *p = realloc(b->data, cap);
        if (!p) return 0;
        b->data = p; b->cap = cap;
    }
    memcpy(b->data + b->len, ptr, add);
    b->len += add;
    return add;
}

int spets_http_get(const char *url, long timeout_seconds, size_t max_bytes, long max_redirects,
                   unsigned char **out, size_t *out_len, long *status, char *err, size_t err_len) {
    static void *lib = NULL;
    if (!lib) lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libcurl-gnutls.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) { snprintf(err, err_len, "libcurl is not installed (libcurl4)"); return -1; }
    curl_init_fn init = (curl_init_fn)dlsym(lib, "curl_easy_init");
    curl_setopt_fn setopt = (curl_setopt_fn)dlsym(lib, "curl_easy_setopt");
    curl_perform_fn perform = (curl_perform_fn)dlsym(lib, "curl_easy_perform");
    curl_getinfo_fn getinfo = (curl_getinfo_fn)dlsym(lib, "curl_easy_getinfo");
    curl_cleanup_fn cleanup = (curl_cleanup_fn)dlsym(lib, "curl_easy_cleanup");
    curl_strerror_fn strerr = (curl_strerror_fn)dlsym(lib, "curl_easy_strerror");
    if (!init || !setopt || !perform || !getinfo || !cleanup || !strerr) {
        snprintf(err, err_len, "libcurl lacks curl_easy_*"); return -1;
    }
    void *h = init();
    if (!h) { snprintf(err, err_len, "curl_easy_init failed"); return -1; }
    struct spets_body body = {0};
    body.limit = max_bytes;
    char errbuf[256] = {0};
    setopt(h, OPT_URL, url);
    setopt(h, OPT_WRITEFUNCTION, spets_write);
    setopt(h, OPT_WRITEDATA, &body);
    setopt(h, OPT_ERRORBUFFER, errbuf);
    setopt(h, OPT_USERAGENT, "spets");
    setopt(h, OPT_FOLLOWLOCATION, 1L);
    setopt(h, OPT_MAXREDIRS, max_redirects);
    // Only HTTP(S), also after a redirect (a server cannot send spets to file:// or elsewhere).
    setopt(h, OPT_PROTOCOLS, (long)(PROTO_HTTP | PROTO_HTTPS));
    setopt(h, OPT_REDIR_PROTOCOLS, (long)(PROTO_HTTP | PROTO_HTTPS));
    setopt(h, OPT_NOSIGNAL, 1L);
    setopt(h, OPT_CONNECTTIMEOUT, 10L);
    setopt(h, OPT_TIMEOUT, timeout_seconds);
    int rc = perform(h);
    long code = 0;
    getinfo(h, INFO_RESPONSE_CODE, &code);
    cleanup(h);
    *status = code;
    if (rc != 0) {
        snprintf(err, err_len, "%s", errbuf[0] ? errbuf : strerr(rc));
        free(body.data);
        return body.over ? -2 : rc;
    }
    *out = body.data; *out_len = body.len;
    return 0;
}

void spets_http_free(unsigned char *p) { free(p); }

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

// The `sql` statement's lock-down. The authorizer allows reading and nothing else: no
// ATTACH, no transaction or savepoint, no write, PRAGMA only from a short list of ones that
// only read, and no function that registers or loads anything.
static char sql_denied[160];
static int deny(const char *what, const char *name) {
    snprintf(sql_denied, sizeof sql_denied, "%s%s%s", what, name ? " " : "", name ? name : "");
    return SQLITE_DENY;
}
static int sql_authorize(void *user, int action, const char *a, const char *b, const char *db, const char *trigger) {
    (void)user; (void)db; (void)trigger;
    switch (action) {
    case SQLITE_SELECT: case SQLITE_READ: case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_FUNCTION:   /* a is NULL, b the function's name */
        if (b && (sqlite3_stricmp(b, "fts3_tokenizer") == 0 || sqlite3_stricmp(b, "load_extension") == 0
                  || sqlite3_stricmp(b, "readfile") == 0 || sqlite3_stricmp(b, "writefile") == 0
                  || sqlite3_stricmp(b, "edit") == 0)) return deny("the function", b);
        return SQLITE_OK;
    case SQLITE_PRAGMA: {   /* a the pragma, b its argument or NULL */
        // These only read, whatever their argument (a table or index name).
        static const char *reading[] = { "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
                                         "foreign_key_list", NULL };
        // These read without an argument and would write with one.
        static const char *bare[] = { "table_list", "page_count", "page_size", "user_version", "application_id", NULL };
        for (int i = 0; a && reading[i]; i++) if (sqlite3_stricmp(a, reading[i]) == 0) return SQLITE_OK;
        for (int i = 0; a && !b && bare[i]; i++) if (sqlite3_stricmp(a, bare[i]) == 0) return SQLITE_OK;
        return deny("PRAGMA", a);
    }
    case SQLITE_ATTACH: return deny("ATTACH", NULL);
    case SQLITE_DETACH: return deny("DETACH", NULL);
    case SQLITE_TRANSACTION: return deny(a ? a : "a transaction", NULL);
    case SQLITE_SAVEPOINT: return deny("SAVEPOINT", NULL);
    default:
        return deny("a statement that writes", NULL);
    }
}
const char *spets_sql_denied(void) { return sql_denied; }

static double sql_deadline = 0;
static int sql_progress(void *user) {
    (void)user;
    if (interrupt_flag) return 1;
    return sql_deadline > 0 && now_seconds() > sql_deadline;
}

void spets_sql_harden(sqlite3 *db) {
    int off = 0;
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &off);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, &off);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &off);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &off);
}

void spets_sql_readonly(sqlite3 *db, int on, double seconds) {
    sql_denied[0] = 0;
    sqlite3_set_authorizer(db, on ? sql_authorize : NULL, NULL);
    sql_deadline = on && seconds > 0 ? now_seconds() + seconds : 0;
    sqlite3_progress_handler(db, on ? 10000 : 0, on ? sql_progress : NULL, NULL);
}
int spets_sql_timed_out(void) { return sql_deadline > 0 && now_seconds() > sql_deadline; }

void *spets_mremap_grow(void *old, size_t old_size, size_t new_size) {
    void *p = mremap(old, old_size, new_size, MREMAP_MAYMOVE);
    return p == MAP_FAILED ? NULL : p;
}
