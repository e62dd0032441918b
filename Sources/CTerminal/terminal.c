// terminal.c — the terminal edge, for the interactive shell and the host only: libedit's
// variadic calls (Swift cannot call C variadics), the terminal's size (ioctl is variadic)
// and the progress line's drawing thread. The core library links none of it.
//
// libedit is loaded with dlopen when the REPL first needs it, not linked: a script, `-c` or a
// notebook never edits a line, and mapping libedit with its three libraries cost ~0.5 ms of
// every start (docs/performance.md). The header still comes from the CEditLine target.
#include "spets_terminal.h"
#include <dlfcn.h>
#include <sys/ioctl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// libedit's entry points, resolved on first use.
static struct {
    int tried, ok;
    EditLine *(*el_init)(const char *, FILE *, FILE *, FILE *);
    void (*el_end)(EditLine *);
    int (*el_set)(EditLine *, int, ...);
    int (*el_source)(EditLine *, const char *);
    const char *(*el_gets)(EditLine *, int *);
    void (*el_push)(EditLine *, const char *);
    const LineInfo *(*el_line)(EditLine *);
    void (*el_deletestr)(EditLine *, int);
    int (*el_insertstr)(EditLine *, const char *);
    History *(*history_init)(void);
    void (*history_end)(History *);
    int (*history)(History *, HistEvent *, int, ...);
} ed;

