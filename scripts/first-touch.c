/* first-touch.c — what fresh memory costs on this machine: 336 MB (the L dataset's columns)
 * of new anonymous memory written one byte a page on two threads, then the same bytes again.
 *   cc -O2 -pthread -o /tmp/first-touch scripts/first-touch.c
 *   for m in 0 1 2; do sleep 3; /tmp/first-touch $m; done     # "cold": 3 s after the last
 *   for m in 0 1 2; do /tmp/first-touch $m; /tmp/first-touch $m; done   # back to back
 * mode 0: 4 KB pages, one fault each; 1: MADV_POPULATE_WRITE, one call per half;
 * 2: MADV_HUGEPAGE, then as 0. docs/performance.md has the figures. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static const size_t N = 336ul << 20;
static int mode;
static char *p;

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

static void *half(void *which) {
    char *q = p + (size_t)which * (N / 2);
    if (mode == 1) madvise(q, N / 2, 23 /* MADV_POPULATE_WRITE */);
    else for (size_t i = 0; i < N / 2; i += 4096) q[i] = 1;
    return 0;
}

int main(int argc, char **argv) {
    mode = argc > 1 ? atoi(argv[1]) : 0;
    p = mmap(0, N, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return 1;
    if (mode == 2) madvise(p, N, MADV_HUGEPAGE);
    double t0 = now();
    pthread_t a, b;
    pthread_create(&a, 0, half, (void *)0); pthread_create(&b, 0, half, (void *)1);
    pthread_join(a, 0); pthread_join(b, 0);
    double t1 = now();
    memset(p, 2, N);
    double t2 = now();
    printf("mode %d: first touch %.1f ms, the same bytes again %.1f ms\n", mode, (t1 - t0) * 1e3, (t2 - t1) * 1e3);
    return 0;
}
