// test_pty.c — fork + setsid + TIOCSCTTY: what a terminal emulator does for its shell.
#define _GNU_SOURCE
#include "test_pty.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int spets_test_spawn_pty(const char *path, char *const argv[], char *const envp[], const char *cwd,
                         int columns, int *master, pid_t *pid) {
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0) return -1;
    const char *name = ptsname(m);
    if (!name) return -1;
    struct winsize ws = { .ws_row = 24, .ws_col = (unsigned short)columns };
    pid_t p = fork();
    if (p < 0) return -1;
    if (p == 0) {
        setsid();
        int s = open(name, O_RDWR);
        if (s < 0) _exit(126);
        ioctl(s, TIOCSCTTY, 0);
        ioctl(s, TIOCSWINSZ, &ws);
        dup2(s, 0); dup2(s, 1); dup2(s, 2);
        if (s > 2) close(s);
        close(m);
        if (cwd && chdir(cwd) != 0) _exit(126);
        execve(path, argv, envp);
        _exit(127);
    }
    *master = m;
    *pid = p;
    return 0;
}
