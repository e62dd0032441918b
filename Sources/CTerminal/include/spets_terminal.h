// spets_terminal.h — the terminal edge: libedit, the terminal's size, the progress line.
#ifndef SPETS_TERMINAL_H
#define SPETS_TERMINAL_H
#include <stdio.h>
#include <histedit.h>

// Loads libedit (once); 0 when it is not installed. Every call below needs it loaded.
int spets_edit_load(void);

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
const char *spets_el_gets(EditLine *el, int *count);
void spets_el_push(EditLine *el, const char *s);
const LineInfo *spets_el_line(EditLine *el);
void spets_el_deletestr(EditLine *el, int n);
int spets_el_insertstr(EditLine *el, const char *s);

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

#endif
