/* LD_PRELOAD shim for profiling graphql-bench under valgrind's callgrind
 * (see ../README.md, "Instruction counts"). Built by callgrind.sh.
 *
 * - The first CLOCK_PROCESS_CPUTIME_ID read (just before the timed loop)
 *   zeroes callgrind's counters; the second (just after it) dumps them, so
 *   the dump holds the timed iterations only.
 * - The first write to standard output after that (the result line) exits
 *   at once: valgrind 3.19 crashes at the process's exit (below).
 * - valgrind 3.19 rewrites the mask passed to sigsuspend in place, and
 *   libdispatch passes a read-only one, which kills valgrind; this passes a
 *   writable copy.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

static int cpu_time_reads = 0;

int clock_gettime(clockid_t id, struct timespec *ts) {
    static int (*real)(clockid_t, struct timespec *);
    if (!real) real = dlsym(RTLD_NEXT, "clock_gettime");
    if (id == CLOCK_PROCESS_CPUTIME_ID) {
        cpu_time_reads++;
        if (cpu_time_reads == 1) {
            int result = real(id, ts);
            CALLGRIND_ZERO_STATS;
            return result;
        }
        if (cpu_time_reads == 2) CALLGRIND_DUMP_STATS_AT("timed loop");
    }
    return real(id, ts);
}

ssize_t write(int fd, const void *buf, size_t count) {
    static ssize_t (*real)(int, const void *, size_t);
    if (!real) real = dlsym(RTLD_NEXT, "write");
    ssize_t result = real(fd, buf, count);
    if (fd == 1 && cpu_time_reads >= 2) _exit(0);
    return result;
}

int sigsuspend(const sigset_t *mask) {
    static int (*real)(const sigset_t *);
    if (!real) real = dlsym(RTLD_NEXT, "sigsuspend");
    sigset_t copy = *mask;
    return real(&copy);
}