int spets_edit_load(void) {
    if (ed.tried) return ed.ok;
    ed.tried = 1;
    void *lib = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libedit.so.0", RTLD_NOW | RTLD_LOCAL);   // Fedora, Arch, Alpine
    if (!lib) lib = dlopen("libedit.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return 0;
#define RESOLVE(name) if (!(*(void **)&ed.name = dlsym(lib, #name))) return 0;
    RESOLVE(el_init) RESOLVE(el_end) RESOLVE(el_set) RESOLVE(el_source) RESOLVE(el_gets)
    RESOLVE(el_push) RESOLVE(el_line) RESOLVE(el_deletestr) RESOLVE(el_insertstr)
    RESOLVE(history_init) RESOLVE(history_end) RESOLVE(history)
#undef RESOLVE
    ed.ok = 1;
    return 1;
}

const char *spets_el_gets(EditLine *el, int *count) { return ed.el_gets(el, count); }
void spets_el_push(EditLine *el, const char *s) { ed.el_push(el, s); }
const LineInfo *spets_el_line(EditLine *el) { return ed.el_line(el); }
void spets_el_deletestr(EditLine *el, int n) { ed.el_deletestr(el, n); }
int spets_el_insertstr(EditLine *el, const char *s) { return ed.el_insertstr(el, s); }

History *spets_hist_open(int size) {
    HistEvent ev;
    History *h = ed.history_init();
    if (!h) return NULL;
    ed.history(h, &ev, H_SETSIZE, size);
    ed.history(h, &ev, H_SETUNIQUE, 1);
    return h;
}
int spets_hist_enter(History *h, const char *line) { HistEvent ev; return ed.history(h, &ev, H_ENTER, line); }
int spets_hist_load(History *h, const char *path) { HistEvent ev; return ed.history(h, &ev, H_LOAD, path); }
int spets_hist_save(History *h, const char *path) { HistEvent ev; return ed.history(h, &ev, H_SAVE, path); }
void spets_hist_close(History *h) { if (h) ed.history_end(h); }
int spets_hist_count(History *h) {
    HistEvent ev;
    int n = 0;
    for (int r = ed.history(h, &ev, H_LAST); r != -1; r = ed.history(h, &ev, H_PREV)) n++;
    return n;
}
/* The n-th entry, oldest first (0 = the oldest); NULL past the end. */
const char *spets_hist_at(History *h, int n) {
    HistEvent ev;
    int r = ed.history(h, &ev, H_LAST);
    for (int i = 0; r != -1 && i < n; i++) r = ed.history(h, &ev, H_PREV);
    return r == -1 ? NULL : ev.str;
}

EditLine *spets_el_open(const char *prog, History *h, spets_prompt_fn prompt) {
    EditLine *el = ed.el_init(prog, stdin, stdout, stderr);
    if (!el) return NULL;
    ed.el_set(el, EL_EDITOR, "emacs");
    ed.el_set(el, EL_SIGNAL, 1);
    ed.el_set(el, EL_PROMPT, prompt);
    if (h) ed.el_set(el, EL_HIST, ed.history, h);
    ed.el_source(el, NULL);
    return el;
}
int spets_el_addfn(EditLine *el, const char *name, const char *help, spets_key_fn fn) {
    return ed.el_set(el, EL_ADDFN, name, help, fn);
}
int spets_el_bind(EditLine *el, const char *key, const char *name) {
    int a = ed.el_set(el, EL_BIND, key, name, NULL);
    ed.el_set(el, EL_BIND, "-a", key, name, NULL);
    return a;
}
int spets_el_setty(EditLine *el, const char *a, const char *b) { return ed.el_set(el, EL_SETTY, a, b, NULL); }
void spets_el_close(EditLine *el) { if (el) ed.el_end(el); }

int spets_terminal_columns(int fd) {
    struct winsize w;
    if (ioctl(fd, TIOCGWINSZ, &w) != 0) return 0;
    return w.ws_col;
}

int spets_terminal_rows(int fd) {
    struct winsize w;
    if (ioctl(fd, TIOCGWINSZ, &w) != 0) return 0;
    return w.ws_row;
}

static _Atomic long long progress_done, progress_total;
/* What is counted: 0 bytes (loads), 1 regions (compare), 2 rows (export). */
static _Atomic int progress_unit;
static const char *const progress_units[] = {"MB", "regions", "rows"};
static _Atomic int progress_stop;
static pthread_t progress_thread;
static int progress_running;
static char progress_label[64];
/* Seconds before the line appears, so short work does not flicker; SPETS_PROGRESS_AFTER
   sets it (tests use 0: they must not depend on how fast a load is). */
static double progress_after = 0.5;

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void *progress_main(void *arg) {
    (void)arg;
    double start = now_seconds();
    int drawn = 0;
    while (!atomic_load(&progress_stop)) {
        struct timespec nap = {0, 100 * 1000 * 1000};
        nanosleep(&nap, NULL);
        double el = now_seconds() - start;
        if (el < progress_after || atomic_load(&progress_stop)) continue;
        long long done = atomic_load(&progress_done), total = atomic_load(&progress_total);
        char line[200];
        int unit = atomic_load(&progress_unit);
        if (total > 0 && done > 0 && unit != 0) {
            double rate = done / el, left = rate > 0 ? (total - done) / rate : 0;
            snprintf(line, sizeof line, "\r%s: %3.0f %% · %lld of %lld %s · %.0f s left\033[K",
                     progress_label, 100.0 * done / total, done, total, progress_units[unit], left);
        } else if (total > 0 && done > 0) {
            double rate = done / el, left = rate > 0 ? (total - done) / rate : 0;
            snprintf(line, sizeof line, "\r%s: %3.0f %% · %.0f of %.0f MB · %.0f MB/s · %.0f s left\033[K",
                     progress_label, 100.0 * done / total, done / 1e6, total / 1e6, rate / 1e6, left);
        } else {
            snprintf(line, sizeof line, "\r%s: %.1f s\033[K", progress_label, el);
        }
        ssize_t w = write(2, line, strlen(line));
        (void)w;
        drawn = 1;
    }
    if (drawn) { ssize_t w = write(2, "\r\033[K", 4); (void)w; }
    return NULL;
}

void spets_progress_begin(const char *label) {
    if (progress_running || !isatty(2)) return;
    snprintf(progress_label, sizeof progress_label, "%s", label);
    const char *after = getenv("SPETS_PROGRESS_AFTER");
    if (after) { char *end; double s = strtod(after, &end); if (end != after && s >= 0 && s <= 60) progress_after = s; }
    atomic_store(&progress_done, 0);
    atomic_store(&progress_total, 0);
    atomic_store(&progress_unit, 0);
    atomic_store(&progress_stop, 0);
    if (pthread_create(&progress_thread, NULL, progress_main, NULL) == 0) progress_running = 1;
}

void spets_progress_report(long long done, long long total, int unit) {
    atomic_store(&progress_unit, unit >= 0 && unit <= 2 ? unit : 0);
    atomic_store(&progress_done, done);
    atomic_store(&progress_total, total);
}

void spets_progress_end(void) {
    if (!progress_running) return;
    atomic_store(&progress_stop, 1);
    pthread_join(progress_thread, NULL);
    progress_running = 0;
}
