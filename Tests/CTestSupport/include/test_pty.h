// test_pty.h — test-only: start a program on a new pseudo-terminal (for REPL tests).
#ifndef SPETS_TEST_PTY_H
#define SPETS_TEST_PTY_H
#include <sys/types.h>
// Starts `path` with argv/envp in `cwd` on a fresh pty (24 rows, `columns` wide) as its
// controlling terminal. Returns 0 and fills *master and *pid, or -1.
int spets_test_spawn_pty(const char *path, char *const argv[], char *const envp[], const char *cwd,
                         int columns, int *master, pid_t *pid);
#endif
