// spets_support.h — the core's C edge: the SIGINT flag and sqlite3_interrupt, HTTP through
// libcurl, the `sql` lock-down. No terminal, no libedit (those are CTerminal's).
#ifndef SPETS_SUPPORT_H
#define SPETS_SUPPORT_H
#include <stdio.h>
#include <sqlite3.h>

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

// `sql`: defensive mode, no FTS3 tokenizer registration, no extensions, untrusted schema
// (once per connection); then, around each query, an authorizer that allows only reading
// and a deadline (seconds; 0 none) after which the query is interrupted.
void spets_sql_harden(sqlite3 *db);
void spets_sql_readonly(sqlite3 *db, int on, double seconds);
int spets_sql_timed_out(void);
// What the authorizer last refused ("ATTACH", "PRAGMA writable_schema", …); empty if nothing.
const char *spets_sql_denied(void);

// mremap(old, old_size, new_size, MREMAP_MAYMOVE); NULL when it fails (RowColumns.swift).
void *spets_mremap_grow(void *old, size_t old_size, size_t new_size);
#endif
