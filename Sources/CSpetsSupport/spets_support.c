// spets_support.c — non-variadic wrappers (Swift cannot call C variadics) and signal state.
#include "spets_support.h"
#include <signal.h>
#include <string.h>

History *spets_hist_open(int size) {
    HistEvent ev;
    History *h = history_init();
    if (!h) return NULL;
    history(h, &ev, H_SETSIZE, size);
    history(h, &ev, H_SETUNIQUE, 1);
    return h;
}
int spets_hist_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }
int spets_hist_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }
int spets_hist_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }
void spets_hist_close(History *h) { if (h) history_end(h); }

EditLine *spets_el_open(const char *prog, History *h, spets_prompt_fn prompt) {
    EditLine *el = el_init(prog, stdin, stdout, stderr);
    if (!el) return NULL;
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_SIGNAL, 1);
    el_set(el, EL_PROMPT, prompt);
    if (h) el_set(el, EL_HIST, history, h);
    el_source(el, NULL);
    return el;
}
int spets_el_addfn(EditLine *el, const char *name, const char *help, spets_key_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
int spets_el_bind(EditLine *el, const char *key, const char *name) {
    int a = el_set(el, EL_BIND, key, name, NULL);
    el_set(el, EL_BIND, "-a", key, name, NULL);
    return a;
}
int spets_el_setty(EditLine *el, const char *a, const char *b) { return el_set(el, EL_SETTY, a, b, NULL); }
void spets_el_close(EditLine *el) { if (el) el_end(el); }

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
}
void spets_set_interrupt_db(sqlite3 *db) { interrupt_db = db; }
int spets_interrupt_requested(void) { return interrupt_flag != 0; }
void spets_clear_interrupt(void) { interrupt_flag = 0; }
FILE *spets_stdout(void) { return stdout; }
FILE *spets_stderr(void) { return stderr; }
