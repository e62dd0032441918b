// spets_support.h — the C edge: libedit's variadic calls, the SIGINT flag, sqlite3_interrupt.
#ifndef SPETS_SUPPORT_H
#define SPETS_SUPPORT_H
#include <stdio.h>
#include <histedit.h>
#include <sqlite3.h>

// History (libedit native API).
History *spets_hist_open(int size);
int spets_hist_enter(History *h, const char *line);
int spets_hist_load(History *h, const char *path);
int spets_hist_save(History *h, const char *path);
void spets_hist_close(History *h);
int spets_hist_count(History *h);
const char *spets_hist_at(History *h, int n);

typedef char *(*spets_prompt_fn)(EditLine *);
typedef unsigned char (*spets_key_fn)(EditLine *, int);

// el_init on stdin/stdout/stderr, emacs keys, EL_SIGNAL, prompt, history, ~/.editrc.
EditLine *spets_el_open(const char *prog, History *h, spets_prompt_fn prompt);
int spets_el_addfn(EditLine *el, const char *name, const char *help, spets_key_fn fn);
// Binds key in the emacs map and in vi's command map, so ~/.editrc with `bind -v` works.
int spets_el_bind(EditLine *el, const char *key, const char *name);
int spets_el_setty(EditLine *el, const char *a, const char *b);
void spets_el_close(EditLine *el);

// SIGINT: the handler only sets a flag and interrupts the registered database.
void spets_install_sigint(void);
void spets_set_interrupt_db(sqlite3 *db);
int spets_interrupt_requested(void);
void spets_clear_interrupt(void);

// HTTP(S) GET through libcurl, loaded with dlopen at the first call: sessions that never
// fetch pay nothing at start-up, and building needs no libcurl headers. Returns 0 and the
// body in *out (free with spets_http_free), -1 when libcurl is not installed, or libcurl's
// error code with its message in err.
// A body longer than max_bytes stops the transfer and returns -2; at most max_redirects
// redirects are followed, and only to http(s).
int spets_http_get(const char *url, long timeout_seconds, size_t max_bytes, long max_redirects,
                   unsigned char **out, size_t *out_len, long *status, char *err, size_t err_len);
void spets_http_free(unsigned char *p);

FILE *spets_stdout(void);

// Progress on stderr for statements that run longer than half a second: a thread draws one
// line (`load: 45 % · 120 of 270 MB · 95 MB/s · 2 s left`) from counters the loaders set,
// and erases it when the statement ends. Only when stderr is a terminal.
void spets_progress_begin(const char *label);
// unit: 0 bytes (drawn as MB and MB/s), 1 regions, 2 rows.
void spets_progress_report(long long done, long long total, int unit);
void spets_progress_end(void);
int spets_terminal_rows(int fd);

// The terminal's width in columns (ioctl is variadic, so it is called from C); 0 if fd is not a terminal.
int spets_terminal_columns(int fd);
FILE *spets_stderr(void);

// `sql`: defensive mode, no FTS3 tokenizer registration, no extensions, untrusted schema
// (once per connection); then, around each query, an authorizer that allows only reading
// and a deadline (seconds; 0 none) after which the query is interrupted.
void spets_sql_harden(sqlite3 *db);
void spets_sql_readonly(sqlite3 *db, int on, double seconds);
int spets_sql_timed_out(void);
// What the authorizer last refused ("ATTACH", "PRAGMA writable_schema", …); empty if nothing.
const char *spets_sql_denied(void);
#endif
